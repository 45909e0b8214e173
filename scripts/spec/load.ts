// Reading a spec, YAML or JSON, for every command (lint, generate, spec:diff, spec:upstream): the
// document as plain data, and the place in the text of any part of it, for problems. A syntax
// error is a SpecProblemsError at its line and column.

import { readFile } from "node:fs/promises";
import type { JsonValue } from "./json-value.js";
import { positionIndex, type PathSegment, type Place } from "./positions.js";
import { pointerTokens } from "./refs.js";
import { SpecProblemsError } from "./problems.js";
import { parseYaml, YamlSyntaxError } from "./yaml.js";

export interface LoadedSpec {
  /** The file as messages show it (relative to the working directory, or as the user gave it). */
  readonly file: string;
  readonly text: string;
  /** The document as plain data (mappings → objects, sequences → arrays); null when empty. */
  readonly data: JsonValue;
  /** Where the key or item at `path` is written (or its nearest written ancestor). */
  locate(path: readonly PathSegment[]): Place;
  /** The same, for a JSON pointer into `data`. */
  locatePointer(pointer: string): Place;
}

/** Parses spec text; `file` names it in problems. */
export function parseSpecText(text: string, file: string): LoadedSpec {
  const looksLikeJson = /^\s*[{[]/.test(text);
  const json = looksLikeJson ? parseJson(text) : undefined;
  let data: unknown;
  if (json !== undefined) data = json.value;
  else {
    try {
      data = parseYaml(text);
    } catch (error) {
      if (!(error instanceof YamlSyntaxError)) throw error;
      const language = looksLikeJson ? "JSON" : "YAML";
      throw new SpecProblemsError(file, [
        { line: error.line, col: error.col, severity: "error", message: `${language} syntax error: ${error.reason}` },
      ]);
    }
  }
  let index: ((path: readonly PathSegment[]) => Place) | undefined;
  const locate = (path: readonly PathSegment[]): Place => (index ??= positionIndex(text, json !== undefined))(path);
  return {
    file,
    text,
    // js-yaml's core schema and JSON.parse both yield JSON values only.
    data: (data ?? null) as JsonValue,
    locate,
    locatePointer: (pointer) => locate(pointerTokens(pointer)),
  };
}

/** Reads and parses the spec at `path`; a file that cannot be read is a problem too. */
export async function readSpecFile(path: string, file: string): Promise<LoadedSpec> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new SpecProblemsError(file, [{ line: 0, severity: "error", message: `cannot be read: ${reason}` }]);
  }
  return parseSpecText(text, file);
}

/**
 * JSON.parse is several times faster than any YAML parser, so JSON-looking text tries it first.
 * Text it refuses goes to the YAML parser, which says where the problem is (or reads it: JSON
 * with a comment or a trailing comma is still YAML).
 */
function parseJson(text: string): { value: unknown } | undefined {
  try {
    return { value: JSON.parse(text) };
  } catch {
    return undefined;
  }
}
