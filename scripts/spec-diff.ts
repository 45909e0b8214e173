// npm run spec:diff -- [--base <git-ref | file>] [--markdown | --json] [--allow-breaking]
//
// What did the edit to spec/openapi.yaml break for the code that imports the generated types?
// Compares the spec at a base (default HEAD) with the working tree; see scripts/spec-diff/.

import { join } from "node:path";
import { formatFrom, parseCommandLine } from "./spec-diff/args.js";
import { diffSpecs, hasBreak } from "./spec-diff/engine.js";
import { loadComparedSpec, readBaseSpec, readText, refUsageError, resolveBase, SPEC_PATH, UsageError } from "./spec-diff/load.js";
import { renderReport } from "./spec-diff/report.js";
import { isBreakingBump, versionsFor } from "./spec-diff/version.js";
import { RefError } from "./spec/refs.js";

const USAGE = `Usage: npm run spec:diff -- [--base <git-ref | file>] [--markdown | --json] [--allow-breaking]

Compares ${SPEC_PATH} at the base (a git ref or a spec file; default HEAD) with the working tree
and reports each change as breaking, spec-only (a break the generated types do not show) or
non-breaking, grouped by operation.

Exit codes: 0 nothing breaking, or the package's major version was raised since the base
(for a file base: since HEAD), or --allow-breaking; 1 a breaking or spec-only change; 2 bad usage.`;

async function main(argv: readonly string[]): Promise<number> {
  const options = {
    base: { type: "string" },
    markdown: { type: "boolean" },
    json: { type: "boolean" },
    "allow-breaking": { type: "boolean" },
    help: { type: "boolean", short: "h" },
  } as const;
  const { values } = parseCommandLine(argv, options, false);
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const format = formatFrom(values);
  const cwd = process.cwd();
  const base = resolveBase(values.base ?? "HEAD", cwd);
  const { text: beforeText, label } = readBaseSpec(base, cwd);
  const afterText = readText(join(cwd, SPEC_PATH));
  const context = {
    title: `Changes to the API since ${label}`,
    empty: `No changes to the API since ${label}.`,
    beforeLabel: "before",
    afterLabel: "after",
  };

  // The common case in CI: nothing changed, nothing to parse.
  if (beforeText === afterText) {
    process.stdout.write(renderReport(format, [], { ...context, notes: [] }));
    return 0;
  }
  const before = loadComparedSpec(beforeText, `${SPEC_PATH} at ${label}`);
  const after = loadComparedSpec(afterText, SPEC_PATH);
  let result;
  try {
    result = await diffSpecs(before.data, after.data);
  } catch (error) {
    if (error instanceof RefError) throw refUsageError(error, new Map([[before.data, before], [after.data, after]]));
    throw error;
  }
  process.stdout.write(renderReport(format, result.changes, { ...context, notes: result.warning ? [result.warning] : [] }));

  if (!hasBreak(result.changes)) return 0;
  if (values["allow-breaking"]) {
    process.stderr.write("spec:diff: breaking changes accepted (--allow-breaking).\n");
    return 0;
  }
  const versions = versionsFor(base.kind === "ref" ? base.ref : "HEAD", cwd);
  if (versions.before !== undefined && versions.after !== undefined && isBreakingBump(versions.before, versions.after)) {
    process.stderr.write(`spec:diff: breaking changes accepted: the version went from ${versions.before} to ${versions.after}.\n`);
    return 0;
  }
  const since = base.kind === "ref" ? label : "HEAD";
  const now = `${versions.after ?? "unknown"} now, ${versions.before ?? "unknown"} at ${since}`;
  process.stderr.write(`spec:diff: breaking changes since ${label}. Raise the major version in package.json (${now}) or pass --allow-breaking.\n`);
  return 1;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`spec:diff: ${error.message}\n\n${USAGE}\n`);
    process.exitCode = 2;
  },
);
