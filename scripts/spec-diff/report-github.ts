// `--format github`: one GitHub Actions workflow command per change, which the runner turns into
// an annotation on the line of the spec the change is about, in the pull request's diff:
//
//   ::error file=spec/openapi.yaml,line=571,col=11,title=spec%3Adiff request-parameter-enum-value-removed::…
//
// A break that fails the run is an `::error`; a spec-only one a `::warning` (it fails the run
// too, but the compiler would not have caught it, so it is worth a different colour); a break
// the run accepts (a raised version, --allow-breaking) is a `::warning`; the rest `::notice`.
// The line is that of the changed node in the new spec; for something removed, that of its
// nearest ancestor still in the new spec (see locate.ts). Before the annotations, one plain
// line says what was found, for the log.
// Escaping follows the runner's rules: in the message, `%`, CR and LF; in properties, also `:`
// and `,`.

import type { LocatedChange } from "./engine.js";
import type { ReadProblem, ReportContext } from "./diff-report.js";
import { brief, tally } from "./report-values.js";

type Level = "error" | "warning" | "notice";

export function renderGithub(changes: readonly LocatedChange[], context: ReportContext): string {
  if (changes.length === 0) return `${[context.empty, ...context.notes].join("\n")}\n`;
  const lines = [`${context.title}: ${tally(changes)}.`];
  for (const change of changes) {
    const level = levelOf(change, context);
    const properties = [`file=${property(change.file)}`, `line=${change.line}`, `col=${change.col}`, `title=${property(`spec:diff ${change.rule}`)}`];
    const accepted = change.kind !== "non-breaking" && context.accepted !== undefined ? ` Accepted: ${context.accepted}` : "";
    const text =
      `${change.kind}${change.operation === null ? "" : ` in ${change.operation}`}: ${change.message}${accepted}\n` +
      `${change.pointer}\n${context.beforeLabel}: ${brief(change.before)}  ${context.afterLabel}: ${brief(change.after)}`;
    lines.push(`::${level} ${properties.join(",")}::${message(text)}`);
  }
  for (const note of context.notes) lines.push(`::warning title=${property("spec:diff")}::${message(note)}`);
  return `${lines.join("\n")}\n`;
}

/** An unreadable spec as one error annotation, on its line when the line is the working tree's. */
export function githubProblem(problem: ReadProblem): string {
  const onFile = problem.revision === undefined && problem.line > 0;
  const properties = [...(onFile ? [`file=${property(problem.file)}`, `line=${problem.line}`, `col=${problem.col}`] : []), `title=${property("spec:diff: unreadable spec")}`];
  return `::error ${properties.join(",")}::${message(onFile ? problem.reason : problem.message)}\n`;
}

function levelOf(change: LocatedChange, context: ReportContext): Level {
  if (change.kind === "non-breaking") return "notice";
  if (change.kind === "spec-only" || context.accepted !== undefined) return "warning";
  return "error";
}

/** The message after `::`. */
export function message(text: string): string {
  return text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

/** A property value (file, title): the message's escapes, and `:` and `,`, which end a property. */
export function property(text: string): string {
  return message(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
}
