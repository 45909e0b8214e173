// Checks what a request carries against the spec: query and path parameters against the
// generated constraint table, JSON bodies against the generated schema validators. Each failure
// becomes a 400 naming the parameter, what is wrong with the value and what is allowed.

import type { FieldConstraint } from "../../generated/client.js";
import type { ValidationError } from "../../generated/validators.js";
import { type ErrorReply, invalidParam } from "./errors.js";

/** Parsed query parameters: integers as numbers, the rest as strings; the spec's defaults filled in. */
export type ParsedQuery = Record<string, string | number | undefined>;

/** The parsed query, or the 400 to answer. */
export type QueryResult = { readonly ok: true; readonly values: ParsedQuery } | { readonly ok: false; readonly error: ErrorReply };

function quote(value: string): string {
  return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
}

function allowedRange(constraint: FieldConstraint): string {
  const { minimum, maximum } = constraint;
  if (minimum !== undefined && maximum !== undefined) return `an integer from ${minimum} to ${maximum}`;
  if (minimum !== undefined) return `an integer of at least ${minimum}`;
  if (maximum !== undefined) return `an integer of at most ${maximum}`;
  return "an integer";
}

/** Checks one raw parameter value; returns the parsed value or the 400 to answer. */
export function checkParam(name: string, raw: string, constraint: FieldConstraint): string | number | ErrorReply {
  const problem = (expected: string): ErrorReply =>
    invalidParam(name, `Invalid value for ${name}: expected ${expected}; got ${quote(raw)}.`);
  if (constraint.type === "integer" || constraint.type === "number") {
    const pattern = constraint.type === "integer" ? /^[+-]?\d{1,15}$/ : /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
    const value = Number(raw);
    const inRange =
      pattern.test(raw) &&
      (constraint.minimum === undefined || value >= constraint.minimum) &&
      (constraint.maximum === undefined || value <= constraint.maximum);
    return inRange ? value : problem(allowedRange(constraint));
  }
  if (constraint.enum !== undefined && !constraint.enum.includes(raw)) {
    return problem(`one of ${constraint.enum.join(", ")}`);
  }
  if (constraint.minLength !== undefined && [...raw].length < constraint.minLength) {
    return problem(`at least ${constraint.minLength} character${constraint.minLength === 1 ? "" : "s"}`);
  }
  if (constraint.maxLength !== undefined && [...raw].length > constraint.maxLength) {
    return problem(`at most ${constraint.maxLength} characters`);
  }
  if (constraint.pattern !== undefined && !new RegExp(constraint.pattern, "u").test(raw)) {
    return problem(`a value matching ${constraint.pattern}`);
  }
  return raw;
}

/** Parses a query string against an operation's query constraints. Unknown parameters are ignored. */
export function parseQuery(
  search: URLSearchParams,
  constraints: Readonly<Record<string, FieldConstraint>>,
): QueryResult {
  const parsed: ParsedQuery = {};
  for (const [name, constraint] of Object.entries(constraints)) {
    const values = search.getAll(name);
    if (values.length > 1) {
      return { ok: false, error: invalidParam(name, `Invalid value for ${name}: give it once; it was given ${values.length} times.`) };
    }
    const raw = values[0];
    if (raw === undefined) {
      if (constraint.required) {
        return { ok: false, error: invalidParam(name, `Missing required parameter: ${name}.`, "missing_required_parameter") };
      }
      parsed[name] = typeof constraint.default === "boolean" ? String(constraint.default) : constraint.default;
      continue;
    }
    const value = checkParam(name, raw, constraint);
    if (typeof value === "object") return { ok: false, error: value };
    parsed[name] = value;
  }
  return { ok: true, values: parsed };
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
