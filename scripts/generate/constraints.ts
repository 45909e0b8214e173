// What the spec says about one parameter or body field, reduced to the facts the client checks
// before sending: type, bounds, enum, pattern, default. `$ref`s are followed, and a nullable
// single type is read as that type, nullable, whichever way it is written: a 3.1 type array
// (`type: [X, "null"]`, the spec's style) or `anyOf: [X, {type: "null"}]`. The shape is
// FieldConstraint, declared once in constraint-model.ts.

import type { FieldConstraint } from "./constraint-model.js";
import { COPIED_KEYWORDS, deref, type OpenApiDocument, type SchemaNode } from "./openapi.js";

type FieldType = FieldConstraint["type"];
type Primitive = NonNullable<FieldConstraint["default"]>;

/** Every FieldType, so the compiler holds this list to the declaration. */
const FIELD_TYPES: Readonly<Record<FieldType, true>> = {
  string: true, integer: true, number: true, boolean: true, array: true, object: true,
};

const isFieldType = (type: unknown): type is FieldType => typeof type === "string" && Object.hasOwn(FIELD_TYPES, type);
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
): FieldConstraint | string {
  const { schema, nullable } = unwrapNullable(document, node);
  const type = fieldType(schema);
  if (type === undefined) {
    return 'has no single type (give it `type`, `type: [<type>, "null"]`, or `anyOf` of one type and null)';
  }
  const enumValues = literalValues(schema)?.filter(isPrimitive);
  const copied: Copied = {};
  for (const keyword of COPIED_KEYWORDS) copyKeyword(copied, schema, keyword);
  return {
    required,
    type,
    ...(nullable ? { nullable: true } : {}),
    ...(enumValues && enumValues.length > 0 ? { enum: enumValues } : {}),
    ...copied,
    ...(isPrimitive(schema.default) ? { default: schema.default } : {}),
  };
}

type Copied = { -readonly [K in (typeof COPIED_KEYWORDS)[number]]?: FieldConstraint[K] };

function copyKeyword<K extends keyof Copied>(into: Copied, schema: SchemaNode, keyword: K): void {
  const value = schema[keyword];
  if (value !== undefined) into[keyword] = value;
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
