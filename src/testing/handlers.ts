// What each operation does to the store, with the semantics spec/openapi.yaml gives it.
// Handlers see a request that is routed, authenticated and has a parsed JSON body; they return
// the status and the body text to send.

import type { AdminApiKeyCreateRequest, AdminApiKeyOwner } from "../../generated/client.js";
import { schemaValidators } from "../../generated/validators.js";
import { type ErrorReply, invalidParam, keyNotFound } from "./mock-errors.js";
import { createdKey, newKeyId, newSecret } from "./records.js";
import type { OperationId } from "./routing.js";
import type { KeyStore } from "./store.js";
import { bodyProblem, checkPath, parseQuery } from "./validation.js";

/** A successful answer: status and JSON text. */
export interface Reply {
  readonly status: number;
  readonly text: string;
}

export interface HandlerContext {
  readonly store: KeyStore;
  readonly params: Readonly<Record<string, string>>;
  readonly search: URLSearchParams;
  readonly body: unknown;
  readonly nowSeconds: number;
  readonly owner: AdminApiKeyOwner;
}

type Handler = (context: HandlerContext) => Reply | ErrorReply;

function isCreateRequest(body: unknown): body is AdminApiKeyCreateRequest {
  return schemaValidators.AdminApiKeyCreateRequest(body);
}

function list(context: HandlerContext): Reply | ErrorReply {
  const query = parseQuery(context.search, "admin-api-keys-list");
  if (!query.ok) return query.error;
  // The spec's validator has checked the values and filled in its defaults for order and limit.
  const { order, limit, after } = query.values;
  const page = context.store.page(
    order === "desc",
    Number(limit),
    // Stryker disable next-line ConditionalExpression: the validator leaves after a string or absent, so this only narrows its type
    typeof after === "string" ? after : undefined,
  );
  if (page === undefined) {
    return invalidParam("after", `Invalid value for after: no admin API key has ID ${JSON.stringify(after)}; pass the last_id of a page.`);
  }
  const text =
    `{"object":"list","data":[${page.json.join(",")}],"first_id":${JSON.stringify(page.firstId)},` +
    `"last_id":${JSON.stringify(page.lastId)},"has_more":${page.hasMore}}`;
  return { status: 200, text };
}

function create(context: HandlerContext): Reply | ErrorReply {
  const { body, store } = context;
  if (!isCreateRequest(body)) return bodyProblem(body, schemaValidators.AdminApiKeyCreateRequest.errors);
  let id = newKeyId();
  // Stryker disable next-line ConditionalExpression: ids are 64 random bits, so a draw that hits a stored key (odds under 1 in 10^13 even with a million keys) never happens in a run
  while (store.has(id)) id = newKeyId();
  const secret = newSecret();
  const key = createdKey(body, id, secret, context.owner, context.nowSeconds);
  store.insert(key, secret, true);
  return { status: 200, text: JSON.stringify({ ...key, value: secret }) };
}

function keyId(context: HandlerContext): string {
  // Stryker disable next-line StringLiteral: only called after checkPath, which refuses params without key_id, so the fallback never applies
  return context.params["key_id"] ?? "";
}

function retrieve(context: HandlerContext): Reply | ErrorReply {
  const refused = checkPath(context.params, "admin-api-keys-get");
  if (refused !== undefined) return refused;
  const id = keyId(context);
  const text = context.store.json(id);
  return text === undefined ? keyNotFound(id) : { status: 200, text };
}

function remove(context: HandlerContext): Reply | ErrorReply {
  const refused = checkPath(context.params, "admin-api-keys-delete");
  if (refused !== undefined) return refused;
  const id = keyId(context);
  if (context.store.remove(id) === undefined) return keyNotFound(id);
  return { status: 200, text: JSON.stringify({ id, object: "organization.admin_api_key.deleted", deleted: true }) };
}

/** One handler per operation in the spec; the type fails to check if the spec gains one. */
export const handlers: Readonly<Record<OperationId, Handler>> = {
  "admin-api-keys-list": list,
  "admin-api-keys-create": create,
  "admin-api-keys-get": retrieve,
  "admin-api-keys-delete": remove,
};
