// Cuts the admin API keys endpoints out of OpenAI's full published spec: the paths under
// /organization/admin_api_keys, and every component they reach through `$ref` (transitively),
// each kept at the pointer it has in the full spec, so that references still resolve and a
// report about the extract names places that exist in the published file.

import { isObject, type JsonObject, type JsonValue } from "../spec/json-value.js";
import { child, refTarget, valueAt } from "../spec/refs.js";

export const ADMIN_KEYS_PATH = "/organization/admin_api_keys";

/** The published document does not have what an extract needs. */
export class ExtractError extends Error {
  override readonly name = "ExtractError";
}

/**
 * The admin-keys part of `full`; throws an ExtractError when `full` has no such path, and a
 * RefError for a reference in that part that cannot be followed.
 */
export function extractAdminKeys(full: JsonObject): JsonObject {
  const paths = isObject(full.paths) ? full.paths : {};
  const kept: JsonObject = {};
  for (const [key, item] of Object.entries(paths)) {
    if (key === ADMIN_KEYS_PATH || key.startsWith(`${ADMIN_KEYS_PATH}/`)) kept[key] = item;
  }
  if (Object.keys(kept).length === 0) throw new ExtractError(`The document has no ${ADMIN_KEYS_PATH} paths.`);

  const extract: JsonObject = { openapi: full.openapi ?? "3.1.0", info: full.info ?? { title: "extract", version: "0" }, paths: kept };
  for (const key of ["servers", "security"] as const) {
    const value = full[key];
    if (value !== undefined) extract[key] = value;
  }

  const pending: Walked[] = [
    ...Object.entries(kept).map(([key, node]) => ({ node, pointer: child("/paths", key) })),
    { node: full.security ?? null, pointer: "/security" },
  ];
  const copied = new Set<string>();
  while (pending.length > 0) {
    const next = pending.pop();
    if (next === undefined) break;
    for (const { ref, holder } of referencesIn(next)) {
      if (copied.has(ref)) continue;
      copied.add(ref);
      const target = refTarget(full, ref, holder);
      place(extract, target.pointer, target.value);
      pending.push({ node: target.value, pointer: target.pointer });
    }
  }
  for (const name of securitySchemeNames(full, kept)) {
    const pointer = child("", "components", "securitySchemes", name);
    const scheme = valueAt(full, pointer);
    if (scheme !== undefined) place(extract, pointer, scheme);
  }
  return extract;
}

/** A node of the full document and its pointer there. */
interface Walked {
  readonly node: JsonValue;
  readonly pointer: string;
}

/** Every `$ref` string inside `start`, with the pointer of the node that holds it. */
function referencesIn(start: Walked): { ref: string; holder: string }[] {
  const refs: { ref: string; holder: string }[] = [];
  const stack: Walked[] = [start];
  while (stack.length > 0) {
    const current = stack.pop();
    if (current === undefined) break;
    const { node, pointer } = current;
    if (Array.isArray(node)) node.forEach((item, index) => stack.push({ node: item, pointer: child(pointer, index) }));
    else if (isObject(node)) {
      for (const [key, value] of Object.entries(node)) {
        if (key === "$ref" && typeof value === "string") refs.push({ ref: value, holder: pointer });
        // Examples and vendor metadata (x-oaiMeta) never hold references worth following.
        else if (key !== "example" && key !== "examples" && !key.startsWith("x-")) stack.push({ node: value, pointer: child(pointer, key) });
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
