// What a comparison produces, and the one place findings are recorded: which pointer names a
// change, where the generated types hold it, and that each is reported once per operation.

import { valueAt, member, type Located } from "../spec/refs.js";
import { isObject, stableStringify, type JsonObject, type JsonValue } from "../spec/json-value.js";
import type { RuleId } from "./rules.js";

/** One step into the generated types: a property key, or into an array's items. */
export type TypeStep = string | number | { readonly items: true };

/** Where a finding lives in the generated `schema.ts` of each side; starts at `paths` or `operations`. */
export interface TypeProbe {
  readonly before: readonly TypeStep[];
  readonly after: readonly TypeStep[];
}

export interface Finding {
  readonly rule: RuleId;
  /** `GET /organization/admin_api_keys`, or null for a change outside any operation. */
  readonly operation: string | null;
  readonly pointer: string;
  readonly before: JsonValue;
  readonly after: JsonValue;
  readonly message: string;
  /** Undefined when the generated types have no place for the thing (e.g. security). */
  readonly probe: TypeProbe | undefined;
}

export interface CompareOptions {
  /** Which document the pointers address: the one a maintainer edits. */
  readonly pointerSide: "before" | "after";
  /** Leave out description, summary and example differences (for upstream comparisons). */
  readonly ignoreDocs: boolean;
  /** Leave out 4XX/5XX/default responses that only the before side documents. */
  readonly ignoreErrorResponsesOnlyBefore: boolean;
}

/** Whether a schema describes something sent (parameters, request bodies) or received. */
export type Where = "request" | "response";

/** Two located nodes, one per document; a missing node has an undefined value. */
export interface Pair {
  readonly before: Located;
  readonly after: Located;
}

/** The operation being compared. */
export interface Scope {
  readonly operation: string;
  /** The operation's place in the generated types of each side: ["paths", <path>, <method>]. */
  readonly roots: { readonly before: readonly TypeStep[]; readonly after: readonly TypeStep[] };
  /** Schema pairs already compared in this operation (shared schemas, cycles). */
  readonly seen: Set<string>;
}

export class Recorder {
  readonly findings: Finding[] = [];
  omittedErrorResponses = 0;
  private readonly keys = new Set<string>();

  constructor(
    readonly before: JsonObject,
    readonly after: JsonObject,
    readonly options: CompareOptions,
  ) {}

  /** Records a change to the node `pair`, found at `steps` below the operation in the types. */
  emit(scope: Scope, rule: RuleId, pair: Pair, before: JsonValue, after: JsonValue, message: string, steps: readonly TypeStep[]): void {
    this.record(scope, rule, this.pick(pair), before, after, message, this.probe(scope, steps));
  }

  record(scope: Scope, rule: RuleId, pointer: string, before: JsonValue, after: JsonValue, message: string, probe: TypeProbe | undefined): void {
    const key = `${scope.operation}\n${rule}\n${pointer}\n${message}`;
    if (this.keys.has(key)) return;
    this.keys.add(key);
    this.findings.push({ rule, operation: scope.operation, pointer, before, after, message, probe });
  }

  /** The pointer of the pair's node on the pointer side (where it would be, when missing). */
  pick(pair: Pair): string {
    return this.options.pointerSide === "after" ? pair.after.pointer : pair.before.pointer;
  }

  /**
   * Like pick, for a property or keyword that exists on one side only: it is named where the
   * other side has it, when that place exists on the pointer side too (a property removed from
   * a schema merged in through allOf is named in that schema, not in the one that merges it).
   */
  pickNear(pair: Pair): string {
    const onAfter = this.options.pointerSide === "after";
    const [mine, other, root] = onAfter ? [pair.after, pair.before, this.after] : [pair.before, pair.after, this.before];
    if (mine.value !== undefined || other.value === undefined) return mine.pointer;
    const parent = other.pointer.slice(0, other.pointer.lastIndexOf("/"));
    return valueAt(root, parent) !== undefined ? other.pointer : mine.pointer;
  }

  probe(scope: Scope, steps: readonly TypeStep[]): TypeProbe {
    return { before: [...scope.roots.before, ...steps], after: [...scope.roots.after, ...steps] };
  }
}

export function absent(pointer: string): Located {
  return { value: undefined, pointer };
}

export function field(located: Located, key: string): JsonValue | undefined {
  return member(located, key).value;
}

export function pairOf(pair: Pair, key: string): Pair {
  return { before: member(pair.before, key), after: member(pair.after, key) };
}

/** The keys of both nodes, the before side's first. */
export function unionKeys(pair: Pair): string[] {
  const keys = new Set<string>();
  for (const node of [pair.before.value, pair.after.value]) if (isObject(node)) for (const key of Object.keys(node)) keys.add(key);
  return [...keys];
}

/** A value for a message: short, on one line. */
export function show(value: JsonValue | undefined): string {
  if (value === undefined) return "(none)";
  const text = stableStringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
