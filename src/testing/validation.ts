// Checks what a request carries against the spec, with the spec's own schemas: query and path
// parameters through the generated parameter validators (which read the values off the URL as
// their types and fill in defaults), JSON bodies through the generated schema validators. Each
// failure becomes a 400 naming the parameter, what is wrong with the value and what is allowed.

import { operationConstraints } from "../../generated/client.js";
import { parameterValidators, type ValidationError } from "../../generated/validators.js";
import { type ErrorReply, invalidParam } from "./mock-errors.js";
import type { OperationId } from "./routing.js";

/** Parsed query parameters, of the types the spec gives them, its defaults filled in. */
export type ParsedQuery = Readonly<Record<string, unknown>>;

/** The parsed query, or the 400 to answer. */
export type QueryResult = { readonly ok: true; readonly values: ParsedQuery } | { readonly ok: false; readonly error: ErrorReply };

const constraintsById = new Map(Object.values(operationConstraints).map((operation) => [operation.operationId, operation]));

function quote(value: unknown): string {
  const text = String(value);
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
}

/** The spec's table of an operation's query parameters, by name. */
function queryTable(operationId: OperationId): object {
  // Stryker disable next-line OptionalChaining: the map holds every operation of the table OperationId is taken from, so get always finds one
  return constraintsById.get(operationId)?.query ?? {};
}

/**
 * A fact the spec's table states of a query parameter (its type or a bound), for the wording only.
 * A name the table lacks gives undefined: what an inherited member of the table would give
 * (a function, or Object.prototype for __proto__) has none of these facts either.
 */
function declared(operationId: OperationId, name: string, fact: "type" | "minimum" | "maximum"): unknown {
  const constraint: unknown = Reflect.get(queryTable(operationId), name);
  return typeof constraint === "object" && constraint !== null ? Reflect.get(constraint, fact) : undefined;
}

/** The spec's bounds of a numeric parameter, for saying what is allowed: " from 1 to 100". */
function bounds(operationId: OperationId, name: string): string {
  return boundsWording(declared(operationId, name, "minimum"), declared(operationId, name, "maximum"));
}

/** Bounds in words, either of them possibly absent (not a number): " from 1 to 100", " of at least 1", "". */
export function boundsWording(minimum: unknown, maximum: unknown): string {
  if (typeof minimum === "number" && typeof maximum === "number") return ` from ${minimum} to ${maximum}`;
  if (typeof minimum === "number") return ` of at least ${minimum}`;
  return typeof maximum === "number" ? ` of at most ${maximum}` : "";
}

/** What a failed keyword of a parameter validator says was expected, in words. */
export function expected(operationId: OperationId, name: string, error: ValidationError): string {
  const { keyword, params } = error;
  switch (keyword) {
    case "type":
    case "minimum":
    case "maximum": {
      const type = String(keyword === "type" ? params["type"] : (declared(operationId, name, "type") ?? "number"));
      const noun = type === "integer" ? "an integer" : type === "boolean" ? "true or false" : `a ${type}`;
      return `${noun}${bounds(operationId, name)}`;
    }
    case "enum":
      return `one of ${Array.isArray(params["allowedValues"]) ? params["allowedValues"].join(", ") : "the allowed values"}`;
    case "minLength":
      return `at least ${String(params["limit"])} character${params["limit"] === 1 ? "" : "s"}`;
    case "maxLength":
      return `at most ${String(params["limit"])} characters`;
    case "pattern":
      return `a value matching ${String(params["pattern"])}`;
    default:
      return error.message ?? "a value the spec allows";
  }
}

/**
 * Parses a query string with the operation's parameter validator. A parameter the spec defines
 * may be given once; ones it does not define are ignored, as the API ignores them.
 */
export function parseQuery(search: URLSearchParams, operationId: OperationId): QueryResult {
  const declared = queryTable(operationId);
  const values: Record<string, unknown> = {};
  for (const name of new Set(search.keys())) {
    const given = search.getAll(name);
    if (given.length > 1 && Object.hasOwn(declared, name)) {
      return { ok: false, error: invalidParam(name, `Invalid value for ${name}: give it once; it was given ${given.length} times.`) };
    }
    values[name] = given[0];
  }
  // The validator converts the values in place (types, defaults); the message quotes them as given.
  const given = { ...values };
  const validate = parameterValidators[operationId].query;
  if (validate(values)) return { ok: true, values };
  return { ok: false, error: parameterProblem(operationId, given, validate.errors) };
}

/** Checks path parameters (already decoded from the URL) with the operation's parameter validator. */
export function checkPath(params: Readonly<Record<string, string>>, operationId: OperationId): ErrorReply | undefined {
  const values: Record<string, unknown> = { ...params };
  const validate = parameterValidators[operationId].path;
  if (validate(values)) return undefined;
  return parameterProblem(operationId, params, validate.errors);
}

/**
 * Turns the first failure of a parameter validator into a 400: `required` names the missing
 * parameter, anything else names the failing one, what it expected and the value as given.
 */
export function parameterProblem(
  operationId: OperationId,
  given: Readonly<Record<string, unknown>>,
  errors: readonly ValidationError[] | null | undefined,
): ErrorReply {
  const first = errors?.[0];
  if (first === undefined) return invalidParam(null, "Invalid parameters.");
  if (first.keyword === "required") {
    const missing = String(first.params["missingProperty"]);
    return invalidParam(missing, `Missing required parameter: ${missing}.`, "missing_required_parameter");
  }
  const name = first.instancePath.slice(1);
  return invalidParam(name, `Invalid value for ${name}: expected ${expected(operationId, name, first)}; got ${quote(given[name])}.`);
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return `a ${typeof value}`;
}

/**
 * Turns the first failure of a schema validator into a 400: `required` names the missing
 * field, anything else names the field at the failing path, a non-object body names none.
 */
export function bodyProblem(body: unknown, errors: readonly ValidationError[] | null | undefined): ErrorReply {
  const first = errors?.[0];
  if (first === undefined || (first.instancePath === "" && first.keyword === "type")) {
    return invalidParam(null, `The request body must be a JSON object; got ${describe(body)}.`, "invalid_body");
  }
  if (first.keyword === "required") {
    const missing = String(first.params["missingProperty"]);
    const param = first.instancePath === "" ? missing : `${pathToParam(first.instancePath)}.${missing}`;
    return invalidParam(param, `Missing required parameter: ${param}.`, "missing_required_parameter");
  }
  const param = pathToParam(first.instancePath);
  return invalidParam(param, `Invalid value for ${param}: ${first.message ?? "not allowed by the schema"}.`);
}

function pathToParam(instancePath: string): string {
  return instancePath.slice(1).split("/").join(".");
}
