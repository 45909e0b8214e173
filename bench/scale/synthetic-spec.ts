// The synthetic specs of bench:scale: the fragment (spec/openapi.yaml) cloned until it has the
// number of operations asked for. Copy 0 is the fragment itself; copy i puts every path under
// `/copy<i>`, suffixes every operationId with `-copy<i>` and every component (schema,
// parameter, response, header, …) with `Copy<i>`, and points its `$ref`s at its own
// components, so each copy has a full set of its own and nothing is shared but the security
// scheme and the tags. A spec of N operations is then what N/4 real operations cost, written
// the way this project writes them (examples, descriptions and error responses included).

import { isObject, type JsonObject, type JsonValue } from "../../scripts/spec/json-value.js";
import { escapeToken } from "../../scripts/spec/refs.js";

const METHODS = new Set(["get", "put", "post", "delete", "options", "head", "patch", "trace"]);
/** Components every copy shares: authentication is the API's, not an operation's. */
const SHARED_SECTIONS = new Set(["securitySchemes"]);

export function operationCount(spec: JsonObject): number {
  const paths = isObject(spec.paths) ? spec.paths : {};
  return Object.values(paths).reduce<number>((sum, item) => sum + (isObject(item) ? Object.keys(item).filter((key) => METHODS.has(key)).length : 0), 0);
}

/** The fragment cloned to `operations` operations (a multiple of the fragment's own count). */
export function syntheticSpec(fragment: JsonObject, operations: number): JsonObject {
  const perCopy = operationCount(fragment);
  if (perCopy === 0 || operations % perCopy !== 0) throw new Error(`${operations} operations is not a multiple of the fragment's ${perCopy}`);
  const spec: JsonObject = { ...structuredClone(fragment), paths: {}, components: {} };
  const paths = spec.paths as JsonObject;
  const components = spec.components as JsonObject;
  for (let copy = 0; copy < operations / perCopy; copy++) {
    const clone = copy === 0 ? structuredClone(fragment) : renamed(fragment, copy);
    Object.assign(paths, clone.paths);
    for (const [section, entries] of Object.entries(isObject(clone.components) ? clone.components : {})) {
      components[section] = { ...(isObject(components[section]) ? components[section] : {}), ...(isObject(entries) ? entries : {}) };
    }
  }
  return spec;
}

function renamed(fragment: JsonObject, copy: number): JsonObject {
  const suffix = `Copy${copy}`;
  const refs = new Map<string, string>();
  const components: JsonObject = {};
  for (const [section, entries] of Object.entries(isObject(fragment.components) ? fragment.components : {})) {
    if (!isObject(entries)) continue;
    const shared = SHARED_SECTIONS.has(section);
    const names: JsonObject = {};
    for (const [name, value] of Object.entries(entries)) {
      const newName = shared ? name : `${name}${suffix}`;
      refs.set(`#/components/${section}/${escapeToken(name)}`, `#/components/${section}/${escapeToken(newName)}`);
      names[newName] = value;
    }
    components[section] = names;
  }
  const paths: JsonObject = {};
  for (const [path, item] of Object.entries(isObject(fragment.paths) ? fragment.paths : {})) {
    if (!isObject(item)) continue;
    const copied: JsonObject = {};
    for (const [key, value] of Object.entries(item)) {
      copied[key] = METHODS.has(key) && isObject(value) && typeof value.operationId === "string" ? { ...value, operationId: `${value.operationId}-copy${copy}` } : value;
    }
    paths[`/copy${copy}${path}`] = copied;
  }
  return rewriteRefs({ paths, components }, refs) as JsonObject;
}

function rewriteRefs(node: JsonValue, refs: ReadonlyMap<string, string>): JsonValue {
  if (Array.isArray(node)) return node.map((item) => rewriteRefs(item, refs));
  if (!isObject(node)) return node;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(node)) {
    out[key] = key === "$ref" && typeof value === "string" ? (refs.get(value) ?? value) : rewriteRefs(value, refs);
  }
  return out;
}
