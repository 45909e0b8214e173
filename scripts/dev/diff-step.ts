// The spec:diff step of a build: the saved spec against the one committed at HEAD, through the
// same engine and the same placing of changes as `npm run spec:diff`. Outside a git repository
// (or before the spec's first commit) the base is the spec as it was when `npm run dev`
// started, and the report says so.

import { diffSpecs, locateChanges, type LocatedChange } from "../spec-diff/engine.js";
import { fileAtRef, loadComparedSpec, SPEC_PATH, UnreadableSpecError } from "../spec-diff/load-compared.js";
import type { ComparedSpec } from "../spec-diff/load-compared.js";
import { RefError } from "../spec/refs.js";

export interface DiffOutcome {
  /** "HEAD", or "the spec when npm run dev started". */
  readonly since: string;
  readonly changes: readonly LocatedChange[];
  /** Why the comparison could not be made, or a note the engine left (types not confirmed). */
  readonly note?: string;
}

export class DiffStep {
  constructor(
    private readonly root: string,
    /** The spec text when the loop started: the base when git has none. */
    private readonly startText: string | undefined,
  ) {}

  async run(afterText: string): Promise<DiffOutcome> {
    const committed = fileAtRef("HEAD", SPEC_PATH, this.root);
    const since = committed === undefined ? "the spec when npm run dev started" : "HEAD";
    const beforeText = committed ?? this.startText;
    if (beforeText === undefined || beforeText === afterText) return { since, changes: [] };
    let before: ComparedSpec;
    let after: ComparedSpec;
    try {
      before = loadComparedSpec(beforeText, SPEC_PATH, committed === undefined ? "start" : "HEAD");
      after = loadComparedSpec(afterText, SPEC_PATH);
      const result = await diffSpecs(before.data, after.data);
      return { since, changes: locateChanges(result.changes, after), ...(result.warning === undefined ? {} : { note: result.warning }) };
    } catch (error) {
      if (error instanceof UnreadableSpecError) return { since, changes: [], note: `no comparison: ${error.message}` };
      if (error instanceof RefError) return { since, changes: [], note: `no comparison: ${error.message}` };
      throw error;
    }
  }
}
