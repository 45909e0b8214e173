// Shared by the spec-diff tests: the project's spec, parsed; copies of it with a change applied.

import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { isObject, type JsonObject, type JsonValue } from "../../scripts/spec/json-value.js";
import { loadComparedSpec } from "../../scripts/spec-diff/load-compared.js";

export const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const SPEC_FILE = `${REPO_ROOT}spec/openapi.yaml`;
/**
 * OpenAI's published admin-keys spec: the reference that sits beside the repository in
 * ../shared/reference (CI has it), or the file named by OPENAI_PUBLISHED_SPEC. Tests that need it
 * are skipped, visibly, when it is not there.
 */
export const PUBLISHED_FILE =
  process.env.OPENAI_PUBLISHED_SPEC ?? fileURLToPath(new URL("../../../shared/reference/openai-admin-api-keys.official.yaml", import.meta.url));
export const HAVE_PUBLISHED = existsSync(PUBLISHED_FILE);
if (!HAVE_PUBLISHED) console.warn(`spec-diff tests: ${PUBLISHED_FILE} not found; the tests against the published spec are skipped.`);

export const LIST = "/organization/admin_api_keys";
export const ONE = "/organization/admin_api_keys/{key_id}";

export async function loadSpec(path = SPEC_FILE): Promise<JsonObject> {
  return loadComparedSpec(readFileSync(path, "utf8"), path).data;
}

/** A deep copy of `document` with `edit` applied. */
export function mutated(document: JsonObject, edit: (copy: Spec) => void): JsonObject {
  const copy = structuredClone(document);
  edit(new Spec(copy));
  return copy;
}

/**
 * Reads and writes a parsed spec by path, failing loudly when a path is wrong (a mutation that
 * silently edits nothing would make its test pass for the wrong reason).
 */
export class Spec {
  constructor(readonly root: JsonObject) {}

  /** The object at `path` (keys, no escaping: `get("paths", LIST, "get")`). */
  get(...path: readonly string[]): JsonObject {
    let node: JsonValue = this.root;
    for (const key of path) {
      const next: JsonValue | undefined = isObject(node) ? node[key] : undefined;
      if (next === undefined) throw new Error(`test bug: nothing at ${path.join(" › ")} (stopped at ${key})`);
      node = next;
    }
    if (!isObject(node)) throw new Error(`test bug: ${path.join(" › ")} is not an object`);
    return node;
  }

  list(...path: readonly string[]): JsonValue[] {
    const key = path[path.length - 1];
    const parent = this.get(...path.slice(0, -1));
    const value = key === undefined ? undefined : parent[key];
    if (!Array.isArray(value)) throw new Error(`test bug: ${path.join(" › ")} is not an array`);
    return value;
  }

  remove(...path: readonly string[]): void {
    const key = path[path.length - 1];
    const parent = this.get(...path.slice(0, -1));
    if (key === undefined || !(key in parent)) throw new Error(`test bug: nothing to remove at ${path.join(" › ")}`);
    delete parent[key];
  }

  schema(name: string): JsonObject {
    return this.get("components", "schemas", name);
  }

  property(schema: string, name: string): JsonObject {
    return this.get("components", "schemas", schema, "properties", name);
  }

  parameter(name: string): JsonObject {
    return this.get("components", "parameters", name);
  }
}
