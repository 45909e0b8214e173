// Renders generated/validators.ts: ajv's standalone code, one validator per named schema, for the
// local server to check what it receives against the spec's own schemas. The output imports
// nothing at run time; the one helper ajv would `require` is inlined.

import type * as AjvModule from "ajv/dist/2020.js";
import type * as AjvStandalone from "ajv/dist/standalone/index.js";
import { indentByBrackets } from "./format.js";
import { propertyKey } from "./names.js";
import type { OpenApiDocument } from "./openapi.js";
import { requireCommonJs } from "./require.js";

const { Ajv2020 } = requireCommonJs("ajv/dist/2020.js") as typeof AjvModule;
// The CommonJS module object is what `typeof …default` describes here (ESM view of a CJS module).
const { default: standaloneCode } = requireCommonJs("ajv/dist/standalone/index.js") as typeof AjvStandalone.default;

/** OpenAPI's schema keywords that JSON Schema 2020-12 does not define: annotations, no checks. */
const OPENAPI_ANNOTATIONS = ["example", "discriminator", "xml", "externalDocs"];

/** A `$id` for the document so `#/components/schemas/…` references resolve inside it. */
const DOCUMENT_ID = "openapi.yaml";

const UCS2LENGTH_REQUIRE = 'require("ajv/dist/runtime/ucs2length").default';

const DECLARATIONS = `// @ts-nocheck -- ajv standalone output, type-checked through the declarations below.

/** One problem found by a validator, in ajv's shape. */
export interface ValidationError {
  instancePath: string;
  schemaPath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
}

/** Checks a value against one of the spec's named schemas; after a call, \`errors\` holds what failed. */
export interface SchemaValidator {
  (data: unknown): boolean;
  errors?: ValidationError[] | null;
}

/** Length in code points, as JSON Schema counts it (ajv's ucs2length, inlined). */
function ucs2length(str) {
  let length = 0;
  for (const _ of str) length++;
  return length;
}
`;

/** The body of generated/validators.ts (without the header line). */
export function renderValidators(document: OpenApiDocument): string {
  const schemas = document.components?.schemas ?? {};
  const ajv = new Ajv2020({
    code: { source: true, esm: true, lines: true },
    allErrors: true,
    strict: true,
  });
  for (const keyword of OPENAPI_ANNOTATIONS) ajv.addKeyword(keyword);
  // `components` holds the schemas but is not a keyword itself; declare it so strict mode allows it.
  ajv.addKeyword("components");
  // Unix-seconds timestamps: the type (integer) is the check; the format is documentation.
  ajv.addFormat("unixtime", true);
  ajv.addSchema({ $id: DOCUMENT_ID, components: { schemas } });

  const exportNames = Object.keys(schemas).map((name) => [name, validatorName(name)] as const);
  const refs = Object.fromEntries(
    exportNames.map(([name, exported]) => [exported, `${DOCUMENT_ID}#/components/schemas/${escapePointer(name)}`]),
  );
  const code = standaloneCode(ajv, refs)
    .replace(/^"use strict";\n?/, "")
    .replaceAll(UCS2LENGTH_REQUIRE, "ucs2length")
    // Typed exports, so the declarations show SchemaValidator instead of ajv's untyped functions.
    .replace(/^export const (validate\w+) = (validate\d+);$/gm, "export const $1: SchemaValidator = $2;");
  const leftover = /require\(("[^"]+")\)/.exec(code);
  if (leftover) {
    throw new Error(
      `validators need ajv's runtime helper ${leftover[1]}, which generated code may not import; ` +
        "inline it in scripts/generate/validators.ts as ucs2length is",
    );
  }

  const names = exportNames.map(([name]) => JSON.stringify(name));
  const table = [
    "/** A validator for each named schema in the spec (components.schemas). */",
    `export const schemaValidators: Readonly<Record<${names.join(" | ") || "never"}, SchemaValidator>> = {`,
    ...exportNames.map(([name, exported]) => `  ${propertyKey(name)}: ${exported},`),
    "};",
  ].join("\n");
  return `${DECLARATIONS}\n${indentByBrackets(code).trimEnd()}\n\n${table}\n`;
}

/** `AdminApiKey` → `validateAdminApiKey`; other characters dropped so the name is an identifier. */
const validatorName = (schemaName: string): string => `validate${schemaName.replace(/[^A-Za-z0-9_$]/g, "_")}`;

const escapePointer = (segment: string): string =>
  encodeURIComponent(segment.replace(/~/g, "~0").replace(/\//g, "~1"));
