// npm run spec:diff -- [--base <git-ref | file>] [--format text|markdown|json|github|junit] [--allow-breaking]
//
// What did the edit to spec/openapi.yaml break for the code that imports the generated types?
// Compares the spec at a base (default HEAD) with the working tree; see scripts/spec-diff/.

import { join } from "node:path";
import { formatFrom, parseCommandLine } from "./spec-diff/diff-options.js";
import { diffSpecs, locateChanges } from "./spec-diff/engine.js";
import { EXIT, EXIT_CODES_HELP } from "./spec-diff/exit-codes.js";
import {
  loadComparedSpec,
  readBaseSpec,
  readSpecText,
  refProblem,
  resolveBase,
  SPEC_PATH,
  UnreadableSpecError,
  UsageError,
} from "./spec-diff/load-compared.js";
import { renderProblem, renderReport, type ReportFormat } from "./spec-diff/diff-report.js";
import { renderRuleTable } from "./spec-diff/rule-table.js";
import { verdictOf } from "./spec-diff/verdict.js";
import { versionsFor } from "./spec-diff/version-policy.js";
import { RefError } from "./spec/refs.js";

const USAGE = `Usage: npm run spec:diff -- [--base <git-ref | file>] [--format <format>] [--allow-breaking]
       npm run spec:diff -- --rules    (the table of rules, as markdown)

Compares ${SPEC_PATH} at the base (a git ref or a spec file; default HEAD) with the working tree
and reports each change as breaking, spec-only (a break the generated types do not show) or
non-breaking, grouped by operation, each with the file, line and column of the node it is about
in the working tree's spec. For something removed, that is the line of its nearest parent still
in the spec.

Formats (--format): text (default), markdown (for a pull request comment; also --markdown),
json (also --json), github (GitHub Actions workflow commands: ::error for a break, ::warning for
a spec-only change or an accepted break, ::notice for the rest, each on its line of the spec),
junit (a JUnit XML report: one test case per rule, failed by the breaks it found).

${EXIT_CODES_HELP}`;

async function main(argv: readonly string[]): Promise<number> {
  const options = {
    base: { type: "string" },
    format: { type: "string" },
    markdown: { type: "boolean" },
    json: { type: "boolean" },
    "allow-breaking": { type: "boolean" },
    rules: { type: "boolean" },
    help: { type: "boolean", short: "h" },
  } as const;
  const { values } = parseCommandLine(argv, options, false);
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return EXIT.ok;
  }
  if (values.rules) {
    process.stdout.write(renderRuleTable());
    return EXIT.ok;
  }
  const format = formatFrom(values);
  try {
    return await compare(format, values.base ?? "HEAD", values["allow-breaking"] === true);
  } catch (error) {
    if (!(error instanceof UnreadableSpecError)) throw error;
    // One line a terminal or an editor can jump from; the CI formats also get it on stdout.
    process.stdout.write(renderProblem(format, error));
    process.stderr.write(`${error.message}\n`);
    return EXIT.unreadable;
  }
}

async function compare(format: ReportFormat, baseArgument: string, allowBreaking: boolean): Promise<number> {
  const cwd = process.cwd();
  const base = resolveBase(baseArgument, cwd);
  const { text: beforeText, label } = readBaseSpec(base, cwd);
  const afterText = readSpecText(join(cwd, SPEC_PATH), SPEC_PATH);
  const context = {
    title: `Changes to the API since ${label}`,
    empty: `No changes to the API since ${label}.`,
    beforeLabel: "before",
    afterLabel: "after",
  };

  // The common case in CI: nothing changed, nothing to parse.
  if (beforeText === afterText) {
    process.stdout.write(renderReport(format, [], { ...context, notes: [] }));
    return EXIT.ok;
  }
  const before = base.kind === "ref" ? loadComparedSpec(beforeText, SPEC_PATH, label) : loadComparedSpec(beforeText, label);
  const after = loadComparedSpec(afterText, SPEC_PATH);
  let result;
  try {
    result = await diffSpecs(before.data, after.data);
  } catch (error) {
    if (error instanceof RefError) throw refProblem(error, new Map([[before.data, before], [after.data, after]]));
    throw error;
  }
  const changes = locateChanges(result.changes, after);
  const versions = versionsFor(base.kind === "ref" ? base.ref : "HEAD", cwd);
  const verdict = verdictOf({ changes, allowBreaking, versions, since: label });
  const notes = result.warning ? [result.warning] : [];
  process.stdout.write(renderReport(format, changes, { ...context, notes, accepted: verdict.accepted }));
  if (verdict.footer !== undefined) process.stderr.write(`${verdict.footer}\n`);
  return verdict.exitCode;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UsageError) {
      process.stderr.write(`spec:diff: ${error.message}\n\n${USAGE}\n`);
      process.exitCode = EXIT.usage;
      return;
    }
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    process.stderr.write(`spec:diff: internal error (a bug in spec:diff; please report it):\n${detail}\n`);
    process.exitCode = EXIT.internal;
  },
);
