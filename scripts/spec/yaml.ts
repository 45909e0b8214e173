// The one YAML parser of scripts/: js-yaml, with the core schema (dates and the like stay the
// strings JSON would have). Chosen by measurement on a 4.3 MB published-size spec: js-yaml
// parses it in about 0.23 s, the `yaml` package in 1.7-2.3 s (its CST pass alone is 1.7 s).
// Redocly parses with js-yaml as well, so lint and generate load one YAML parser, not two.
// Required, not imported (see require-commonjs.ts): the package's ESM build would also be a
// second copy beside the CommonJS one Redocly requires. js-yaml ships no types; the little used
// here is declared below.

import { requireCommonJs } from "../require-commonjs.js";

/** What js-yaml's `listener` sees as it opens and closes each node. */
export interface YamlParserState {
  /** Offset in the text: where a node starts (on open) or ends (on close). */
  readonly position: number;
  /** 0-based line of `position`. */
  readonly line: number;
  /** Offset where that line starts. */
  readonly lineStart: number;
  /** On close: the node's value. */
  readonly result: unknown;
  /** On close: "scalar", "mapping" or "sequence" (null when the node was empty). */
  readonly kind: string | null;
}

interface JsYaml {
  load(
    text: string,
    options: {
      schema: unknown;
      json?: boolean;
      listener?: (event: "open" | "close", state: YamlParserState) => void;
    },
  ): unknown;
  readonly CORE_SCHEMA: unknown;
}

interface YamlException {
  readonly name: "YAMLException";
  readonly reason: string;
  readonly mark: { readonly line: number; readonly column: number };
}

const jsYaml = requireCommonJs("js-yaml") as JsYaml;

/** A YAML syntax error at a 1-based line and column. */
export class YamlSyntaxError extends Error {
  override readonly name = "YamlSyntaxError";
  constructor(
    readonly reason: string,
    readonly line: number,
    readonly col: number,
  ) {
    super(`${reason} (${line}:${col})`);
  }
}

const isYamlException = (error: unknown): error is YamlException =>
  error instanceof Error && error.name === "YAMLException" && "mark" in error && "reason" in error;

/**
 * Parses one YAML document (JSON is YAML too). `listener` sees every node as it is read; it is
 * what positions.ts builds its index from. Duplicate keys are an error unless `lastKeyWins`
 * (as JSON.parse has it).
 */
export function parseYaml(
  text: string,
  options: { readonly listener?: (event: "open" | "close", state: YamlParserState) => void; readonly lastKeyWins?: boolean } = {},
): unknown {
  try {
    return jsYaml.load(text, {
      schema: jsYaml.CORE_SCHEMA,
      ...(options.lastKeyWins ? { json: true } : {}),
      ...(options.listener ? { listener: options.listener } : {}),
    });
  } catch (error) {
    if (isYamlException(error)) throw new YamlSyntaxError(error.reason, error.mark.line + 1, error.mark.column + 1);
    throw error;
  }
}
