// The ways to print a list of changes: text for a terminal, markdown for a pull request
// comment, JSON for machines (`{ "changes": [...] }`, exactly the LocatedChange fields), GitHub
// Actions workflow commands (report-github.ts) and a JUnit report (report-junit.ts) for CI.
// Every change, in every format, says where it is written: file, line and column.

import type { LocatedChange } from "./engine.js";
import { githubProblem, renderGithub } from "./report-github.js";
import { junitProblem, renderJunit } from "./report-junit.js";
import { brief, byOperation, tally, where } from "./report-values.js";

export interface ReportContext {
  /** "Changes to the API since HEAD". */
  readonly title: string;
  /** What to print when there is nothing: "No changes to the API since HEAD." */
  readonly empty: string;
  /** How to call the two sides: "before"/"after", or "ours"/"upstream". */
  readonly beforeLabel: string;
  readonly afterLabel: string;
  /** Lines printed after the changes (what was left out, warnings). */
  readonly notes: readonly string[];
  /**
   * Why the breaks found do not fail this run (the version was raised, --allow-breaking, a
   * command that only reports); undefined when they do. The CI formats follow it: a break that
   * does not fail the run is a warning, not an error or a test failure.
   */
  readonly accepted?: string | undefined;
}

export const REPORT_FORMATS = ["text", "markdown", "json", "github", "junit"] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export function renderReport(format: ReportFormat, changes: readonly LocatedChange[], context: ReportContext): string {
  switch (format) {
    case "json":
      return `${JSON.stringify({ changes }, null, 2)}\n`;
    case "markdown":
      return renderMarkdown(changes, context);
    case "github":
      return renderGithub(changes, context);
    case "junit":
      return renderJunit(changes, context);
    case "text":
      return renderText(changes, context);
  }
}

/** A spec that could not be read: what it was, and where (the stderr line is printed apart). */
export interface ReadProblem {
  readonly file: string;
  /** 0 when the file could not be read at all. */
  readonly line: number;
  readonly col: number;
  /** The whole line: `spec/openapi.yaml:12:7 YAML syntax error: …`. */
  readonly message: string;
  /** The problem alone, without its place: `YAML syntax error: …`. */
  readonly reason: string;
  /** Set when the spec is not the working tree's (the base at HEAD): its lines are not the file's. */
  readonly revision?: string | undefined;
}

/**
 * What goes to stdout when a spec cannot be read, so that a CI step reading the report sees the
 * problem where it looks for results. Text prints nothing there: the one line on stderr is all.
 */
export function renderProblem(format: ReportFormat, problem: ReadProblem): string {
  switch (format) {
    case "json":
      return `${JSON.stringify({ error: { file: problem.file, line: problem.line, col: problem.col, message: problem.message } }, null, 2)}\n`;
    case "markdown":
      return `**spec:diff could not read a spec:** ${cell(problem.message)}\n`;
    case "github":
      return githubProblem(problem);
    case "junit":
      return junitProblem(problem);
    case "text":
      return "";
  }
}

function renderText(changes: readonly LocatedChange[], context: ReportContext): string {
  if (changes.length === 0) return [context.empty, ...context.notes, ""].join("\n");
  const lines = [`${context.title}: ${tally(changes)}.`];
  for (const [operation, group] of byOperation(changes)) {
    lines.push("", operation ?? "(whole document)");
    for (const change of group) {
      lines.push(`  ${change.kind.padEnd(13)}${change.rule} at ${change.pointer} (${where(change)})`);
      lines.push(`  ${"".padEnd(13)}${change.message}`);
      lines.push(`  ${"".padEnd(13)}${context.beforeLabel}: ${brief(change.before)}  ${context.afterLabel}: ${brief(change.after)}`);
    }
  }
  if (context.notes.length > 0) lines.push("", ...context.notes);
  return `${lines.join("\n")}\n`;
}

function renderMarkdown(changes: readonly LocatedChange[], context: ReportContext): string {
  if (changes.length === 0) return [`**${context.empty}**`, ...context.notes.map((note) => `\n${note}`), ""].join("\n");
  const lines = [`### ${context.title}`, "", `${tally(changes)}.`];
  for (const [operation, group] of byOperation(changes)) {
    lines.push("", `#### ${operation === null ? "Whole document" : `\`${operation}\``}`, "");
    lines.push(`| Kind | Rule | Where | Pointer | ${context.beforeLabel} | ${context.afterLabel} | What changed |`, "|---|---|---|---|---|---|---|");
    for (const change of group) {
      const kind = change.kind === "non-breaking" ? change.kind : `**${change.kind}**`;
      const cells = [kind, code(change.rule), code(where(change)), code(change.pointer), code(brief(change.before)), code(brief(change.after)), cell(change.message)];
      lines.push(`| ${cells.join(" | ")} |`);
    }
  }
  if (context.notes.length > 0) lines.push("", ...context.notes.map((note) => `> ${note}`));
  return `${lines.join("\n")}\n`;
}

function code(text: string): string {
  return `\`${text.replace(/`/g, "'").replace(/\|/g, "\\|")}\``;
}

function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\n/g, " ");
}
