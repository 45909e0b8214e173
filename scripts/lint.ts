// npm run lint [-- --spec <file>] [-- --config <redocly.yaml>]
// Lints the spec with redocly.yaml through Redocly's Node API and prints one line per problem:
//   spec/openapi.yaml:LINE:COL  <rule-id>  <message>
// Exits 1 on any error or warning, so a warning cannot linger unnoticed.

import { relative, resolve } from "node:path";
import { parseArgs } from "node:util";
import { lintSpec } from "./generate/lint-spec.js";
import { readSpecFile } from "./spec/load.js";
import { problemLocation, SpecProblemsError, type SpecProblem } from "./spec/problems.js";

const { values } = parseArgs({
  options: {
    spec: { type: "string", default: "spec/openapi.yaml" },
    config: { type: "string", default: "redocly.yaml" },
  },
});
const specPath = resolve(values.spec);
const file = relative(process.cwd(), specPath);
const started = performance.now();

let problems: readonly SpecProblem[];
try {
  const spec = await readSpecFile(specPath, file);
  problems = await lintSpec({ path: specPath, text: spec.text }, resolve(values.config));
} catch (error) {
  if (!(error instanceof SpecProblemsError)) throw error;
  // The loader refuses text it cannot parse (at a line) or a file it cannot read (at none).
  problems = error.problems.map((problem) => ({ ...problem, rule: problem.rule ?? (problem.line > 0 ? "yaml-syntax" : "unreadable") }));
}

for (const problem of problems) {
  console.log(`${problemLocation(file, problem)}  ${problem.rule ?? "spec"}  ${problem.message}`);
}
const errors = problems.filter((problem) => problem.severity === "error").length;
const warnings = problems.length - errors;
const ms = Math.round(performance.now() - started);
if (problems.length > 0) {
  console.error(`${file}: ${errors} error(s), ${warnings} warning(s) (${ms} ms)`);
  process.exitCode = 1;
} else {
  console.log(`${file}: lint OK, 0 errors, 0 warnings (${ms} ms)`);
}
