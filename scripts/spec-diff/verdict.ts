// Whether the changes found fail the run, and the one line that says why (spec:diff's footer on
// stderr). Breaking and spec-only changes are counted apart: a spec-only change is a break the
// generated types do not show, and saying "2 breaking changes" for one of each would send a
// reader looking for a compile error that is not there. The advice names the version that is
// right for the package as it is: at 0.x npm's caret ranges treat the minor number as the
// breaking one, so "raise the major version" would be wrong there.

import type { Change } from "./engine.js";
import { breakingPart, isBreakingBump, nextBreakingVersion } from "./version-policy.js";

export interface VerdictInput {
  readonly changes: readonly Change[];
  readonly allowBreaking: boolean;
  /** package.json's version at the base (`before`) and in the working tree (`after`). */
  readonly versions: { readonly before: string | undefined; readonly after: string | undefined };
  /** What the spec was compared with: "HEAD", a ref, or a file. */
  readonly since: string;
}

export interface Verdict {
  readonly exitCode: 0 | 1;
  /** Why breaks found do not fail the run; undefined when they do, or when there are none. */
  readonly accepted: string | undefined;
  /** The footer for stderr; undefined when there is nothing to say. */
  readonly footer: string | undefined;
}

export function verdictOf(input: VerdictInput): Verdict {
  const breaking = input.changes.filter((change) => change.kind === "breaking").length;
  const specOnly = input.changes.filter((change) => change.kind === "spec-only").length;
  if (breaking === 0 && specOnly === 0) return { exitCode: 0, accepted: undefined, footer: undefined };
  const found = describeCounts(breaking, specOnly);

  if (input.allowBreaking) {
    return { exitCode: 0, accepted: "--allow-breaking", footer: `spec:diff: ${found} accepted (--allow-breaking).` };
  }
  const { before, after } = input.versions;
  if (before !== undefined && after !== undefined && isBreakingBump(before, after)) {
    const accepted = `the version went from ${before} to ${after}`;
    return { exitCode: 0, accepted, footer: `spec:diff: ${found} accepted: ${accepted}.` };
  }
  return { exitCode: 1, accepted: undefined, footer: `spec:diff: ${found} since ${input.since}. ${advice(before, after)}` };
}

function describeCounts(breaking: number, specOnly: number): string {
  const parts: string[] = [];
  if (breaking > 0) parts.push(`${breaking} breaking ${breaking === 1 ? "change" : "changes"}`);
  if (specOnly > 0) {
    const noun = specOnly === 1 ? "change" : "changes";
    parts.push(`${specOnly} spec-only ${noun} (${specOnly === 1 ? "a break" : "breaks"} the generated types do not show)`);
  }
  return parts.join(" and ");
}

/** What to do, for the version the package has: which number to raise, and to what. */
function advice(before: string | undefined, after: string | undefined): string {
  const orAllow = "or pass --allow-breaking.";
  const base = before ?? after;
  const next = base === undefined ? undefined : nextBreakingVersion(base);
  if (base === undefined || next === undefined) {
    return `No version could be read from package.json; release this as a breaking version, ${orAllow}`;
  }
  const now = after !== undefined && after !== base ? ` (it is ${after} now)` : "";
  const set = `set "version" in package.json to ${next}${now}, ${orAllow}`;
  const part = breakingPart(base) ?? "major";
  const why = part === "patch" ? `^${base} takes no other version` : `consumers on ^${base} are not moved to ${next}`;
  return `At ${base} a break raises the ${part} version (${why}): ${set}`;
}
