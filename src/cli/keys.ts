// The admin keys API as the CLI's commands see it: the client's operations, each answer handed
// over as a copy in which the secrets the CLI knows are hidden (the admin key; after a create,
// the new key's secret everywhere but its `value`). This happens before a command formats
// anything, so before any value is measured or shortened: a name that a server made out of the
// admin key cannot show even the key's first characters. The output sink hides whole secrets
// again in everything printed; this layer is what keeps a cut-off secret from getting past it.

import type {
  AdminApiKey,
  AdminApiKeyCreateParams,
  AdminApiKeyCreateResponse,
  AdminApiKeyDeleteResponse,
  AdminApiKeyListParams,
  AdminKeysClient,
  ApiKeyList,
} from "../index.js";
import { hideSecretsIn, secretForms } from "./secrets.js";

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
}

/** The parts of a page that are data, copied (a Page also holds the way to the next page). */
function pageData(page: ApiKeyList): ApiKeyList {
  return { object: page.object, data: page.data, has_more: page.has_more, first_id: page.first_id, last_id: page.last_id };
}

/**
 * The CLI's view of `client`, hiding `adminKey` (and the secrets of keys it creates) in every answer.
 *
 * @example
 * ```ts
 * const keys = cliKeys(createAdminKeysClient({ apiKey }), apiKey);
 * for await (const page of keys.pages({ limit: 100 })) console.log(page.data.length);
 * ```
 */
export function cliKeys(client: AdminKeysClient, adminKey: string): CliKeys {
  const secrets = secretForms(adminKey);
  // A copy, so what the client keeps (a page's cursor) is not changed under it.
  const shown = <T>(answer: T, keep: readonly string[] = []): T => {
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
      return shown(created, ["value"]);
    },
    delete: async (keyId) => shown(await api.delete(keyId)),
    page: async (query) => shown(pageData(await api.list(query))),
    async *pages(query) {
      for await (const page of api.list(query).pages()) yield shown(pageData(page));
    },
  };
}
