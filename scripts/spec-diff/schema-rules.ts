// Which rule id a schema difference gets, by where the schema sits. oasdiff names the same
// change differently for a parameter, a field of a body and a body as a whole
// (`request-parameter-became-nullable`, `request-property-became-nullable`,
// `request-body-became-nullable`); compare-schema.ts decides what changed (a "family"), and
// this file turns family and place into the id. Where oasdiff has no id for a place, the rule
// of our own that covers it is used instead.

import type { TypeStep, Where } from "./findings.js";
import type { RuleId } from "./rules.js";

/** Where a schema sits: a parameter (or anything inside one), a field of a body, or a body itself. */
export type SchemaArea = "request-parameter" | "request-property" | "request-body" | "response-property" | "response-body";

/**
 * The area of the schema at `steps` below the operation: `["parameters", in, name, ...]`,
 * `["requestBody", "content", type, ...]` or `["responses", status, "content", type, ...]`.
 * A body is a property as soon as a property name follows the media type; array items of the
 * body are the body still.
 */
export function schemaArea(where: Where, steps: readonly TypeStep[]): SchemaArea {
  if (steps[0] === "parameters") return "request-parameter";
  const contentAt = steps.indexOf("content");
  const inside = contentAt < 0 ? [] : steps.slice(contentAt + 2);
  const isProperty = inside.some((step) => typeof step === "string");
  if (where === "request") return isProperty ? "request-property" : "request-body";
  return isProperty ? "response-property" : "response-body";
}

export type RequestFamily =
  | "type-changed"
  | "type-generalized"
  | "became-nullable"
  | "became-not-nullable"
  | "became-enum"
  | "enum-value-removed"
  | "enum-value-added"
  | "default-value-added"
  | "default-value-changed"
  | "default-value-removed";

export type ResponseFamily = "type-changed" | "became-nullable" | "became-not-nullable" | "enum-value-added" | "enum-value-removed";

type RequestArea = Extract<SchemaArea, `request-${string}`>;
type ResponseArea = Extract<SchemaArea, `response-${string}`>;

const REQUEST: Record<RequestFamily, Record<RequestArea, RuleId>> = {
  "type-changed": { "request-parameter": "request-parameter-type-changed", "request-property": "request-property-type-changed", "request-body": "request-body-type-changed" },
  "type-generalized": {
    "request-parameter": "request-parameter-type-generalized",
    "request-property": "request-property-type-generalized",
    "request-body": "request-body-type-generalized",
  },
  "became-nullable": {
    "request-parameter": "request-parameter-became-nullable",
    "request-property": "request-property-became-nullable",
    "request-body": "request-body-became-nullable",
  },
  "became-not-nullable": {
    "request-parameter": "request-parameter-became-not-nullable",
    "request-property": "request-property-became-not-nullable",
    "request-body": "request-body-became-not-nullable",
  },
  "became-enum": { "request-parameter": "request-parameter-became-enum", "request-property": "request-property-became-enum", "request-body": "request-body-became-enum" },
  "enum-value-removed": {
    "request-parameter": "request-parameter-enum-value-removed",
    "request-property": "request-property-enum-value-removed",
    "request-body": "request-body-enum-value-removed",
  },
  // oasdiff has no id for a request body whose list of values grew.
  "enum-value-added": { "request-parameter": "request-parameter-enum-value-added", "request-property": "request-property-enum-value-added", "request-body": "request-enum-widened" },
  "default-value-added": {
    "request-parameter": "request-parameter-default-value-added",
    "request-property": "request-property-default-value-added",
    "request-body": "request-body-default-value-added",
  },
  "default-value-changed": {
    "request-parameter": "request-parameter-default-value-changed",
    "request-property": "request-property-default-value-changed",
    "request-body": "request-body-default-value-changed",
  },
  "default-value-removed": {
    "request-parameter": "request-parameter-default-value-removed",
    "request-property": "request-property-default-value-removed",
    "request-body": "request-body-default-value-removed",
  },
};

const RESPONSE: Record<ResponseFamily, Record<ResponseArea, RuleId>> = {
  "type-changed": { "response-property": "response-property-type-changed", "response-body": "response-body-type-changed" },
  "became-nullable": { "response-property": "response-property-became-nullable", "response-body": "response-body-became-nullable" },
  "became-not-nullable": { "response-property": "response-property-became-not-nullable", "response-body": "response-body-became-not-nullable" },
  // oasdiff has no id for a whole answer whose list of values grew.
  "enum-value-added": { "response-property": "response-property-enum-value-added", "response-body": "response-enum-changed" },
  "enum-value-removed": { "response-property": "response-property-enum-value-removed", "response-body": "response-mediatype-enum-value-removed" },
};

export function requestRule(family: RequestFamily, area: SchemaArea): RuleId {
  // A request schema is never in a response area; the fallback keeps the lookup total.
  return REQUEST[family][area.startsWith("request-") ? (area as RequestArea) : "request-body"];
}

export function responseRule(family: ResponseFamily, area: SchemaArea): RuleId {
  return RESPONSE[family][area.startsWith("response-") ? (area as ResponseArea) : "response-body"];
}
