// The changelog as Markdown, newest version first. Nothing in it depends on when or by which
// commit it was written (no dates, no hashes): the entry of a version written before its commit
// is the entry written after, so the file can be committed with the change and checked for drift.

import type { Change } from "../spec-diff/engine.js";
import type { ChangelogEntry } from "./entries.js";

export interface ChangelogContext {
  /** The spec's path in the repository, as the header names it. */
  readonly spec: string;
}

const SECTIONS: readonly { readonly kind: Change["kind"]; readonly title: string }[] = [
  { kind: "breaking", title: "Breaking" },
  { kind: "spec-only", title: "Spec-only (breaks the generated types do not show: bounds, formats, defaults, auth)" },
  { kind: "non-breaking", title: "Non-breaking" },
];

function changelogHeader(context: ChangelogContext): string[] {
  return [
    "# API changelog",
    "",
    `The history of the HTTP API that \`${context.spec}\` describes, newest version first. Written by ` +
      "`npm run spec:changelog` from the git history; do not edit it by hand.",
    "",
    `A version is a commit on the first-parent line of \`HEAD\` that changed the spec's \`info.version\` ` +
      "(or the working tree, when its `info.version` is new). Each entry lists what changed since the version before, " +
      "named and classified by the engine of `npm run spec:diff`, breaking changes first. Edits committed between two " +
      "version changes count toward the later version.",
    "",
    "Versions are read from `info.version`, not from `v*` tags, because tags name releases of the npm package, " +
      "whose version is its own: the package follows semver for its TypeScript API, the API version for the HTTP contract.",
  ];
}

/** `code`, with the backticks inside it made harmless. */
const code = (text: string): string => `\`${text.replace(/`/g, "'")}\``;

function changeLine(change: Change): string {
  const message = change.message.replace(/\s+/g, " ");
  const where = `(${code(change.rule)} at ${code(change.pointer)})`;
  if (change.operation === null) return `- Whole document: ${message} ${where}`;
  // "GET /keys was added." names its operation already.
  if (message.startsWith(change.operation)) return `- ${code(change.operation)}${message.slice(change.operation.length)} ${where}`;
  return `- ${code(change.operation)}: ${message} ${where}`;
}

function tally(changes: readonly Change[]): string {
  const counts = SECTIONS.map(({ kind }) => [kind, changes.filter((change) => change.kind === kind).length] as const).filter(([, count]) => count > 0);
  return counts.map(([kind, count]) => `${count} ${kind}`).join(", ");
}

function entryLines(entry: ChangelogEntry): string[] {
  const lines = [`## API ${entry.version}`, ""];
  const operations = `${entry.operations} operation${entry.operations === 1 ? "" : "s"}`;
  if (entry.previous === null) lines.push(`The first version, with ${operations}.`);
  else if (entry.changes.length === 0 && entry.note === undefined) lines.push(`Compared with API ${entry.previous}: nothing but the version changed.`);
  else lines.push(`Compared with API ${entry.previous}: ${tally(entry.changes) || "no change found"}; ${operations} now.`);
  if (entry.note !== undefined) lines.push("", `Note: ${entry.note.replace(/\s+/g, " ")}`);
  for (const { kind, title } of SECTIONS) {
    const changes = entry.changes.filter((change) => change.kind === kind);
    if (changes.length === 0) continue;
    lines.push("", `### ${title}`, "", ...changes.map(changeLine));
  }
  return lines;
}

export function changelogMarkdown(entries: readonly ChangelogEntry[], context: ChangelogContext): string {
  const lines = changelogHeader(context);
  if (entries.length === 0) lines.push("", `No version of \`${context.spec}\` with an \`info.version\` was found.`);
  for (const entry of [...entries].reverse()) lines.push("", ...entryLines(entry));
  return `${lines.join("\n")}\n`;
}
