// A problem found in a spec, and the one way every command prints it: `file:line:col message`,
// so that an editor or a terminal can jump to it whichever command found it.

export interface SpecProblem {
  /** 1-based line in the spec file; 0 when the problem has no place in the file. */
  readonly line: number;
  /** 1-based column; 1 when only the line is known. */
  readonly col?: number;
  /** The lint rule that reported it, when it comes from the linter. */
  readonly rule?: string;
  readonly severity: "error" | "warning";
  readonly message: string;
}

/** Thrown when a spec cannot be read or turned into code; carries every problem found so far. */
export class SpecProblemsError extends Error {
  constructor(
    /** The spec file as the reader should see it (relative to the working directory). */
    readonly file: string,
    readonly problems: readonly SpecProblem[],
  ) {
    super(problems.map((problem) => formatProblem(file, problem)).join("\n"));
    this.name = "SpecProblemsError";
  }
}

/** `spec/openapi.yaml:12:7`, or the file alone for a problem with no place in it. */
export function problemLocation(file: string, problem: Pick<SpecProblem, "line" | "col">): string {
  return problem.line > 0 ? `${file}:${problem.line}:${problem.col ?? 1}` : file;
}

/** `spec/openapi.yaml:12:7 lint operation-description: Operation object should contain ...` */
export function formatProblem(file: string, problem: SpecProblem): string {
  const source = problem.rule ? `lint ${problem.rule}: ` : "";
  return `${problemLocation(file, problem)} ${source}${problem.message}`;
}

export const byLine = (a: SpecProblem, b: SpecProblem): number =>
  a.line - b.line || (a.col ?? 0) - (b.col ?? 0);
