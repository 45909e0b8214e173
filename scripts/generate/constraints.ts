// What the spec says about one parameter or body field, reduced to the facts the client checks
// before sending: type, bounds, enum, pattern, default. `$ref`s are followed and a nullable
// single-type `anyOf` (`anyOf: [X, {type: "null"}]`) is read as X.

import { deref, type OpenApiDocument, type SchemaNode } from "./openapi.js";

export type FieldType = "string" | "integer" | "number" | "boolean" | "array" | "object";
export type Primitive = string | number | boolean;

export interface Constraint {
  readonly required: boolean;
  readonly type: FieldType;
  readonly nullable?: true;
  readonly enum?: readonly Primitive[];
  readonly minimum?: number;
  readonly maximum?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly pattern?: string;
  readonly default?: Primitive;
}

const FIELD_TYPES: ReadonlySet<string> = new Set(["string", "integer", "number", "boolean", "array", "object"]);

const isFieldType = (type: unknown): type is FieldType => typeof type === "string" && FIELD_TYPES.has(type);
const isPrimitive = (value: unknown): value is Primitive =>
  typeof value === "string" || typeof value === "number" || typeof value === "boolean";
const isNullSchema = (schema: SchemaNode): boolean => schema.type === "null";

/** The schema without its null alternative, and whether it had one. */
export function unwrapNullable(
  document: OpenApiDocument,
  node: SchemaNode,
): { schema: SchemaNode; nullable: boolean } {
  const schema = deref(document, node);
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) {
    const resolved = alternatives.map((alternative) => deref(document, alternative));
    const others = resolved.filter((alternative) => !isNullSchema(alternative));
    const [only] = others;
    if (only && others.length === 1 && others.length < resolved.length) return { schema: only, nullable: true };
  }
  if (Array.isArray(schema.type) && schema.type.includes("null")) {
    const others = schema.type.filter((type) => type !== "null");
    if (others.length === 1) return { schema: { ...schema, type: others[0] }, nullable: true };
  }
  return { schema, nullable: false };
}

/** The values an `enum` or `const` allows, if the schema lists them. */
const literalValues = (schema: SchemaNode): readonly unknown[] | undefined =>
  schema.enum ?? (schema.const === undefined ? undefined : [schema.const]);

function fieldType(schema: SchemaNode): FieldType | undefined {
  if (isFieldType(schema.type)) return schema.type;
  if (schema.properties || schema.allOf) return "object";
  if (schema.items) return "array";
  const values = literalValues(schema) ?? [];
  if (values.length > 0 && values.every((value) => typeof value === "string")) return "string";
  if (values.length > 0 && values.every((value) => typeof value === "boolean")) return "boolean";
  return undefined;
}

/**
 * The constraint of one field, or a sentence saying why the spec gives it no single type (a
 * union of several types cannot be checked against one table entry).
 */
export function fieldConstraint(
  document: OpenApiDocument,
  node: SchemaNode,
  required: boolean,
): Constraint | string {
  const { schema, nullable } = unwrapNullable(document, node);
  const type = fieldType(schema);
  if (type === undefined) {
    return "has no single type (give it `type`, or `anyOf` of one type and null)";
  }
  const enumValues = literalValues(schema)?.filter(isPrimitive);
  return {
    required,
    type,
    ...(nullable ? { nullable: true as const } : {}),
    ...(enumValues && enumValues.length > 0 ? { enum: enumValues } : {}),
    ...(typeof schema.minimum === "number" ? { minimum: schema.minimum } : {}),
    ...(typeof schema.maximum === "number" ? { maximum: schema.maximum } : {}),
    ...(typeof schema.minLength === "number" ? { minLength: schema.minLength } : {}),
    ...(typeof schema.maxLength === "number" ? { maxLength: schema.maxLength } : {}),
    ...(typeof schema.pattern === "string" ? { pattern: schema.pattern } : {}),
    ...(isPrimitive(schema.default) ? { default: schema.default } : {}),
  };
}

/** Top-level properties and required names of an object schema, with `allOf` members merged. */
export function objectShape(
  document: OpenApiDocument,
  node: SchemaNode,
): { properties: [string, SchemaNode][]; required: Set<string> } {
  const { schema } = unwrapNullable(document, node);
  const properties = new Map(Object.entries(schema.properties ?? {}));
  const required = new Set(schema.required ?? []);
  for (const member of schema.allOf ?? []) {
    const inner = objectShape(document, member);
    for (const [name, property] of inner.properties) properties.set(name, property);
    for (const name of inner.required) required.add(name);
  }
  return { properties: [...properties], required };
}

/**
 * True when a response body is one page of a cursor list: a `data` array and a `has_more`
 * boolean. Together with an `after` query parameter this makes an operation paginated.
 */
export function isCursorPage(document: OpenApiDocument, node: SchemaNode): boolean {
  const properties = new Map(objectShape(document, node).properties);
  const data = properties.get("data");
  const hasMore = properties.get("has_more");
  if (!data || !hasMore) return false;
  return fieldType(unwrapNullable(document, data).schema) === "array" &&
    fieldType(unwrapNullable(document, hasMore).schema) === "boolean";
}
