// Renders generated/validators.ts: ajv's standalone code, one validator per named schema, for the
// local server to check what it receives against the spec's own schemas, and after them the
// parameter validators (parameter-validators.ts).

import { batchedStandaloneModule, documentRef, specAjv, UCS2LENGTH } from "./ajv-standalone.js";
import { indentByBrackets } from "./indent.js";
import { propertyKey } from "./names.js";
import type { OpenApiDocument } from "./openapi.js";
import type { OperationModel } from "./operations.js";
import { renderParameterValidators } from "./parameter-validators.js";

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

${UCS2LENGTH}
`;

/** The body of generated/validators.ts (without the header line). */
export function renderValidators(document: OpenApiDocument, operations: readonly OperationModel[]): string {
  const schemas = document.components?.schemas ?? {};
  const exportNames = Object.keys(schemas).map((name) => [name, validatorName(name)] as const);
  const refs = Object.fromEntries(exportNames.map(([name, exported]) => [exported, documentRef("components", "schemas", name)]));
  const code = batchedStandaloneModule(specAjv({ schemas }), refs)
    // Typed exports, so the declarations show SchemaValidator instead of ajv's untyped functions.
    .replace(/^export const (validate\w+) = (validate\d+|validatorBatch\d+\.validate\w+);$/gm, "export const $1: SchemaValidator = $2;");

  const names = exportNames.map(([name]) => JSON.stringify(name));
  const table = [
    "/** A validator for each named schema in the spec (components.schemas). */",
    `export const schemaValidators: Readonly<Record<${names.join(" | ") || "never"}, SchemaValidator>> = {`,
    ...exportNames.map(([name, exported]) => `  ${propertyKey(name)}: ${exported},`),
    "};",
  ].join("\n");
  const parameters = renderParameterValidators(document, operations);
  return `${DECLARATIONS}\n${indentByBrackets(code).trimEnd()}\n\n${table}\n\n${parameters}\n`;
}

/** `AdminApiKey` → `validateAdminApiKey`; other characters dropped so the name is an identifier. */
const validatorName = (schemaName: string): string => `validate${schemaName.replace(/[^A-Za-z0-9_$]/g, "_")}`;
