// createAdminKeysClient: checks the options once, builds the headers once, and wires the four
// operations of the generated client to the attempt loop, the input checks and pagination.

import createClient, { type Client, createQuerySerializer } from "openapi-fetch";
import {
  type AdminApiKey,
  type AdminApiKeyCreateRequest,
  type AdminApiKeyCreateResponse,
  type AdminApiKeyDeleteResponse,
  adminApiKeysCreate,
  adminApiKeysDelete,
  adminApiKeysGet,
  type AdminApiKeysListQuery,
  operationConstraints,
} from "../generated/client.js";
import type { paths } from "../generated/schema.js";
import { APIPromise, type WithResponse } from "./api-promise.js";
import { errorFromWrongShape, jsonShape } from "./exchange-errors.js";
import { guardedFetch } from "./guarded-fetch.js";
import { createClientLog } from "./logger.js";
import { type ClientOptions, resolveClientOptions } from "./client-options.js";
import { PagePromise } from "./pagination.js";
import { secretRedactor } from "./redact.js";
import type { RequestOptions } from "./request-options.js";
import { type Operation, type OperationSpec, Transport } from "./transport.js";
import { checkFields, checkObject, checkPathSegment, checkValue, isJsonObject } from "./validate.js";
import { VERSION } from "./version.js";

/**
 * The admin API key operations. Every method checks its input before sending anything and
 * rejects with an `APIError` subclass (or `InvalidParameterError`) when it fails. Each returns an
 * {@link APIPromise}: `await` it for the data, or use `.withResponse()` / `.asResponse()`.
 *
 * @example
 * ```ts
 * const { adminApiKeys } = createAdminKeysClient();
 * await adminApiKeys.delete((await adminApiKeys.create({ name: "temporary" })).id);
 * ```
 */
export interface AdminApiKeys {
  /**
   * Creates an admin API key. The answer's `value` is the secret, shown only this once: store it.
   * Not repeated after a 5xx or a timeout (the key may exist already); repeated on 429.
   *
   * @example
   * ```ts
   * const created = await client.adminApiKeys.create({ name: "CI", expires_in_seconds: 86_400 });
   * saveSecret(created.id, created.value);
   * ```
   */
  create(params: AdminApiKeyCreateRequest, options?: RequestOptions): APIPromise<AdminApiKeyCreateResponse>;
  /**
   * Fetches one key by ID (without its secret).
   *
   * @example
   * ```ts
   * const key = await client.adminApiKeys.retrieve("key_abc");
   * console.log(key.name, key.redacted_value, key.last_used_at);
   * ```
   */
  retrieve(keyId: string, options?: RequestOptions): APIPromise<AdminApiKey>;
  /**
   * Revokes a key at once.
   *
   * @example
   * ```ts
   * const { deleted } = await client.adminApiKeys.delete("key_abc");
   * ```
   */
  delete(keyId: string, options?: RequestOptions): APIPromise<AdminApiKeyDeleteResponse>;
  /**
   * Lists keys. Await the result for the first page, or iterate it for every key across pages.
   *
   * @example
   * ```ts
   * for await (const key of client.adminApiKeys.list({ limit: 100 })) console.log(key.id);
   * ```
   */
  list(params?: AdminApiKeysListQuery, options?: RequestOptions): PagePromise;
}

/**
 * What {@link createAdminKeysClient} returns.
 *
 * @example
 * ```ts
 * const client: AdminKeysClient = createAdminKeysClient();
 * const { id, value } = await client.adminApiKeys.create({ name: "deploy bot" });
 * ```
 */
export interface AdminKeysClient {
  /** Create, retrieve, delete and list admin API keys. */
  readonly adminApiKeys: AdminApiKeys;
  /**
   * The underlying openapi-fetch client, typed with the spec's `paths`, already sending the
   * admin key and User-Agent, and not following redirects. No checks, retries, timeouts or size
   * limit: an escape hatch.
   *
   * @example
   * ```ts
   * const { data, error } = await client.raw.GET("/organization/admin_api_keys", { params: { query: { limit: 5 } } });
   * ```
   */
  readonly raw: Client<paths>;
}

const { adminApiKeysCreate: CREATE, adminApiKeysGet: GET, adminApiKeysDelete: DELETE } = operationConstraints;

/**
 * A key, a created key and a deletion are each one JSON object. Anything else (an array, null, a
 * string) would reach the caller typed as a record and fail where a field is read, so it is an
 * APIError here, as a list answer that is not a page is. The fields themselves are the spec's
 * business: validateResponses checks them.
 */
function checkedRecord<T>(answer: WithResponse<T>, transport: Transport): WithResponse<T> {
  const { data, response } = answer;
  if (isJsonObject(data)) return answer;
  throw errorFromWrongShape(response, "a JSON object", jsonShape(data), (text) => transport.redact(text));
}

/** One call of the API: checks its input (rejecting, never throwing), then sends it. */
function call<A, T>(transport: Transport, operation: Operation<A, T>, spec: OperationSpec, check: () => A, options: RequestOptions | undefined): APIPromise<T> {
  return new APIPromise<T>({
    data: async () => checkedRecord(await transport.send(operation, spec, check(), options), transport),
    response: async () => transport.sendForResponse(operation, spec, check(), options),
  });
}

class AdminApiKeysResource implements AdminApiKeys {
  readonly #transport: Transport;

  constructor(transport: Transport) {
    this.#transport = transport;
  }

  create(params: AdminApiKeyCreateRequest, options?: RequestOptions): APIPromise<AdminApiKeyCreateResponse> {
    return call(this.#transport, adminApiKeysCreate, CREATE, () => {
      checkObject("create() parameters", params);
      checkFields("create()", params, CREATE.body.fields);
      return params;
    }, options);
  }

  retrieve(keyId: string, options?: RequestOptions): APIPromise<AdminApiKey> {
    return call(this.#transport, adminApiKeysGet, GET, () => {
      checkValue("keyId", keyId, GET.path_params.key_id);
      checkPathSegment("keyId", keyId);
      return { key_id: keyId };
    }, options);
  }

  delete(keyId: string, options?: RequestOptions): APIPromise<AdminApiKeyDeleteResponse> {
    return call(this.#transport, adminApiKeysDelete, DELETE, () => {
      checkValue("keyId", keyId, DELETE.path_params.key_id);
      checkPathSegment("keyId", keyId);
      return { key_id: keyId };
    }, options);
  }

  list(params?: AdminApiKeysListQuery, options?: RequestOptions): PagePromise {
    return new PagePromise(this.#transport, params ?? {}, options);
  }
}

/**
 * Creates a client for the organization admin API keys endpoints.
 *
 * Throws `InvalidParameterError` when no key is given (option `apiKey` or the `OPENAI_ADMIN_KEY`
 * environment variable), when an option is out of range, or when `baseUrl` is plain `http://` on
 * a host other than loopback (unless `allowInsecureHttp: true`).
 *
 * @example
 * ```ts
 * import { createAdminKeysClient } from "openai-admin-keys";
 *
 * const client = createAdminKeysClient(); // reads OPENAI_ADMIN_KEY
 * const page = await client.adminApiKeys.list({ limit: 20 });
 * console.log(page.data.map((key) => key.name));
 * ```
 */
export function createAdminKeysClient(options: ClientOptions = {}): AdminKeysClient {
  const resolved = resolveClientOptions(options);
  // Authorization and User-Agent are the client's own, whatever spelling the caller's headers use:
  // openapi-fetch sets these headers in this order, and setting a header replaces one of the same
  // name in any case, so the client's two, coming last, win.
  const headers: Record<string, string> = {
    ...resolved.headers,
    Authorization: `Bearer ${resolved.apiKey}`,
    "User-Agent": `openai-admin-keys/${VERSION}`,
  };

  const userFetch = resolved.fetch;
  const redact = secretRedactor(resolved.apiKey);
  // The API never redirects; a redirect followed would carry the admin key somewhere else.
  // The query serializer is made once here rather than on every call.
  const raw = createClient<paths>({
    baseUrl: resolved.baseUrl,
    headers,
    redirect: "manual",
    fetch: (request) => userFetch(request),
    querySerializer: createQuerySerializer(),
  });
  const transport = new Transport(raw, {
    maxRetries: resolved.maxRetries,
    timeoutMs: resolved.timeoutMs,
    maxResponseBytes: resolved.maxResponseBytes,
    fetch: guardedFetch(userFetch, resolved.maxResponseBytes, redact),
    redact,
    log: createClientLog(resolved.logLevel, resolved.logger, redact),
    validation: resolved.validation,
  });
  return { adminApiKeys: new AdminApiKeysResource(transport), raw };
}
