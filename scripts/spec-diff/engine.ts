// The engine both commands share: compare two documents, then let the generated types confirm
// each break. A break the types do not see becomes "spec-only". locateChanges then gives each
// change the line and column of its node in the spec the pointers address.

import { compareSpecs } from "./compare.js";
import { typesDiffer } from "./confirm-types.js";
import type { CompareOptions, Finding } from "./findings.js";
import type { JsonObject, JsonValue } from "../spec/json-value.js";
import { placeOf, type LocatableSpec, type SourcePlace } from "./locate.js";
import { RULES, type RuleId } from "./rules.js";

export type ChangeKind = "breaking" | "non-breaking" | "spec-only";

/** One line of the report; also the shape of `--json` output's `changes[]`. */
export interface Change {
  readonly kind: ChangeKind;
  readonly rule: RuleId;
  readonly operation: string | null;
  readonly pointer: string;
  readonly before: JsonValue;
  readonly after: JsonValue;
  readonly message: string;
}

/**
 * A change and where it is written: `file`, `line` and `col` of the node `pointer` names (for
 * something removed, of its nearest ancestor still written there). The shape of `--json`
 * output's `changes[]`.
 */
export interface LocatedChange extends Change, SourcePlace {}

export interface DiffResult {
  readonly changes: Change[];
  readonly omittedErrorResponses: number;
  /** Set when the types could not be generated; breaks are then left unconfirmed ("breaking"). */
  readonly warning?: string;
}

export interface DiffJob {
  readonly before: JsonObject;
  readonly after: JsonObject;
  readonly options: CompareOptions;
}

export const SPEC_DIFF_OPTIONS: CompareOptions = { pointerSide: "after", ignoreDocs: false, ignoreErrorResponsesOnlyBefore: false };

/** Compares `before` with `after`. */
export async function diffSpecs(before: JsonObject, after: JsonObject, options: CompareOptions = SPEC_DIFF_OPTIONS): Promise<DiffResult> {
  const [result] = await diffMany([{ before, after, options }]);
  if (result === undefined) throw new Error("internal: diffMany returned no result");
  return result;
}

/** Several comparisons with one type-checking pass (the test catalogue runs dozens). */
export async function diffMany(jobs: readonly DiffJob[]): Promise<DiffResult[]> {
  const compared = jobs.map((job) => compareSpecs(job.before, job.after, job.options));
  const breaks = compared.map(({ findings }) => findings.filter((finding) => RULES[finding.rule].kind === "breaking" && finding.probe !== undefined));

  let differ: boolean[][] | undefined;
  let warning: string | undefined;
  if (breaks.some((list) => list.length > 0)) {
    try {
      const probes = breaks.map((list) => list.flatMap((finding) => (finding.probe ? [finding.probe] : [])));
      differ = await typesDiffer(jobs.map((job, index) => ({ before: job.before, after: job.after, probes: probes[index] ?? [] })));
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      warning = `Could not generate types to confirm the breaks (${reason}); they are reported unconfirmed.`;
    }
  }

  return compared.map(({ findings, omittedErrorResponses }, index) => {
    const seen = new Map<Finding, boolean>();
    (breaks[index] ?? []).forEach((finding, probeIndex) => seen.set(finding, differ?.[index]?.[probeIndex] ?? true));
    const changes = findings.map((finding) => toChange(finding, seen.get(finding)));
    return { changes: groupByOperation(changes), omittedErrorResponses, ...(warning === undefined ? {} : { warning }) };
  });
}

function toChange(finding: Finding, typesSeeIt: boolean | undefined): Change {
  let kind: ChangeKind = RULES[finding.rule].kind;
  // No probe means the types have no place for it at all (security): spec-only by definition.
  if (kind === "breaking" && (finding.probe === undefined || typesSeeIt === false)) kind = "spec-only";
  const { rule, operation, pointer, before, after, message } = finding;
  return { kind, rule, operation, pointer, before, after, message };
}

const KIND_ORDER: Record<ChangeKind, number> = { breaking: 0, "spec-only": 1, "non-breaking": 2 };

/** Operations in the order first met; within one, breaks first. */
function groupByOperation(changes: readonly Change[]): Change[] {
  const order = new Map<string | null, number>();
  for (const change of changes) if (!order.has(change.operation)) order.set(change.operation, order.size);
  return changes
    .map((change, index) => ({ change, index }))
    .sort(
      (a, b) =>
        (order.get(a.change.operation) ?? 0) - (order.get(b.change.operation) ?? 0) ||
        KIND_ORDER[a.change.kind] - KIND_ORDER[b.change.kind] ||
        a.index - b.index,
    )
    .map(({ change }) => change);
}

/**
 * Each change with its place in `spec`, the document its pointers address (the after side for
 * spec:diff, ours for spec:upstream). Keys in the order `--json` prints them.
 */
export function locateChanges(changes: readonly Change[], spec: LocatableSpec): LocatedChange[] {
  return changes.map(({ kind, rule, operation, pointer, before, after, message }) => {
    const { file, line, col } = placeOf(spec, pointer);
    return { kind, rule, operation, pointer, file, line, col, before, after, message };
  });
}

/** Whether the changes hold a break (confirmed by the types or not). */
export function hasBreak(changes: readonly Change[]): boolean {
  return changes.some((change) => change.kind !== "non-breaking");
}
