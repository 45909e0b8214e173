// npm run spec:upstream -- <path to OpenAI's openapi.yaml or .json> [--format text|markdown|json|github|junit]
//
// What does OpenAI's published spec say about the admin API keys endpoints that ours does not
// (or says differently)? Ours is "before", the published extract "after": each kind says what
// adopting the published statement would mean for this package's users. Descriptions and
// examples are left out (ours are rewritten on purpose), and so are the error responses only
// ours documents (the published spec lists none). Pointers name the place in ours to edit.

import { join } from "node:path";
import { formatFrom, parseCommandLine } from "./spec-diff/diff-options.js";
import { diffSpecs, locateChanges } from "./spec-diff/engine.js";
import { EXIT } from "./spec-diff/exit-codes.js";
import { ExtractError, extractAdminKeys } from "./spec-diff/extract.js";
import {
  loadComparedSpec,
  readSpecText,
  readText,
  refProblem,
  SPEC_PATH,
  UnreadableSpecError,
  UsageError,
  type ComparedSpec,
} from "./spec-diff/load-compared.js";
import { renderProblem, renderReport, type ReportFormat } from "./spec-diff/diff-report.js";
import { RefError } from "./spec/refs.js";

const USAGE = `Usage: npm run spec:upstream -- <path to OpenAI's openapi.yaml or .json> [--format <format>]

Extracts the /organization/admin_api_keys paths (and what they reference) from the published spec
and reports what it has that ${SPEC_PATH} lacks or states differently; each change carries the
file, line and column of the place in ${SPEC_PATH} to edit. Formats as for spec:diff: text,
markdown (or --markdown), json (or --json), github, junit. Nothing it finds fails the run.

Exit codes: ${EXIT.ok} after a report; ${EXIT.usage} on bad usage (no path, a path that does not exist); ${EXIT.unreadable} when a spec
cannot be read (printed as one line: file:line:col message); ${EXIT.internal} on an unexpected error.`;

async function main(argv: readonly string[]): Promise<number> {
  const options = {
    format: { type: "string" },
    markdown: { type: "boolean" },
    json: { type: "boolean" },
    help: { type: "boolean", short: "h" },
  } as const;
  const { values, positionals } = parseCommandLine(argv, options, true);
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return EXIT.ok;
  }
  const format = formatFrom(values);
  const [path, ...extra] = positionals;
  if (path === undefined) throw new UsageError("Give the path of OpenAI's published openapi.yaml (or .json).");
  if (extra.length > 0) throw new UsageError(`Expected one path, got ${positionals.length}: ${positionals.join(" ")}`);
  try {
    return await report(format, path);
  } catch (error) {
    if (!(error instanceof UnreadableSpecError)) throw error;
    process.stdout.write(renderProblem(format, error));
    process.stderr.write(`${error.message}\n`);
    return EXIT.unreadable;
  }
}

async function report(format: ReportFormat, path: string): Promise<number> {
  const published = loadComparedSpec(readText(path), path);
  const ours = loadComparedSpec(readSpecText(join(process.cwd(), SPEC_PATH), SPEC_PATH), SPEC_PATH);
  // The extract keeps every node at its pointer in the published file, so that file locates it.
  const sources = new Map<unknown, ComparedSpec>([[published.data, published], [ours.data, ours]]);
  let result;
  try {
    const upstream = extractAdminKeys(published.data);
    sources.set(upstream, published);
    result = await diffSpecs(ours.data, upstream, { pointerSide: "before", ignoreDocs: true, ignoreErrorResponsesOnlyBefore: true });
  } catch (error) {
    if (error instanceof RefError) throw refProblem(error, sources);
    if (error instanceof ExtractError) throw new UnreadableSpecError(path, 1, 1, error.message);
    throw error;
  }

  const notes = [
    ...(result.omittedErrorResponses > 0 ? [`Not listed: ${result.omittedErrorResponses} error responses that only ours documents.`] : []),
    ...(result.warning ? [result.warning] : []),
  ];
  process.stdout.write(
    renderReport(format, locateChanges(result.changes, ours), {
      title: `What ${path} states differently from ${SPEC_PATH} (kinds: what adopting it would mean for our users; pointers: where in ours)`,
      empty: `${path} states the admin API keys endpoints as ${SPEC_PATH} does (descriptions and examples aside).`,
      beforeLabel: "ours",
      afterLabel: "upstream",
      notes,
      accepted: "spec:upstream reports differences; it fails on none",
    }),
  );
  return EXIT.ok;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UsageError) {
      process.stderr.write(`spec:upstream: ${error.message}\n\n${USAGE}\n`);
      process.exitCode = EXIT.usage;
      return;
    }
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    process.stderr.write(`spec:upstream: internal error (a bug; please report it):\n${detail}\n`);
    process.exitCode = EXIT.internal;
  },
);
