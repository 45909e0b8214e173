// A problem found in the spec, located by line so the message points the reader at it.

export interface SpecProblem {
  /** 1-based line in the spec file; 0 when the problem has no place in the file. */
  readonly line: number;
  /** 1-based column, when known. */
  readonly col?: number;
  /** The lint rule that reported it, when it comes from the linter. */
  readonly rule?: string;
  readonly severity: "error" | "warning";
  readonly message: string;
}

/** Thrown when the spec cannot be turned into code; carries every problem found so far. */
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

/** `spec/openapi.yaml:12: lint operation-description: Operation object should contain ...` */
export function formatProblem(file: string, problem: SpecProblem): string {
  const where = problem.line > 0 ? `${file}:${problem.line}` : file;
  const source = problem.rule ? `lint ${problem.rule}: ` : "";
  return `${where}: ${source}${problem.message}`;
}

export const byLine = (a: SpecProblem, b: SpecProblem): number =>
  a.line - b.line || (a.col ?? 0) - (b.col ?? 0);
