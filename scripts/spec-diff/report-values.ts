// What every report format shares: counting changes by kind, grouping them by operation, and
// showing a before/after value on one line.

import type { ChangeKind, LocatedChange } from "./engine.js";
import { stableStringify, type JsonValue } from "../spec/json-value.js";

export const KINDS: readonly ChangeKind[] = ["breaking", "spec-only", "non-breaking"];

/** "2 breaking, 1 spec-only, 3 non-breaking" (zero counts left out). */
export function tally(changes: readonly LocatedChange[]): string {
  return KINDS.map((kind) => [kind, changes.filter((change) => change.kind === kind).length] as const)
    .filter(([, count]) => count > 0)
    .map(([kind, count]) => `${count} ${kind}`)
    .join(", ");
}

export function byOperation(changes: readonly LocatedChange[]): Map<string | null, LocatedChange[]> {
  const groups = new Map<string | null, LocatedChange[]>();
  for (const change of changes) {
    const group = groups.get(change.operation);
    if (group) group.push(change);
    else groups.set(change.operation, [change]);
  }
  return groups;
}

/** A value on one line, cut to a readable length; the JSON output keeps it whole. */
export function brief(value: JsonValue): string {
  if (value === null) return "(none)";
  const text = typeof value === "string" ? JSON.stringify(value) : stableStringify(value);
  const flat = text.replace(/\s+/g, " ");
  return flat.length > 80 ? `${flat.slice(0, 77)}...` : flat;
}

/** `spec/openapi.yaml:571:11`. */
export function where(change: LocatedChange): string {
  return `${change.file}:${change.line}:${change.col}`;
}
