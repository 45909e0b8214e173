// The consumers whose type-check cost the figure measures: one program that calls every
// operation of a synthetic spec and reads a field of each answer, written twice, as each
// contender's user would write it.
//   ours:       the generated function of each operation (generated/client.ts), through the
//               declarations a package build gives a consumer;
//   reference:  openapi-fetch over bare openapi-typescript's `paths` (the CLI's output).
// The calls come from the fragment's four operations, repeated for every copy.

import { functionName } from "../../scripts/generate/names.js";
import { TYPECHECK_TSCONFIG } from "../typecheck.js";

interface Call {
  readonly operationId: string;
  readonly method: "GET" | "POST" | "DELETE";
  readonly path: string;
  /** The arguments after the client, for the generated function. */
  readonly ours: string;
  /** The options of openapi-fetch's call. */
  readonly reference: string;
  /** A field read from the answer. */
  readonly read: string;
}

const FRAGMENT_CALLS: readonly Call[] = [
  { operationId: "admin-api-keys-list", method: "GET", path: "/organization/admin_api_keys", ours: "{ limit: 10 }", reference: "{ params: { query: { limit: 10 } } }", read: "data[0]?.id" },
  { operationId: "admin-api-keys-create", method: "POST", path: "/organization/admin_api_keys", ours: '{ name: "ci" }', reference: '{ body: { name: "ci" } }', read: "value" },
  { operationId: "admin-api-keys-get", method: "GET", path: "/organization/admin_api_keys/{key_id}", ours: '{ key_id: "key_abc" }', reference: '{ params: { path: { key_id: "key_abc" } } }', read: "name" },
  { operationId: "admin-api-keys-delete", method: "DELETE", path: "/organization/admin_api_keys/{key_id}", ours: '{ key_id: "key_abc" }', reference: '{ params: { path: { key_id: "key_abc" } } }', read: "deleted" },
];

/** Every call of a spec of `operations` operations (copy 0 is the fragment; see synthetic-spec.ts). */
function calls(operations: number): Call[] {
  const all: Call[] = [];
  for (let copy = 0; copy < operations / FRAGMENT_CALLS.length; copy++) {
    for (const call of FRAGMENT_CALLS) {
      all.push(copy === 0 ? call : { ...call, operationId: `${call.operationId}-copy${copy}`, path: `/copy${copy}${call.path}` });
    }
  }
  return all;
}

export function oursConsumer(operations: number): string {
  const lines = calls(operations).map((call) => `  console.log((await api.${functionName(call.operationId)}(client, ${call.ours})).parse("{}").${call.read});`);
  return [
    'import createClient from "openapi-fetch";',
    'import * as api from "./generated/client.js";',
    'import type { paths } from "./generated/schema.js";',
    "",
    "export async function main(): Promise<void> {",
    '  const client = createClient<paths>({ baseUrl: "https://api.openai.com/v1" });',
    ...lines,
    "}",
    "",
  ].join("\n");
}

export function referenceConsumer(operations: number): string {
  const lines = calls(operations).map((call) => `  console.log((await client.${call.method}(${JSON.stringify(call.path)}, ${call.reference})).data?.${call.read});`);
  return [
    'import createClient from "openapi-fetch";',
    'import type { paths } from "./schema.js";',
    "",
    "export async function main(): Promise<void> {",
    '  const client = createClient<paths>({ baseUrl: "https://api.openai.com/v1" });',
    ...lines,
    "}",
    "",
  ].join("\n");
}

/** As bench/typecheck.ts has it, without @types/node: the consumers use nothing of Node's. */
export const CONSUMER_TSCONFIG = {
  ...TYPECHECK_TSCONFIG,
  compilerOptions: { ...TYPECHECK_TSCONFIG.compilerOptions, types: [] },
};
