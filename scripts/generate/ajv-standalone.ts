// ajv set up for the spec's schemas, and its standalone code made fit for generated/: what the
// body validators and the parameter validators of generated/validators.ts share. The output
// imports nothing at run time; the one helper ajv would `require` is inlined.

import type * as AjvModule from "ajv/dist/2020.js";
import type * as AjvStandalone from "ajv/dist/standalone/index.js";
import type { SchemaNode } from "./openapi.js";
import { requireCommonJs } from "../require-commonjs.js";

const { Ajv2020 } = requireCommonJs("ajv/dist/2020.js") as typeof AjvModule;
// The CommonJS module object is what `typeof …default` describes here (ESM view of a CJS module).
const { default: standaloneCode } = requireCommonJs("ajv/dist/standalone/index.js") as typeof AjvStandalone.default;

type Ajv = InstanceType<typeof Ajv2020>;

/** OpenAPI's schema keywords that JSON Schema 2020-12 does not define: annotations, no checks. */
const OPENAPI_ANNOTATIONS = ["example", "discriminator", "xml", "externalDocs"];

/** A `$id` for the document so `#/components/schemas/…` references resolve inside it. */
const DOCUMENT_ID = "openapi.yaml";

const UCS2LENGTH_REQUIRE = 'require("ajv/dist/runtime/ucs2length").default';

/** Emitted once at the top of generated/validators.ts, for every validator in it to call. */
export const UCS2LENGTH = `/** Length in code points, as JSON Schema counts it (ajv's ucs2length, inlined). */
function ucs2length(str) {
  let length = 0;
  for (const _ of str) length++;
  return length;
}`;

export interface SpecAjvOptions {
  /** The spec's named schemas, reachable as `#/components/schemas/<name>`. */
  readonly schemas: Readonly<Record<string, SchemaNode>>;
  /** More schemas in the same document, reachable as `#/$defs/<name>`. */
  readonly defs?: Readonly<Record<string, unknown>>;
  /** Coerce strings to the schema's types and fill in defaults, as for values read off a URL. */
  readonly coerce?: boolean;
}

export function specAjv({ schemas, defs, coerce = false }: SpecAjvOptions): Ajv {
  const ajv = new Ajv2020({
    code: { source: true, esm: true, lines: true },
    allErrors: true,
    strict: true,
    ...(coerce ? { coerceTypes: true, useDefaults: true } : {}),
  });
  for (const keyword of OPENAPI_ANNOTATIONS) ajv.addKeyword(keyword);
  // `components` holds the schemas but is not a keyword itself; declare it so strict mode allows it.
  ajv.addKeyword("components");
  // Unix-seconds timestamps: the type (integer) is the check; the format is documentation.
  ajv.addFormat("unixtime", true);
  ajv.addSchema({ $id: DOCUMENT_ID, components: { schemas }, ...(defs ? { $defs: defs } : {}) });
  return ajv;
}

/** `#/components/schemas/<name>` or `#/$defs/<name>` as a reference into the document. */
export function documentRef(...tokens: readonly string[]): string {
  return `${DOCUMENT_ID}#/${tokens.map(escapePointer).join("/")}`;
}

/**
 * ajv's standalone code for `refs` (export name → reference): one `export const <name> =
 * validate<N>;` line per entry, beside the functions. Throws when the code would need a run-time
 * helper that is not inlined.
 */
export function standaloneModule(ajv: Ajv, refs: Readonly<Record<string, string>>): string {
  const code = standaloneCode(ajv, { ...refs })
    .replace(/^"use strict";\n?/, "")
    .replaceAll(UCS2LENGTH_REQUIRE, "ucs2length");
  const leftover = /require\(("[^"]+")\)/.exec(code);
  if (leftover) {
    throw new Error(
      `validators need ajv's runtime helper ${leftover[1]}, which generated code may not import; ` +
        "inline it in scripts/generate/ajv-standalone.ts as ucs2length is",
    );
  }
  return code;
}

/**
 * How many exports one call of ajv's standalone builder takes. The builder appends each export
 * to everything built so far by copying it (a template literal over the whole), so its cost
 * grows with the square of the exports: 4,000 schemas took 7.4 s, nearly all of it copying.
 * Batches of this size keep it linear.
 */
export const STANDALONE_BATCH = 250;

/**
 * Like standaloneModule, in batches of `batch` exports, each in a function scope of its own:
 * ajv names its functions once per instance (validate1, schema2, …), so a function two batches
 * need is emitted in both, and must not be declared twice in one scope. Up to `batch` exports
 * the output is standaloneModule's, unchanged. Each export is written `export const <name> =
 * <expression>;` either way.
 */
export function batchedStandaloneModule(ajv: Ajv, refs: Readonly<Record<string, string>>, batch = STANDALONE_BATCH): string {
  const entries = Object.entries(refs);
  if (entries.length <= batch) return standaloneModule(ajv, refs);
  const parts: string[] = [];
  const exports: string[] = [];
  for (let start = 0, index = 0; start < entries.length; start += batch, index++) {
    const scope = `validatorBatch${index}`;
    const names = entries.slice(start, start + batch);
    const code = standaloneModule(ajv, Object.fromEntries(names)).replace(/^export const ([\w$]+) = ([\w$]+);$/gm, "$exports.$1 = $2;");
    parts.push(`const ${scope} = (() => {\nconst $exports = {};\n${code}\nreturn $exports;\n})();`);
    for (const [name] of names) exports.push(`export const ${name} = ${scope}.${name};`);
  }
  return `${parts.join("\n")}\n${exports.join("\n")}\n`;
}

const escapePointer = (segment: string): string =>
  encodeURIComponent(segment.replace(/~/g, "~0").replace(/\//g, "~1"));
