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

/** A fact the spec's table states of a query parameter (its type or a bound), for the wording only. */
function declared(operationId: OperationId, name: string, fact: "type" | "minimum" | "maximum"): unknown {
  const query = constraintsById.get(operationId)?.query;
  const constraint: unknown = query !== undefined && Object.hasOwn(query, name) ? Reflect.get(query, name) : undefined;
  return typeof constraint === "object" && constraint !== null ? Reflect.get(constraint, fact) : undefined;
}

/** The spec's bounds of a numeric parameter, for saying what is allowed: " from 1 to 100". */
function bounds(operationId: OperationId, name: string): string {
  const minimum = declared(operationId, name, "minimum");
  const maximum = declared(operationId, name, "maximum");
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
      const noun = type === "integer" ? "an integer" : type === "number" ? "a number" : type === "boolean" ? "true or false" : `a ${type}`;
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
  const declared = constraintsById.get(operationId)?.query ?? {};
  const values: Record<string, unknown> = {};
  for (const name of new Set(search.keys())) {
    const given = search.getAll(name);
    if (given.length > 1 && Object.hasOwn(declared, name)) {
      return { ok: false, error: invalidParam(name, `Invalid value for ${name}: give it once; it was given ${given.length} times.`) };
    }
    values[name] = given[0];
  }
  const raw = { ...values };
  const validate = parameterValidators[operationId].query;
  if (validate(values)) return { ok: true, values };
  const first = validate.errors?.[0];
  if (first === undefined) return { ok: false, error: invalidParam(null, "Invalid query.") };
  if (first.keyword === "required") {
    const missing = String(first.params["missingProperty"]);
    return { ok: false, error: invalidParam(missing, `Missing required parameter: ${missing}.`, "missing_required_parameter") };
  }
  const name = first.instancePath.slice(1);
  const message = `Invalid value for ${name}: expected ${expected(operationId, name, first)}; got ${quote(raw[name])}.`;
  return { ok: false, error: invalidParam(name, message) };
}

/** Checks path parameters (already decoded from the URL) with the operation's parameter validator. */
export function checkPath(params: Readonly<Record<string, string>>, operationId: OperationId): ErrorReply | undefined {
  const values: Record<string, unknown> = { ...params };
  const validate = parameterValidators[operationId].path;
  if (validate(values)) return undefined;
  const first = validate.errors?.[0];
  const name = first === undefined ? "" : first.instancePath.slice(1) || String(first.params["missingProperty"]);
  const what = first === undefined ? "a value the spec allows" : expected(operationId, name, first);
  return invalidParam(name, `Invalid value for ${name}: expected ${what}; got ${quote(params[name] ?? "")}.`);
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
