// npm run generate          spec/openapi.yaml → generated/{schema,client,validators}.ts
// npm run check:generated   (--check) regenerate in memory; exit 1 if generated/ differs
// Options: --spec <file>, --config <redocly.yaml>, --out <dir> (defaults relative to the cwd).
// On any problem in the spec it prints `file:line:col problem`, exits 1 and writes nothing.

import { relative } from "node:path";
import { parseArgs } from "node:util";
import { checkGenerated, generate, resolveGenerateOptions } from "./generate/pipeline.js";
import type { Drift } from "./generate/write.js";
import { formatProblem, SpecProblemsError } from "./spec/problems.js";

const { values } = parseArgs({
  options: {
    check: { type: "boolean", default: false },
    spec: { type: "string" },
    config: { type: "string" },
    out: { type: "string" },
  },
});
const options = { spec: values.spec, config: values.config, outDir: values.out };
const outDir = `${relative(process.cwd(), resolveGenerateOptions(options).outDir) || "."}/`;
const started = performance.now();
const elapsed = (): string => `${Math.round(performance.now() - started)} ms`;

function describeDrift(drift: readonly Drift[]): string[] {
  return drift.flatMap((entry) => {
    const what = { stale: "is stale", missing: "is missing", extra: "is not produced by the spec any more" }[entry.kind];
    return [`  ${outDir}${entry.file} ${what}`, ...entry.excerpt.map((line) => `      ${line}`)];
  });
}

try {
  if (values.check) {
    const { drift, files } = await checkGenerated(options);
    if (drift.length > 0) {
      console.error(`${outDir} does not match the spec:`);
      console.error(describeDrift(drift).join("\n"));
      console.error("Run `npm run generate` and commit the result.");
      process.exitCode = 1;
    } else {
      console.log(`${outDir} matches the spec (${files.size} files checked in ${elapsed()}).`);
    }
  } else {
    const { written, files, operationCount, warnings } = await generate(options);
    for (const warning of warnings) console.warn(formatProblem(relative(process.cwd(), resolveGenerateOptions(options).spec), warning));
    const what = written.length > 0 ? `wrote ${written.join(", ")}` : `all ${files.size} files already up to date`;
    console.log(`${outDir}: ${what} (${operationCount} operations, ${elapsed()}).`);
  }
} catch (error) {
  if (!(error instanceof SpecProblemsError)) throw error;
  console.error(error.message);
  console.error(`Refused: fix the spec and run again; ${outDir} was not touched.`);
  process.exitCode = 1;
}
