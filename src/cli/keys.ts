// The admin keys API as the CLI's commands see it: the client's operations, each answer handed
// over as a copy in which the secrets the CLI knows are hidden (the admin key; after a create,
// the new key's secret everywhere but its `value`). This happens before a command formats
// anything, so before any value is measured or shortened: a name that a server made out of the
// admin key cannot show even the key's first characters. The output sink hides whole secrets
// again in everything printed; this layer is what keeps a cut-off secret from getting past it.
// A rotation's new secret is hidden from the moment it is handed over, in every record after.

import {
  type AdminApiKey,
  type AdminApiKeyCreateParams,
  type AdminApiKeyCreateResponse,
  type AdminApiKeyDeleteResponse,
  type AdminApiKeyListParams,
  type AdminKeysClient,
  type ApiKeyList,
  type ClientOptions,
  type CreateAttempt,
  type RotateKeyOptions,
  type RotationReport,
  type RotationStep,
  findKeysFromUnknownCreate,
  rotateKey,
} from "../index.js";
import { hideSecrets, hideSecretsIn, secretForms } from "./secrets.js";

/**
 * What the CLI's rotation takes: the library's options, less the client's, which the CLI knows.
 * Every rotation the CLI runs reports its steps, so `onStep` is required.
 */
export type CliRotateOptions = Omit<RotateKeyOptions, "clientOptions" | "onStep"> & { readonly onStep: (step: RotationStep) => void };

/** What the commands call; every answer is a copy with the known secrets hidden. */
export interface CliKeys {
  /** One key by ID. */
  retrieve(keyId: string): Promise<AdminApiKey>;
  /** Creates a key; its secret is in `value` and nowhere else, and hidden in every later answer. */
  create(params: AdminApiKeyCreateParams): Promise<AdminApiKeyCreateResponse>;
  /** Deletes a key. */
  delete(keyId: string): Promise<AdminApiKeyDeleteResponse>;
  /** The page the query names. */
  page(query: AdminApiKeyListParams): Promise<ApiKeyList>;
  /** Every page from the one the query names, each fetched only when the one before was taken. */
  pages(query: AdminApiKeyListParams): AsyncGenerator<ApiKeyList, void, undefined>;
  /** The library's rotation; the new secret is hidden in every record from when it is delivered. */
  rotate(keyId: string, options: CliRotateOptions): Promise<RotationReport>;
  /** The keys a create whose outcome is unknown may have made (the library's helper). */
  findFromUnknownCreate(attempt: CreateAttempt): Promise<AdminApiKey[]>;
  /** `text` with every secret this view knows hidden (the admin key, and those of keys it made). */
  hiddenText(text: string): string;
  /** A copy of a JSON value with every secret this view knows hidden in its strings. */
  hiddenCopy<T>(value: T): T;
}

/** The parts of a page that are data, copied (a Page also holds the way to the next page). */
function pageData(page: ApiKeyList): ApiKeyList {
  return { object: page.object, data: page.data, has_more: page.has_more, first_id: page.first_id, last_id: page.last_id };
}

/**
 * The CLI's view of `client`, hiding `adminKey` (and the secrets of keys it creates) in every answer.
 * `connection` is what `client` was made with besides the key (base URL, transport): a rotation
 * makes its verifying client from it and the new secret.
 *
 * @example
 * ```ts
 * const keys = cliKeys(createAdminKeysClient({ apiKey, baseUrl }), apiKey, { baseUrl });
 * for await (const page of keys.pages({ limit: 100 })) console.log(page.data.length);
 * ```
 */
export function cliKeys(client: AdminKeysClient, adminKey: string, connection: Omit<ClientOptions, "apiKey">): CliKeys {
  const secrets = secretForms(adminKey);
  // A copy, so what the client keeps (a page's cursor) is not changed under it.
  const shown = <T>(answer: T, ...keep: string[]): T => {
    const copy = structuredClone(answer);
    hideSecretsIn(copy, secrets, keep);
    return copy;
  };
  const api = client.adminApiKeys;
  return {
    retrieve: async (keyId) => shown(await api.retrieve(keyId)),
    async create(params) {
      const created = await api.create(params);
      // From a server, so checked: a secret that is not a string has nothing to hide elsewhere.
      if (typeof created.value === "string") secrets.push(...secretForms(created.value));
      return shown(created, "value");
    },
    delete: async (keyId) => shown(await api.delete(keyId)),
    page: async (query) => shown(pageData(await api.list(query))),
    async *pages(query) {
      for await (const page of api.list(query).pages()) yield shown(pageData(page));
    },
    async rotate(keyId, options) {
      const { confirm, onStep, deliver } = options;
      const report = await rotateKey(client, keyId, {
        ...options,
        clientOptions: connection,
        confirm: confirm === undefined ? undefined : (oldKey) => confirm(shown(oldKey)),
        onStep: (step) => onStep(shown(step)),
        deliver(secret, key) {
          // rotateKey stops before this when the create's answer held no secret.
          secrets.push(...secretForms(secret));
          return deliver(secret, shown(key));
        },
      });
      return shown(report);
    },
    findFromUnknownCreate: async (attempt) => shown(await findKeysFromUnknownCreate(client, attempt)),
    hiddenText: (text) => hideSecrets(text, secrets),
    hiddenCopy: (value) => shown(value),
  };
}
