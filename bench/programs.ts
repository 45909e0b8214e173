// The small programs that figures 4 (bundle size) and 5 (type-check cost) build, one per
// contender, each written the way a user of that contender would write it. They import the
// packages by their public names ("openai-admin-keys" resolves to this package's dist/, as it does
// for a user), so they are written out under .tmp/bench/ at run time rather than kept in bench/,
// where the project's own type check would need dist/ to exist.

import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { type Contender, ROOT } from "./harness.js";

/** Where the generated programs go (ignored by git). */
export const WORK_DIR = join(ROOT, ".tmp", "bench");

/** File-name form of a contender's name. */
export function slug(contender: string): string {
  return contender.replace(/[^a-z0-9]+/gi, "-").toLowerCase();
}

// Figure 4: a program that lists every key (for await where the contender offers it) and
// retrieves one. `main` is exported so the bundler keeps it.
export const BUNDLE_PROGRAMS: Record<Contender, string> = {
  "plain fetch": `
const KEYS_URL = "https://api.openai.com/v1/organization/admin_api_keys";

export async function main(apiKey: string): Promise<void> {
  const headers = { authorization: \`Bearer \${apiKey}\` };
  const get = async (url: string) => {
    const response = await fetch(url, { headers });
    if (!response.ok) throw new Error(\`HTTP \${response.status}\`);
    return response.json();
  };
  for (let after = ""; ; ) {
    const page = await get(\`\${KEYS_URL}?limit=100\${after}\`);
    for (const key of page.data) console.log(key.id);
    if (!page.has_more) break;
    after = \`&after=\${encodeURIComponent(page.last_id)}\`;
  }
  console.log((await get(\`\${KEYS_URL}/key_abc\`)).name);
}
`,
  "bare openapi-fetch": `
import createClient from "openapi-fetch";
import type { paths } from "openai-admin-keys/paths";

export async function main(apiKey: string): Promise<void> {
  const client = createClient<paths>({ baseUrl: "https://api.openai.com/v1", headers: { Authorization: \`Bearer \${apiKey}\` } });
  for (let after: string | undefined; ; ) {
    const { data, error } = await client.GET("/organization/admin_api_keys", { params: { query: { limit: 100, after } } });
    if (error) throw new Error(error.error.message);
    for (const key of data.data) console.log(key.id);
    if (!data.has_more || !data.last_id) break;
    after = data.last_id;
  }
  const { data, error } = await client.GET("/organization/admin_api_keys/{key_id}", { params: { path: { key_id: "key_abc" } } });
  if (error) throw new Error(error.error.message);
  console.log(data.name);
}
`,
  "openai-admin-keys": `
import { createAdminKeysClient } from "openai-admin-keys";

export async function main(apiKey: string): Promise<void> {
  const { adminApiKeys } = createAdminKeysClient({ apiKey });
  for await (const key of adminApiKeys.list({ limit: 100 })) console.log(key.id);
  console.log((await adminApiKeys.retrieve("key_abc")).name);
}
`,
  "openai SDK": `
import OpenAI from "openai";

export async function main(apiKey: string): Promise<void> {
  const { adminAPIKeys } = new OpenAI({ adminAPIKey: apiKey }).admin.organization;
  for await (const key of adminAPIKeys.list({ limit: 100 })) console.log(key.id);
  console.log((await adminAPIKeys.retrieve("key_abc")).name);
}
`,
};

/** Figure 4's program for ours with response validation turned on: the same job, plus the import. */
export const VALIDATING_PROGRAM = `
import "openai-admin-keys/validate-responses";
import { createAdminKeysClient } from "openai-admin-keys";

export async function main(apiKey: string): Promise<void> {
  const { adminApiKeys } = createAdminKeysClient({ apiKey, validateResponses: "strict" });
  for await (const key of adminApiKeys.list({ limit: 100 })) console.log(key.id);
  console.log((await adminApiKeys.retrieve("key_abc")).name);
}
`;

// Figure 5: a consumer that creates a client and calls each of the four operations, using what
// each call returns so that the checker has to work out its type.
export const TYPECHECK_CONSUMERS: Record<Contender, string> = {
  "plain fetch": `
interface AdminApiKey {
  object: "organization.admin_api_key";
  id: string;
  name?: string | null;
  redacted_value: string;
  created_at: number;
  expires_at: number | null;
  last_used_at?: number | null;
  owner: { type?: string; object?: string; id?: string; name?: string; created_at?: number; role?: string };
}
interface AdminApiKeyCreated extends AdminApiKey {
  value: string;
}
interface ApiKeyList {
  object: "list";
  data: AdminApiKey[];
  first_id?: string | null;
  last_id?: string | null;
  has_more: boolean;
}

const KEYS_URL = "https://api.openai.com/v1/organization/admin_api_keys";

export async function main(apiKey: string): Promise<void> {
  const headers = { authorization: \`Bearer \${apiKey}\`, "content-type": "application/json" };
  async function call<T>(url: string, init: RequestInit = {}): Promise<T> {
    const response = await fetch(url, { ...init, headers });
    if (!response.ok) throw new Error(\`HTTP \${response.status}\`);
    return (await response.json()) as T;
  }
  const created = await call<AdminApiKeyCreated>(KEYS_URL, { method: "POST", body: JSON.stringify({ name: "ci", expires_in_seconds: 3600 }) });
  const key = await call<AdminApiKey>(\`\${KEYS_URL}/\${encodeURIComponent(created.id)}\`);
  console.log(created.value.length, key.name, key.expires_at);
  for (let after = ""; ; ) {
    const page = await call<ApiKeyList>(\`\${KEYS_URL}?limit=100\${after}\`);
    for (const listed of page.data) console.log(listed.id, listed.last_used_at);
    if (!page.has_more || !page.last_id) break;
    after = \`&after=\${encodeURIComponent(page.last_id)}\`;
  }
  const deleted = await call<{ id: string; deleted: boolean }>(\`\${KEYS_URL}/\${encodeURIComponent(created.id)}\`, { method: "DELETE" });
  console.log(deleted.deleted);
}
`,
  "bare openapi-fetch": `
import createClient from "openapi-fetch";
import type { paths } from "openai-admin-keys/paths";

export async function main(apiKey: string): Promise<void> {
  const client = createClient<paths>({ baseUrl: "https://api.openai.com/v1", headers: { Authorization: \`Bearer \${apiKey}\` } });
  const created = await client.POST("/organization/admin_api_keys", { body: { name: "ci", expires_in_seconds: 3600 } });
  if (created.error) throw new Error(created.error.error.message);
  const key = await client.GET("/organization/admin_api_keys/{key_id}", { params: { path: { key_id: created.data.id } } });
  if (key.error) throw new Error(key.error.error.message);
  console.log(created.data.value.length, key.data.name, key.data.expires_at);
  for (let after: string | undefined; ; ) {
    const page = await client.GET("/organization/admin_api_keys", { params: { query: { limit: 100, after } } });
    if (page.error) throw new Error(page.error.error.message);
    for (const listed of page.data.data) console.log(listed.id, listed.last_used_at);
    if (!page.data.has_more || !page.data.last_id) break;
    after = page.data.last_id;
  }
  const deleted = await client.DELETE("/organization/admin_api_keys/{key_id}", { params: { path: { key_id: created.data.id } } });
  if (deleted.error) throw new Error(deleted.error.error.message);
  console.log(deleted.data.deleted);
}
`,
  "openai-admin-keys": `
import { createAdminKeysClient } from "openai-admin-keys";

export async function main(apiKey: string): Promise<void> {
  const { adminApiKeys } = createAdminKeysClient({ apiKey });
  const created = await adminApiKeys.create({ name: "ci", expires_in_seconds: 3600 });
  const key = await adminApiKeys.retrieve(created.id);
  console.log(created.value.length, key.name, key.expires_at);
  for await (const listed of adminApiKeys.list({ limit: 100 })) console.log(listed.id, listed.last_used_at);
  const deleted = await adminApiKeys.delete(created.id);
  console.log(deleted.deleted);
}
`,
  "openai SDK": `
import OpenAI from "openai";

export async function main(apiKey: string): Promise<void> {
  const { adminAPIKeys } = new OpenAI({ adminAPIKey: apiKey }).admin.organization;
  const created = await adminAPIKeys.create({ name: "ci", expires_in_seconds: 3600 });
  const key = await adminAPIKeys.retrieve(created.id);
  console.log(created.value?.length, key.name, key.expires_at);
  for await (const listed of adminAPIKeys.list({ limit: 100 })) console.log(listed.id, listed.last_used_at);
  const deleted = await adminAPIKeys.delete(created.id);
  console.log(deleted.deleted);
}
`,
};

/** Writes `text` to `.tmp/bench/<parts…>` and returns the path. */
export function writeWorkFile(text: string, ...parts: string[]): string {
  const path = join(WORK_DIR, ...parts);
  mkdirSync(join(path, ".."), { recursive: true });
  writeFileSync(path, text.trimStart());
  return path;
}
