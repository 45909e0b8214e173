// The short block the watch loop prints for each save: which files, what the spec now breaks
// compared with HEAD (each break on its file:line:col, so a terminal or an editor can jump to
// it), what was written, and how long each step took. A refused save prints its problems, and
// says that generated/ and the docs were left as they were.

import { tally } from "../spec-diff/report-values.js";
import type { BuildReport } from "./rebuild.js";

/** At most this many changes are listed one by one; the rest are counted. */
const LISTED = 8;

export function formatStatus(report: BuildReport, clients: number, now: Date = new Date()): string {
  const time = now.toTimeString().slice(0, 8);
  if (report.outcome === "unchanged") return `── #${report.number} ${time} saved, but no byte of spec/openapi.yaml or redocly.yaml changed: nothing to do\n`;
  const what = report.files.length === 0 ? "start" : report.files.join(", ");
  const head = `── #${report.number} ${time} ${what} `;
  const lines = [`${head}${"─".repeat(Math.max(0, 72 - head.length))}`];

  if (report.outcome === "refused") {
    lines.push(...report.problems.map((problem) => `  ${problem}`));
    lines.push(`  ✘ refused in ${seconds(report.ms.total)}: generated/ and docs/ left as they were`);
    return `${lines.join("\n")}\n`;
  }

  lines.push(`  lint       ok${report.warnings.length > 0 ? `, ${report.warnings.length} warning(s)` : ""}`);
  lines.push(...report.warnings.map((warning) => `             ${warning}`));
  const diff = report.diff;
  if (diff !== undefined) {
    lines.push(`  spec:diff  ${diff.changes.length === 0 ? "no changes" : tally(diff.changes)} since ${diff.since}`);
    const worst = [...diff.changes.filter((change) => change.kind !== "non-breaking"), ...diff.changes.filter((change) => change.kind === "non-breaking")];
    for (const change of worst.slice(0, LISTED)) {
      lines.push(`             ${change.kind.padEnd(13)}${change.file}:${change.line}:${change.col} ${change.rule}${change.operation === null ? "" : ` (${change.operation})`}`);
    }
    if (worst.length > LISTED) lines.push(`             … and ${worst.length - LISTED} more (npm run spec:diff lists them all)`);
    if (diff.note !== undefined) lines.push(`             ${diff.note}`);
  }
  const written = report.written ?? [];
  lines.push(`  generated/ ${written.length === 0 ? "up to date" : `wrote ${written.join(", ")}`} (${report.operations ?? 0} operations, ${seconds(report.ms.generate)})`);
  const docs = report.docs;
  if (docs !== undefined) {
    const reloaded = clients === 1 ? "1 page reloaded" : `${clients} pages reloaded`;
    lines.push(docs.ok ? `  docs       ${docs.pages.map((page) => `docs/${page}`).join(", ")} (${seconds(report.ms.docs ?? 0)}); ${reloaded}` : `  docs       ✘ failed, docs/ left as it was:\n${indent(docs.error ?? "")}`);
  }
  lines.push(`  ${docs?.ok === false ? "✘ built with errors" : "✔ done"} in ${seconds(report.ms.total)}`);
  return `${lines.join("\n")}\n`;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

function indent(text: string): string {
  return text
    .split("\n")
    .map((line) => `             ${line}`)
    .join("\n");
}
