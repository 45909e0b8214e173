// The three ways to print a list of changes: text for a terminal, markdown for a pull request
// comment, JSON for machines (`{ "changes": [...] }`, exactly the Change fields).

import type { Change, ChangeKind } from "./engine.js";
import { stableStringify, type JsonValue } from "../spec/json.js";

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
}

export type ReportFormat = "text" | "markdown" | "json";

export function renderReport(format: ReportFormat, changes: readonly Change[], context: ReportContext): string {
  if (format === "json") return `${JSON.stringify({ changes }, null, 2)}\n`;
  if (format === "markdown") return renderMarkdown(changes, context);
  return renderText(changes, context);
}

function renderText(changes: readonly Change[], context: ReportContext): string {
  if (changes.length === 0) return [context.empty, ...context.notes, ""].join("\n");
  const lines = [`${context.title}: ${tally(changes)}.`];
  for (const [operation, group] of byOperation(changes)) {
    lines.push("", operation ?? "(whole document)");
    for (const change of group) {
      lines.push(`  ${change.kind.padEnd(13)}${change.rule} at ${change.pointer}`);
      lines.push(`  ${"".padEnd(13)}${change.message}`);
      lines.push(`  ${"".padEnd(13)}${context.beforeLabel}: ${brief(change.before)}  ${context.afterLabel}: ${brief(change.after)}`);
    }
  }
  if (context.notes.length > 0) lines.push("", ...context.notes);
  return `${lines.join("\n")}\n`;
}

function renderMarkdown(changes: readonly Change[], context: ReportContext): string {
  if (changes.length === 0) return [`**${context.empty}**`, ...context.notes.map((note) => `\n${note}`), ""].join("\n");
  const lines = [`### ${context.title}`, "", `${tally(changes)}.`];
  for (const [operation, group] of byOperation(changes)) {
    lines.push("", `#### ${operation === null ? "Whole document" : `\`${operation}\``}`, "");
    lines.push(`| Kind | Rule | Pointer | ${context.beforeLabel} | ${context.afterLabel} | What changed |`, "|---|---|---|---|---|---|");
    for (const change of group) {
      const kind = change.kind === "non-breaking" ? change.kind : `**${change.kind}**`;
      const cells = [kind, code(change.rule), code(change.pointer), code(brief(change.before)), code(brief(change.after)), cell(change.message)];
      lines.push(`| ${cells.join(" | ")} |`);
    }
  }
  if (context.notes.length > 0) lines.push("", ...context.notes.map((note) => `> ${note}`));
  return `${lines.join("\n")}\n`;
}

const KINDS: readonly ChangeKind[] = ["breaking", "spec-only", "non-breaking"];

/** "2 breaking, 1 spec-only, 3 non-breaking" (zero counts left out). */
function tally(changes: readonly Change[]): string {
  return KINDS.map((kind) => [kind, changes.filter((change) => change.kind === kind).length] as const)
    .filter(([, count]) => count > 0)
    .map(([kind, count]) => `${count} ${kind}`)
    .join(", ");
}

function byOperation(changes: readonly Change[]): Map<string | null, Change[]> {
  const groups = new Map<string | null, Change[]>();
  for (const change of changes) {
    const group = groups.get(change.operation);
    if (group) group.push(change);
    else groups.set(change.operation, [change]);
  }
  return groups;
}

/** A value on one line, cut to a readable length; the JSON output keeps it whole. */
function brief(value: JsonValue): string {
  if (value === null) return "(none)";
  const text = typeof value === "string" ? JSON.stringify(value) : stableStringify(value);
  const flat = text.replace(/\s+/g, " ");
  return flat.length > 80 ? `${flat.slice(0, 77)}...` : flat;
}

function code(text: string): string {
  return `\`${text.replace(/`/g, "'").replace(/\|/g, "\\|")}\``;
}

function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\n/g, " ");
}
