// Input checks made before anything is sent. Every bound, enum and type comes from the spec through
// the generated `operationConstraints` table; this file only knows how to compare and how to say
// what went wrong. The checks allocate nothing unless they fail.

import type { FieldConstraint } from "../generated/client.js";
import { InvalidParameterError } from "./errors.js";
import { excerpt, redactSecretTokens } from "./redact.js";

/** How a value looks in a message: strings quoted (and redacted), other things by their kind. */
function describe(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(excerpt(redactSecretTokens(value), 60));
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return "an array";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}

function range({ minimum, maximum }: FieldConstraint): string {
  if (minimum !== undefined && maximum !== undefined) return ` from ${minimum} to ${maximum}`;
  if (minimum !== undefined) return ` of at least ${minimum}`;
  if (maximum !== undefined) return ` of at most ${maximum}`;
  return "";
}

function lengths({ minLength = 0, maxLength }: FieldConstraint): string {
  if (minLength > 1 && maxLength !== undefined) return ` of ${minLength} to ${maxLength} characters`;
  if (minLength > 1) return ` of at least ${minLength} characters`;
  if (maxLength !== undefined) return ` of at most ${maxLength} characters`;
  return "";
}

/** What the constraint allows, in words: "an integer from 1 to 100", `one of "asc", "desc"`. */
function allowed(constraint: FieldConstraint): string {
  if (constraint.enum) return `one of ${constraint.enum.map((option) => JSON.stringify(option)).join(", ")}`;
  switch (constraint.type) {
    case "integer":
      return `an integer${range(constraint)}`;
    case "number":
      return `a number${range(constraint)}`;
    case "string": {
      const base = constraint.minLength === 1 ? "a non-empty string" : "a string";
      const pattern = constraint.pattern === undefined ? "" : ` matching /${constraint.pattern}/`;
      return `${base}${lengths(constraint)}${pattern}`;
    }
    case "boolean":
      return "a boolean";
    case "array":
      return "an array";
    case "object":
      return "an object";
  }
}

/** Length in code points, as JSON Schema counts it. */
function codePoints(text: string): number {
  let count = 0;
  // Stryker disable next-line EqualityOperator: one step past the end, charCodeAt gives NaN, which neither comparison below counts
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0xd800 || unit > 0xdbff) count++;
  }
  return count;
}

const compiledPatterns = new Map<string, RegExp>();

function compiled(pattern: string): RegExp {
  let regex = compiledPatterns.get(pattern);
  // Stryker disable next-line ConditionalExpression: compiling again each time gives an equal regex; the cache only saves the work
  if (!regex) compiledPatterns.set(pattern, (regex = new RegExp(pattern, "u")));
  return regex;
}

function fits(value: unknown, constraint: FieldConstraint): boolean {
  if (constraint.enum) {
    for (const option of constraint.enum) if (option === value) return true;
    return false;
  }
  switch (constraint.type) {
    case "string": {
      if (typeof value !== "string") return false;
      const { minLength, maxLength, pattern } = constraint;
      // Stryker disable next-line ConditionalExpression: performance only: without bounds the length is counted and then compared with nothing
      if (minLength !== undefined || maxLength !== undefined) {
        const length = codePoints(value);
        // Stryker disable next-line ConditionalExpression: with no bound the comparison is with undefined, which is false anyway
        if (minLength !== undefined && length < minLength) return false;
        // Stryker disable next-line ConditionalExpression: with no bound the comparison is with undefined, which is false anyway
        if (maxLength !== undefined && length > maxLength) return false;
      }
      // Stryker disable next-line ConditionalExpression: with no pattern, new RegExp(undefined) is the empty pattern, which every string matches
      return pattern === undefined || compiled(pattern).test(value);
    }
    case "integer":
    case "number": {
      if (
        !Number.isFinite(value) ||
        // Stryker disable next-line ConditionalExpression: Number.isFinite is false for anything that is no number, so this test only narrows the type
        typeof value !== "number"
      ) {
        return false;
      }
      if (constraint.type === "integer" && !Number.isInteger(value)) return false;
      const { minimum, maximum } = constraint;
      return (minimum === undefined || value >= minimum) && (maximum === undefined || value <= maximum);
    }
    case "boolean":
      return typeof value === "boolean";
    case "array":
      return Array.isArray(value);
    case "object":
      return isJsonObject(value);
  }
}

// A high surrogate not followed by a low one, or a low one without a high one before it. Such a
// string has no UTF-8 form: encodeURIComponent throws on it, and JSON would carry it as an escape
// the server may read differently.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Checks one value against its constraint. `undefined` passes when the field is optional, `null`
 * when the spec allows it.
 * Throws an {@link InvalidParameterError} such as `limit must be an integer from 1 to 100; got 0`.
 */
export function checkValue(param: string, value: unknown, constraint: FieldConstraint): void {
  if (value === undefined && !constraint.required) return;
  if (value === null && constraint.nullable) return;
  if (typeof value === "string") {
    const lone = LONE_SURROGATE.exec(value);
    if (lone !== null) {
      throw new InvalidParameterError(
        param,
        `${param} must be well-formed Unicode text; got a string with a lone surrogate (U+${lone[0].charCodeAt(0).toString(16).toUpperCase()}) at index ${lone.index}`,
      );
    }
  }
  if (fits(value, constraint)) return;
  const requirement = value === undefined ? "is required and must be" : "must be";
  const orNull = constraint.nullable ? " or null" : "";
  throw new InvalidParameterError(param, `${param} ${requirement} ${allowed(constraint)}${orNull}; got ${describe(value)}`);
}

/**
 * Checks an object of named fields (query parameters or a body) against their constraints, and
 * refuses names the spec does not know, which are most often typos (`expiresInSeconds`).
 */
export function checkFields(
  what: string,
  values: object,
  constraints: Readonly<Record<string, FieldConstraint>>,
): void {
  for (const name in values) {
    if (!Object.hasOwn(constraints, name) && Reflect.get(values, name) !== undefined) {
      const known = Object.keys(constraints).join(", ");
      throw new InvalidParameterError(name, `${what} has no parameter "${name}"; allowed: ${known}`);
    }
  }
  for (const [name, constraint] of Object.entries(constraints)) checkValue(name, Reflect.get(values, name), constraint);
}

/** Whether a value is a JSON object: an object, not null and not an array. */
export function isJsonObject(value: unknown): value is object {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Checks that `what` was given an object (not null, not an array). */
export function checkObject(what: string, value: unknown): void {
  if (isJsonObject(value)) return;
  throw new InvalidParameterError(what, `${what} must be an object; got ${describe(value)}`);
}

/**
 * Refuses `.` and `..` as a path segment. Percent-encoding leaves them as they are, and URL
 * parsing then resolves them (`…/admin_api_keys/..` would address `…/organization/`), so no
 * encoding can make them safe.
 */
export function checkPathSegment(param: string, value: string): void {
  if (value === "." || value === "..") {
    throw new InvalidParameterError(
      param,
      `${param} must not be "." or ".." (they would change the request's path); got ${describe(value)}`,
    );
  }
}
