// The parameter validators of generated/validators.ts: for every operation, one for its query
// and one for its path parameters, compiled by ajv from the spec's own parameter schemas. Values
// read off a URL are strings, so these coerce them to the schema's types and fill in defaults;
// ajv sets that per instance, hence a second instance beside the body validators', whose code
// lives in a function of its own because both instances name their functions validate1, 2, ….

import { documentRef, specAjv, standaloneModule } from "./ajv-standalone.js";
import { indentByBrackets } from "./indent.js";
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

/**
 * How a value of each JSON type is written in a URL, checked before ajv converts it: ajv's own
 * coercion reads whatever `+value` reads ("0x10" as 16, "1e2" as 100, " 5" as 5), and none of
 * those is how a client writes an integer.
 */
const WIRE_PATTERNS: Readonly<Partial<Record<string, string>>> = {
  integer: "^[+-]?[0-9]+$",
  number: "^[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+)?$",
  boolean: "^(true|false)$",
};

/** The wire form of a set of parameters: each typed one as a string of its type's written form. */
function wireSchema(parameters: readonly ParameterModel[]): { schema: Record<string, unknown>; types: Record<string, string> } {
  const properties: Record<string, unknown> = {};
  const types: Record<string, string> = {};
  for (const { name, constraint } of parameters) {
    const pattern = WIRE_PATTERNS[constraint.type];
    if (pattern === undefined) continue;
    properties[name] = { type: "string", pattern };
    types[name] = constraint.type;
  }
  return { schema: { type: "object", properties }, types };
}

/**
 * Emitted once: runs a set's wire check, then its schema check, as one validator. A value not in
 * its type's written form is reported as ajv reports a wrong type (keyword "type") and kept as it
 * came; every other problem is the schema check's, so all of them are reported at once.
 */
const IN_TURN = `function inTurn(wire, typed, types) {
  function validate(values) {
    const wireErrors = wire(values) ? [] : wire.errors;
    const failed = new Map(wireErrors.map((error) => [error.instancePath.slice(1), values[error.instancePath.slice(1)]]));
    const ok = typed(values) && failed.size === 0;
    for (const [name, raw] of failed) values[name] = raw;
    const typeErrors = wireErrors.map((error) => {
      const type = types[error.instancePath.slice(1)];
      return { instancePath: error.instancePath, schemaPath: error.schemaPath, keyword: "type", params: { type }, message: "must be " + type };
    });
    const errors = [...(typed.errors ?? []).filter((error) => !failed.has(error.instancePath.slice(1))), ...typeErrors];
    validate.errors = ok ? null : errors;
    return ok;
  }
  validate.errors = null;
  return validate;
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
  const wireTypes = new Map<string, Record<string, string>>();
  const exportFor = (parameters: readonly ParameterModel[]): string => {
    const schema = setSchema(document, parameters);
    const key = JSON.stringify(schema);
    let name = exportOf.get(key);
    if (name === undefined) {
      name = `parameters${exportOf.size}`;
      exportOf.set(key, name);
      defs[name] = schema;
      refs[name] = documentRef("$defs", name);
      const wire = wireSchema(parameters);
      defs[`${name}Wire`] = wire.schema;
      refs[`${name}Wire`] = documentRef("$defs", `${name}Wire`);
      wireTypes.set(name, wire.types);
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
    "// ajv's code for the parameter schemas, compiled with coerceTypes and useDefaults, and for",
    "// their wire forms; each set's two are run in turn by one validator, shared by its operations.",
    "function parameterValidatorTable() {",
    code.trim(),
    ...[...exportOf.values()].map((name) => `const ${name} = inTurn(${fn(`${name}Wire`)}, ${fn(name)}, ${JSON.stringify(wireTypes.get(name) ?? {})});`),
    "return {",
    ...table.map((entry) => `${JSON.stringify(entry.operationId)}: { query: ${entry.query}, path: ${entry.path} },`),
    "};",
    "}",
    "",
    IN_TURN,
  ].join("\n");
  return `${DECLARATIONS}\n\n${indentByBrackets(body)}`;
}
