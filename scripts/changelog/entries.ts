// One changelog entry per API version: what changed since the version before, through the engine
// of spec:diff (scripts/spec-diff/engine.ts), so that a change is named and classified the same
// way in a pull request and in the history. The first version is compared with a document that
// has no operations, so its entry lists what the API started with.

import { diffMany, SPEC_DIFF_OPTIONS, type Change, type DiffJob, type DiffResult } from "../spec-diff/engine.js";
import { isObject, type JsonObject } from "../spec/json-value.js";
import { RefError } from "../spec/refs.js";
import type { SpecVersion } from "./history.js";

export interface ChangelogEntry {
  readonly version: string;
  /** The version before; null for the first. */
  readonly previous: string | null;
  /** The commit that set the version; null for the working tree. */
  readonly commit: string | null;
  /** How many operations the version has. */
  readonly operations: number;
  /** Breaking first, then spec-only, then non-breaking; in the engine's order within each. */
  readonly changes: readonly Change[];
  /** Set when the comparison could not be made (the changes are then empty), or was only partly confirmed. */
  readonly note?: string;
}

const KIND_ORDER: Readonly<Record<Change["kind"], number>> = { breaking: 0, "spec-only": 1, "non-breaking": 2 };

/** What the first version is compared with: the same document, without a single operation. */
function empty(first: JsonObject): JsonObject {
  return { openapi: first.openapi ?? "3.1.0", info: first.info ?? {}, paths: {} };
}

const METHODS = new Set(["get", "put", "post", "delete", "options", "head", "patch", "trace"]);

function operationCount(document: JsonObject): number {
  const paths = isObject(document.paths) ? Object.values(document.paths) : [];
  return paths.reduce<number>((count, item) => count + (isObject(item) ? Object.keys(item).filter((key) => METHODS.has(key)).length : 0), 0);
}

function ordered(changes: readonly Change[]): Change[] {
  return changes
    .map((change, index) => ({ change, index }))
    .sort((a, b) => KIND_ORDER[a.change.kind] - KIND_ORDER[b.change.kind] || a.index - b.index)
    .map(({ change }) => change);
}

/**
 * All comparisons go through the engine in one call (one type-checking pass for all of them). A
 * version the engine cannot read (a broken `$ref` committed long ago) must not take the whole
 * history down with it, so then each comparison is made on its own and that one gets a note.
 */
async function compare(jobs: readonly DiffJob[]): Promise<(DiffResult | Error)[]> {
  try {
    return await diffMany(jobs);
  } catch (error) {
    if (!(error instanceof RefError)) throw error;
  }
  const results: (DiffResult | Error)[] = [];
  for (const job of jobs) {
    try {
      const [result] = await diffMany([job]);
      results.push(result ?? new Error("the engine returned nothing"));
    } catch (error) {
      if (!(error instanceof RefError)) throw error;
      results.push(error);
    }
  }
  return results;
}

/** The entries, oldest version first. */
export async function changelogEntries(versions: readonly SpecVersion[]): Promise<ChangelogEntry[]> {
  const [first] = versions;
  if (first === undefined) return [];
  const jobs = versions.map((version, index) => ({
    before: versions[index - 1]?.document ?? empty(first.document),
    after: version.document,
    options: SPEC_DIFF_OPTIONS,
  }));
  const results = await compare(jobs);
  return versions.map((version, index) => {
    const result = results[index];
    const base = {
      version: version.version,
      previous: versions[index - 1]?.version ?? null,
      commit: version.commit,
      operations: operationCount(version.document),
    };
    if (result === undefined || result instanceof Error) {
      return { ...base, changes: [], note: `Could not be compared with the version before: ${result?.message ?? "no result"}` };
    }
    return { ...base, changes: ordered(result.changes), ...(result.warning === undefined ? {} : { note: result.warning }) };
  });
}
