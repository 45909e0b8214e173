// The parameter validators of generated/validators.ts: for every operation, one for its query
// and one for its path parameters, compiled by ajv from the spec's own parameter schemas. Values
// read off a URL are strings, so these coerce them to the schema's types and fill in defaults;
// ajv sets that per instance, hence a second instance beside the body validators', whose code
// lives in a function of its own because both instances name their functions validate1, 2, ….

import { documentRef, specAjv, standaloneModule } from "./ajv-standalone.js";
import { indentByBrackets } from "./format.js";
import { deref, type OpenApiDocument } from "./openapi.js";
import type { OperationModel, ParameterModel } from "./operations.js";

const DECLARATIONS = `/**
 * Checks the query or the path parameters of one operation, given as one object of their values
 * as they arrive on the wire (strings), against the spec's schema for each. It changes the object
 * it is given: a value the schema types otherwise becomes that type ("5" → 5, "true" → true), and
 * an absent parameter the spec gives a default gets it. Names the spec does not list are allowed
 * and left as they are. After a call, \`errors\` is null when the values passed, else every
 * problem found (\`instancePath\` "/<name>"; a missing required one has instancePath "", keyword
 * "required" and \`params.missingProperty\`). After a failure the object may be partly converted.
 */
export interface ParameterValidator {
  (values: Record<string, unknown>): boolean;
  errors?: ValidationError[] | null;
}

/** One operation's parameter validators; both are there even when it has no parameter of that kind. */
export interface ParameterValidators {
  readonly query: ParameterValidator;
  readonly path: ParameterValidator;
}`;

/** One object schema for a set of parameters: each one's schema as a property, required ones required. */
function setSchema(document: OpenApiDocument, parameters: readonly ParameterModel[]): Record<string, unknown> {
  const required = parameters.filter((parameter) => parameter.constraint.required).map((parameter) => parameter.name);
  return {
    type: "object",
    // Followed here, not left as a `$ref`: ajv applies a default only where it is written in `properties`.
    properties: Object.fromEntries(parameters.map((parameter) => [parameter.name, deref(document, parameter.schema)])),
    ...(required.length > 0 ? { required } : {}),
  };
}

/** The parameter validators' declarations, table and code (part of generated/validators.ts). */
export function renderParameterValidators(document: OpenApiDocument, operations: readonly OperationModel[]): string {
  // Operations with the same parameters (say, GET and DELETE of one key) share one validator.
  const defs: Record<string, unknown> = {};
  const refs: Record<string, string> = {};
  const exportOf = new Map<string, string>();
  const exportFor = (parameters: readonly ParameterModel[]): string => {
    const schema = setSchema(document, parameters);
    const key = JSON.stringify(schema);
    let name = exportOf.get(key);
    if (name === undefined) {
      name = `parameters${exportOf.size}`;
      exportOf.set(key, name);
      defs[name] = schema;
      refs[name] = documentRef("$defs", name);
    }
    return name;
  };
  const table = operations.map((operation) => ({
    operationId: operation.operationId,
    query: exportFor(operation.queryParams),
    path: exportFor(operation.pathParams),
  }));

  const schemas = document.components?.schemas ?? {};
  const functions = new Map<string, string>();
  const code = operations.length === 0 ? "" : standaloneModule(specAjv({ schemas, defs, coerce: true }), refs)
    // ajv turns any string that `+` reads as a whole number into one, "Infinity" included, and
    // then skips its bounds for a number that is not finite. JSON has no such number: refuse it
    // as the wrong type. (test/pipeline/parameter-validators.test.ts holds this to ajv's output.)
    .replace(/\b(data\d*) == \+\1\b/g, "$1 == +$1 && isFinite($1)")
    .replace(/^export const (\w+) = (validate\d+);\n?/gm, (_line, exported: string, fn: string) => {
      functions.set(exported, fn);
      return "";
    });
  const fn = (exported: string): string => {
    const name = functions.get(exported);
    if (name === undefined) throw new Error(`internal: ajv emitted no validator for ${exported}`);
    return name;
  };

  const ids = table.map((entry) => JSON.stringify(entry.operationId));
  const body = [
    "/** The query and path parameter validators of each operation, by operationId. */",
    `export const parameterValidators: Readonly<Record<${ids.join(" | ") || "never"}, ParameterValidators>> = parameterValidatorTable();`,
    "",
    "// ajv's code for the parameter schemas, compiled with coerceTypes and useDefaults.",
    "function parameterValidatorTable() {",
    code.trim(),
    "return {",
    ...table.map((entry) => `${JSON.stringify(entry.operationId)}: { query: ${fn(entry.query)}, path: ${fn(entry.path)} },`),
    "};",
    "}",
  ].join("\n");
  return `${DECLARATIONS}\n\n${indentByBrackets(body)}`;
}
