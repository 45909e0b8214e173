// `--format junit`: a JUnit XML report, as CI systems (GitLab, Jenkins, Azure, GitHub test
// reporters) read test results. One test case per rule of rules.ts, every rule, so the report
// shows what was checked and not only what was found; a rule fails when it found a change that
// fails the run (breaking or spec-only, unless the run accepts breaks), and lists every such
// change in its <failure>. Changes that do not fail the run are listed in the case's
// <system-out>. A case's `file` and `line` are those of its first change. No timestamps or
// durations: the same comparison gives the same bytes.

import type { LocatedChange } from "./engine.js";
import type { ReadProblem, ReportContext } from "./diff-report.js";
import { brief, where } from "./report-values.js";
import { RULE_IDS, type RuleId } from "./rules.js";
import { xmlAttribute as attr, xmlText as text } from "./xml.js";

export function renderJunit(changes: readonly LocatedChange[], context: ReportContext): string {
  const byRule = new Map<RuleId, LocatedChange[]>();
  for (const change of changes) byRule.set(change.rule, [...(byRule.get(change.rule) ?? []), change]);
  const fails = (change: LocatedChange): boolean => change.kind !== "non-breaking" && context.accepted === undefined;
  const failing = RULE_IDS.filter((rule) => (byRule.get(rule) ?? []).some(fails)).length;
  const counts = `tests="${RULE_IDS.length}" failures="${failing}" errors="0" skipped="0"`;

  const lines = [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<testsuites name="spec:diff" ${counts}>`,
    `  <testsuite name="${attr(changes.length === 0 ? context.empty : context.title)}" ${counts}>`,
  ];
  if (context.notes.length > 0 || context.accepted !== undefined) {
    const notes = [...(context.accepted === undefined ? [] : [`Breaks accepted: ${context.accepted}`]), ...context.notes];
    lines.push(`    <system-out>${text(notes.join("\n"))}</system-out>`);
  }
  for (const rule of RULE_IDS) {
    const found = byRule.get(rule) ?? [];
    const [first] = found;
    const place = first === undefined ? "" : ` file="${attr(first.file)}" line="${first.line}"`;
    const open = `    <testcase classname="spec-diff" name="${attr(rule)}"${place}`;
    if (found.length === 0) {
      lines.push(`${open}/>`);
      continue;
    }
    lines.push(`${open}>`);
    const failures = found.filter(fails);
    const others = found.filter((change) => !fails(change));
    const [firstFailure] = failures;
    if (firstFailure !== undefined) {
      const summary = `${failures.length} ${failures.length === 1 ? "change fails" : "changes fail"} the run; first at ${where(firstFailure)}: ${firstFailure.message}`;
      lines.push(`      <failure type="${attr(firstFailure.kind)}" message="${attr(summary)}">${text(failures.map((change) => describe(change, context)).join("\n\n"))}</failure>`);
    }
    if (others.length > 0) lines.push(`      <system-out>${text(others.map((change) => describe(change, context)).join("\n\n"))}</system-out>`);
    lines.push(`    </testcase>`);
  }
  lines.push(`  </testsuite>`, `</testsuites>`);
  return `${lines.join("\n")}\n`;
}

/** An unreadable spec: one case in error (not failed: no rule could be checked). */
export function junitProblem(problem: ReadProblem): string {
  const place = problem.revision === undefined && problem.line > 0 ? ` file="${attr(problem.file)}" line="${problem.line}"` : "";
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<testsuites name="spec:diff" tests="1" failures="0" errors="1" skipped="0">`,
    `  <testsuite name="spec:diff could not read a spec" tests="1" failures="0" errors="1" skipped="0">`,
    `    <testcase classname="spec-diff" name="spec-readable"${place}>`,
    `      <error type="unreadable-spec" message="${attr(problem.message)}">${text(problem.message)}</error>`,
    `    </testcase>`,
    `  </testsuite>`,
    `</testsuites>`,
    "",
  ].join("\n");
}

function describe(change: LocatedChange, context: ReportContext): string {
  return [
    `${where(change)} ${change.kind}${change.operation === null ? "" : ` ${change.operation}`}: ${change.message}`,
    `  pointer: ${change.pointer}`,
    `  ${context.beforeLabel}: ${brief(change.before)}`,
    `  ${context.afterLabel}: ${brief(change.after)}`,
  ].join("\n");
}
