// Redocly's linter, run with the project's redocly.yaml. `npm run lint` prints what it finds;
// `npm run generate` refuses to write code from a spec that has lint errors, and runs the lint in
// a worker thread (lint-worker.mjs) meanwhile rendering on the main one. Both ways give the
// same problems, in the same shape, sorted by line.

import type * as RedoclyCore from "@redocly/openapi-core";
import { Worker } from "node:worker_threads";
import { byLine, type SpecProblem } from "../spec/problems.js";
import { requireCommonJs } from "../require-commonjs.js";

export interface LintInput {
  /** Absolute path of the spec; relative `$ref`s and the problems' sources resolve against it. */
  readonly path: string;
  readonly text: string;
}

/** One problem as Redocly reports it, reduced to what a SpecProblem needs (and what a worker can post). */
interface FoundProblem {
  readonly line: number | undefined;
  readonly col: number | undefined;
  readonly ruleId: string;
  readonly severity: string;
  readonly message: string;
}

function toSpecProblems(found: readonly FoundProblem[]): SpecProblem[] {
  return found
    .map(
      (problem): SpecProblem => ({
        line: problem.line ?? 0,
        ...(problem.col === undefined ? {} : { col: problem.col }),
        rule: problem.ruleId,
        severity: problem.severity === "error" ? "error" : "warning",
        message: problem.message,
      }),
    )
    .sort(byLine);
}

/** Lints the spec text with the rules of `configPath`, in this thread. */
export async function lintSpec(spec: LintInput, configPath: string): Promise<SpecProblem[]> {
  const { getLineColLocation, lintFromString, loadConfig } = requireCommonJs("@redocly/openapi-core") as typeof RedoclyCore;
  const config = await loadConfig({ configPath });
  const found = await lintFromString({ source: spec.text, absoluteRef: spec.path, config });
  return toSpecProblems(
    found.map((problem) => {
      const location = problem.location[0];
      const start = location ? getLineColLocation(location).start : undefined;
      return { line: start?.line, col: start?.col, ruleId: problem.ruleId, severity: problem.severity, message: problem.message };
    }),
  );
}

/** The same lint in a worker thread, so the caller's thread is free to work meanwhile. */
export function lintSpecInWorker(spec: LintInput, configPath: string): Promise<SpecProblem[]> {
  return new Promise((resolve, reject) => {
    // execArgv: [] so that the worker does not load tsx (or any loader) the process was started
    // with: it is plain JavaScript, and a loader there costs a second of start-up.
    const worker = new Worker(new URL("./lint-worker.mjs", import.meta.url), { workerData: { path: spec.path, text: spec.text, configPath }, execArgv: [] });
    let settled = false;
    worker.once("message", (message: { problems?: FoundProblem[]; error?: { message: string; stack?: string } }) => {
      settled = true;
      // Redocly leaves timers behind that would keep the worker, and so the process, alive.
      void worker.terminate();
      if (message.problems !== undefined) resolve(toSpecProblems(message.problems));
      else reject(Object.assign(new Error(message.error?.message ?? "the lint worker failed"), { stack: message.error?.stack }));
    });
    worker.once("error", (error) => {
      settled = true;
      reject(error);
    });
    worker.once("exit", (code) => {
      if (!settled) reject(new Error(`the lint worker exited with code ${code} before it reported`));
    });
  });
}
