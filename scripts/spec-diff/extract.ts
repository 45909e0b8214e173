// Cuts the admin API keys endpoints out of OpenAI's full published spec: the paths under
// /organization/admin_api_keys, and every component they reach through `$ref` (transitively),
// each kept at the pointer it has in the full spec, so that references still resolve and a
// report about the extract names places that exist in the published file.

import { child, refPointer, valueAt } from "./dereference.js";
import { isObject, type JsonObject, type JsonValue } from "./json.js";

export const ADMIN_KEYS_PATH = "/organization/admin_api_keys";

/** The admin-keys part of `full`; throws when `full` has no such path. */
export function extractAdminKeys(full: JsonObject): JsonObject {
  const paths = isObject(full.paths) ? full.paths : {};
  const kept: JsonObject = {};
  for (const [key, item] of Object.entries(paths)) {
    if (key === ADMIN_KEYS_PATH || key.startsWith(`${ADMIN_KEYS_PATH}/`)) kept[key] = item;
  }
  if (Object.keys(kept).length === 0) throw new Error(`The document has no ${ADMIN_KEYS_PATH} paths.`);

  const extract: JsonObject = { openapi: full.openapi ?? "3.1.0", info: full.info ?? { title: "extract", version: "0" }, paths: kept };
  for (const key of ["servers", "security"] as const) {
    const value = full[key];
    if (value !== undefined) extract[key] = value;
  }

  const pending: JsonValue[] = [kept, full.security ?? null];
  const copied = new Set<string>();
  while (pending.length > 0) {
    const node = pending.pop();
    for (const ref of referencesIn(node)) {
      if (copied.has(ref)) continue;
      copied.add(ref);
      const pointer = refPointer(ref);
      const target = valueAt(full, pointer);
      if (target === undefined) throw new Error(`The $ref "${ref}" points at nothing.`);
      place(extract, pointer, target);
      pending.push(target);
    }
  }
  for (const name of securitySchemeNames(full, kept)) {
    const pointer = child("", "components", "securitySchemes", name);
    const scheme = valueAt(full, pointer);
    if (scheme !== undefined) place(extract, pointer, scheme);
  }
  return extract;
}

/** Every `$ref` string inside `node`, and the names of the security schemes it requires. */
function referencesIn(node: JsonValue | undefined): string[] {
  const refs: string[] = [];
  const stack: (JsonValue | undefined)[] = [node];
  while (stack.length > 0) {
    const current = stack.pop();
    if (Array.isArray(current)) stack.push(...current);
    else if (isObject(current)) {
      for (const [key, value] of Object.entries(current)) {
        if (key === "$ref" && typeof value === "string") refs.push(value);
        // Examples and vendor metadata (x-oaiMeta) never hold references worth following.
        else if (key !== "example" && key !== "examples" && !key.startsWith("x-")) stack.push(value);
      }
    }
  }
  return refs;
}

function securitySchemeNames(full: JsonObject, paths: JsonObject): Set<string> {
  const names = new Set<string>();
  const add = (security: JsonValue | undefined): void => {
    if (!Array.isArray(security)) return;
    for (const requirement of security) if (isObject(requirement)) for (const name of Object.keys(requirement)) names.add(name);
  };
  add(full.security);
  for (const item of Object.values(paths)) {
    if (!isObject(item)) continue;
    for (const op of Object.values(item)) if (isObject(op)) add(op.security);
  }
  return names;
}

/** Writes `value` at `pointer` in `document`, creating the objects on the way. */
function place(document: JsonObject, pointer: string, value: JsonValue): void {
  const tokens = pointer.slice(1).split("/").map((token) => token.replace(/~1/g, "/").replace(/~0/g, "~"));
  const last = tokens.pop();
  if (last === undefined) return;
  let node = document;
  for (const token of tokens) {
    const next = node[token];
    if (isObject(next)) node = next;
    else node = node[token] = {};
  }
  node[last] = value;
}
