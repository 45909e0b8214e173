// One canonical reading of a schema, so that two ways of writing the same thing compare equal.
// Spellings folded together:
//   nullable: true  ·  type: [T, "null"]  ·  anyOf/oneOf: [T, {type: "null"}]  ·  enum: [..., null]
//   allOf branches (merged into one object)  ·  const: x (as enum: [x])
//   exclusiveMinimum: true + minimum: n (OpenAPI 3.0) (as exclusiveMinimum: n)
// Vendor extensions (x-*) are dropped. Each keyword keeps the pointer of the node it was written
// in, so a report points at the real place even when it sits inside an anyOf branch.

import { child, follow, type Located } from "../spec/refs.js";
import { isObject, type JsonObject, type JsonValue } from "../spec/json-value.js";

export interface Keyword {
  readonly value: JsonValue;
  readonly pointer: string;
}

export interface PropertySlot {
  /** The property's schema, `$ref` not yet followed. */
  readonly schema: Located;
  /** Where the property is declared: `<schema>/properties/<name>`. */
  readonly slot: string;
}

export interface CanonicalSchema {
  readonly pointer: string;
  /** JSON types allowed, "null" included; undefined when the schema does not constrain the type. */
  types: Set<string> | undefined;
  /** Allowed values without null (null is a type, whatever the spelling). */
  enum: Keyword | undefined;
  readonly properties: Map<string, PropertySlot>;
  readonly required: Set<string>;
  items: Located | undefined;
  /** anyOf/oneOf branches left after null branches were folded into `types`. */
  variants: Located[];
  /** format, default, bounds, docs and anything else, by keyword. */
  readonly keywords: Map<string, Keyword>;
}

export const BOUND_KEYWORDS = [
  "minimum",
  "maximum",
  "exclusiveMinimum",
  "exclusiveMaximum",
  "minLength",
  "maxLength",
  "pattern",
  "minItems",
  "maxItems",
  "uniqueItems",
  "minProperties",
  "maxProperties",
  "multipleOf",
] as const;

export const DOC_KEYWORDS = ["description", "title", "summary", "example", "examples"] as const;

const STRUCTURAL = new Set(["type", "nullable", "enum", "const", "properties", "required", "items", "allOf", "anyOf", "oneOf", "$ref"]);

/** Reads the schema at `located` (following `$ref`s) into its canonical form. */
export function canonicalSchema(root: JsonValue, located: Located): CanonicalSchema {
  const target = follow(root, located);
  const schema: CanonicalSchema = {
    pointer: target.pointer,
    types: undefined,
    enum: undefined,
    properties: new Map(),
    required: new Set(),
    items: undefined,
    variants: [],
    keywords: new Map(),
  };
  const nullable = absorb(root, schema, target, 0);
  if (nullable && schema.types !== undefined) schema.types.add("null");
  return schema;
}

/** Lays one schema node onto `into`; earlier (outer) keywords win. Returns whether null is allowed. */
function absorb(root: JsonValue, into: CanonicalSchema, located: Located, depth: number): boolean {
  if (depth > 32) throw new Error(`The schema at ${located.pointer} nests allOf/anyOf more than 32 levels deep.`);
  const node = located.value;
  if (!isObject(node)) return false;
  let nullable = node.nullable === true;

  const types = typesOf(node);
  if (types !== undefined) {
    if (types.delete("null")) nullable = true;
    into.types = into.types === undefined ? types : intersect(into.types, types);
  }

  const values = Array.isArray(node.enum) ? node.enum : "const" in node && node.const !== undefined ? [node.const] : undefined;
  if (values !== undefined) {
    if (values.includes(null)) nullable = true;
    into.enum ??= { value: values.filter((value) => value !== null), pointer: child(located.pointer, "enum" in node ? "enum" : "const") };
  }

  if (isObject(node.properties)) {
    for (const [name, schema] of Object.entries(node.properties)) {
      const slot = child(located.pointer, "properties", name);
      if (!into.properties.has(name)) into.properties.set(name, { schema: { value: schema, pointer: slot }, slot });
    }
  }
  if (Array.isArray(node.required)) for (const name of node.required) if (typeof name === "string") into.required.add(name);
  if (node.items !== undefined) into.items ??= { value: node.items, pointer: child(located.pointer, "items") };

  for (const [keyword, value] of Object.entries(node)) {
    if (STRUCTURAL.has(keyword) || keyword.startsWith("x-") || into.keywords.has(keyword)) continue;
    into.keywords.set(keyword, { value, pointer: child(located.pointer, keyword) });
  }
  foldExclusiveBounds(into.keywords);

  for (const branch of branches(root, located, "allOf")) nullable = absorb(root, into, branch, depth + 1) || nullable;

  for (const keyword of ["anyOf", "oneOf"] as const) {
    const options = branches(root, located, keyword);
    const nonNull = options.filter((option) => !isNullOnly(option.value));
    if (nonNull.length < options.length) nullable = true;
    const [only] = nonNull;
    if (nonNull.length === 1 && only !== undefined) {
      nullable = absorb(root, into, only, depth + 1) || nullable;
    } else {
      into.variants.push(...nonNull);
    }
  }
  return nullable;
}

function typesOf(node: JsonObject): Set<string> | undefined {
  if (typeof node.type === "string") return new Set([node.type]);
  if (Array.isArray(node.type)) return new Set(node.type.filter((type): type is string => typeof type === "string"));
  return undefined;
}

function intersect(a: Set<string>, b: Set<string>): Set<string> {
  return new Set([...a].filter((type) => b.has(type) || (type === "integer" && b.has("number"))));
}

function isNullOnly(node: JsonValue | undefined): boolean {
  if (!isObject(node)) return false;
  const types = typesOf(node);
  if (types !== undefined) return types.size === 1 && types.has("null");
  return Array.isArray(node.enum) && node.enum.length === 1 && node.enum[0] === null;
}

function branches(root: JsonValue, located: Located, keyword: "allOf" | "anyOf" | "oneOf"): Located[] {
  const node = located.value;
  const list = isObject(node) ? node[keyword] : undefined;
  if (!Array.isArray(list)) return [];
  return list.map((value, index) => follow(root, { value, pointer: child(located.pointer, keyword, index) }));
}

/** OpenAPI 3.0 wrote `exclusiveMinimum: true` beside `minimum`; 3.1 writes the bound itself. */
function foldExclusiveBounds(keywords: Map<string, Keyword>): void {
  for (const [exclusive, inclusive] of [
    ["exclusiveMinimum", "minimum"],
    ["exclusiveMaximum", "maximum"],
  ] as const) {
    const flag = keywords.get(exclusive);
    if (typeof flag?.value !== "boolean") continue;
    const bound = keywords.get(inclusive);
    keywords.delete(exclusive);
    if (flag.value && bound !== undefined) {
      keywords.set(exclusive, bound);
      keywords.delete(inclusive);
    }
  }
}
