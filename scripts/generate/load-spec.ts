// Reads the spec with the `yaml` package, keeping enough of the parse to say which line any part
// of the document came from.

import { readFile } from "node:fs/promises";
import type { Document, LineCounter as LineCounterType } from "yaml";
import type * as Yaml from "yaml";
import { SpecProblemsError, type SpecProblem } from "./problems.js";
import { requireCommonJs } from "./require.js";

const { LineCounter, parseDocument } = requireCommonJs("yaml") as typeof Yaml;

/** A step of a path into the parsed document: a mapping key or a sequence index. */
export type PathSegment = string | number;

export interface LoadedSpec {
  /** Absolute path of the spec file. */
  readonly path: string;
  /** The path as messages show it (relative to the working directory). */
  readonly file: string;
  readonly text: string;
  /** The document as plain data (mappings → objects, sequences → arrays). */
  readonly data: unknown;
  /** The 1-based line where the node at `path` starts (or its nearest existing ancestor). */
  lineOf(path: readonly PathSegment[]): number;
}

/** Parses the spec; a YAML syntax error throws a {@link SpecProblemsError} naming its line. */
export async function loadSpec(path: string, file: string): Promise<LoadedSpec> {
  const text = await readFile(path, "utf8");
  const lineCounter = new LineCounter();
  // prettyErrors off: we print our own one-line `file:line: problem`, not yaml's code frame.
  const document = parseDocument(text, { lineCounter, prettyErrors: false });
  if (document.errors.length > 0) {
    const problems: SpecProblem[] = document.errors.map((error) => ({
      line: lineCounter.linePos(error.pos[0]).line,
      col: lineCounter.linePos(error.pos[0]).col,
      severity: "error",
      message: `YAML syntax error: ${error.message}`,
    }));
    throw new SpecProblemsError(file, problems);
  }
  const lineOf = (nodePath: readonly PathSegment[]): number =>
    nodeLine(document, lineCounter, nodePath);
  return { path, file, text, data: document.toJS(), lineOf };
}

function nodeLine(document: Document, lineCounter: LineCounterType, path: readonly PathSegment[]): number {
  for (let depth = path.length; depth >= 0; depth--) {
    const node: unknown = depth === 0 ? document.contents : document.getIn(path.slice(0, depth), true);
    const offset = rangeStart(node);
    if (offset !== undefined) return lineCounter.linePos(offset).line;
  }
  return 0;
}

function rangeStart(node: unknown): number | undefined {
  if (node === null || typeof node !== "object" || !("range" in node)) return undefined;
  const { range } = node;
  return Array.isArray(range) && typeof range[0] === "number" ? range[0] : undefined;
}
