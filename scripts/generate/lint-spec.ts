// Redocly's linter, run in-process with the project's redocly.yaml. `npm run lint` prints what it
// finds; `npm run generate` refuses to write code from a spec that has lint errors.

import type * as RedoclyCore from "@redocly/openapi-core";
import { byLine, type SpecProblem } from "../spec/problems.js";
import { requireCommonJs } from "../require-commonjs.js";

const { getLineColLocation, lintFromString, loadConfig } = requireCommonJs("@redocly/openapi-core") as typeof RedoclyCore;

export interface LintInput {
  /** Absolute path of the spec; relative `$ref`s and the problems' sources resolve against it. */
  readonly path: string;
  readonly text: string;
}

/** Lints the spec text with the rules of `configPath`; problems come back sorted by line. */
export async function lintSpec(spec: LintInput, configPath: string): Promise<SpecProblem[]> {
  const config = await loadConfig({ configPath });
  const found = await lintFromString({ source: spec.text, absoluteRef: spec.path, config });
  return found
    .map((problem): SpecProblem => {
      const location = problem.location[0];
      const start = location ? getLineColLocation(location).start : undefined;
      return {
        line: start?.line ?? 0,
        ...(start ? { col: start.col } : {}),
        rule: problem.ruleId,
        severity: problem.severity === "error" ? "error" : "warning",
        message: problem.message,
      };
    })
    .sort(byLine);
}
