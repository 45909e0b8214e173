// The parts of an OpenAPI 3.1 document the generator reads, typed, over the one dereferencer in
// spec/refs.ts. Deliberately loose: the document has passed the structural checks and the
// linter before any of this is trusted.

import type { FieldConstraint } from "./constraint-model.js";
import type { JsonValue } from "../spec/json-value.js";
import { follow, localPointer, pointerTokens } from "../spec/refs.js";

/**
 * The schema keywords a FieldConstraint takes over unchanged. Their types are FieldConstraint's
 * (the linter has checked the spec agrees), so they are declared once, there.
 */
export const COPIED_KEYWORDS = ["minimum", "maximum", "minLength", "maxLength", "pattern"] as const satisfies readonly (keyof FieldConstraint)[];
type CopiedKeywords = Pick<FieldConstraint, (typeof COPIED_KEYWORDS)[number]>;

export interface SchemaNode extends CopiedKeywords {
  readonly $ref?: string;
  readonly type?: string | readonly string[];
  readonly enum?: readonly unknown[];
  readonly const?: unknown;
  readonly default?: unknown;
  readonly properties?: Readonly<Record<string, SchemaNode>>;
  readonly required?: readonly string[];
  readonly items?: SchemaNode;
  readonly allOf?: readonly SchemaNode[];
  readonly anyOf?: readonly SchemaNode[];
  readonly oneOf?: readonly SchemaNode[];
  readonly description?: string;
}

export type ParameterLocation = "query" | "path" | "header" | "cookie";

export interface ParameterNode {
  readonly $ref?: string;
  readonly name: string;
  readonly in: ParameterLocation;
  readonly required?: boolean;
  readonly schema?: SchemaNode;
  readonly example?: unknown;
}

export interface MediaTypeNode {
  readonly schema?: SchemaNode;
  readonly example?: unknown;
  readonly examples?: Readonly<Record<string, { readonly value?: unknown; readonly $ref?: string }>>;
}

export interface RequestBodyNode {
  readonly $ref?: string;
  readonly required?: boolean;
  readonly content?: Readonly<Record<string, MediaTypeNode>>;
}

export interface ResponseNode {
  readonly $ref?: string;
  readonly content?: Readonly<Record<string, MediaTypeNode>>;
}

export interface OperationNode {
  readonly operationId?: string;
  readonly summary?: string;
  readonly description?: string;
  readonly parameters?: readonly ParameterNode[];
  readonly requestBody?: RequestBodyNode;
  readonly responses?: Readonly<Record<string, ResponseNode>>;
}

export const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

export type PathItemNode = {
  readonly parameters?: readonly ParameterNode[];
} & { readonly [method in HttpMethod]?: OperationNode };

export interface OpenApiDocument {
  readonly openapi: string;
  readonly info: { readonly title: string; readonly summary?: string; readonly description?: string };
  readonly paths?: Readonly<Record<string, PathItemNode>>;
  readonly components?: {
    readonly schemas?: Readonly<Record<string, SchemaNode>>;
  };
}

/**
 * The parsed spec seen through these types. Only for a document that has passed the structural
 * checks and the linter: nothing here checks the shape.
 */
export function asOpenApiDocument(data: JsonValue): OpenApiDocument {
  return data as unknown as OpenApiDocument;
}

/** The name of a named schema when `ref` is `#/components/schemas/<name>`. */
export function schemaRefName(ref: string | undefined): string | undefined {
  const pointer = ref === undefined ? undefined : localPointer(ref);
  const path = pointer === undefined ? undefined : pointerTokens(pointer);
  return path?.length === 3 && path[0] === "components" && path[1] === "schemas" ? path[2] : undefined;
}

/**
 * The node a chain of `$ref`s ends at, with keywords written beside a `$ref` laid over it. The
 * structural checks have proved every local reference resolves, so this does not fail on a
 * checked spec.
 */
export function deref<T extends { readonly $ref?: string }>(document: OpenApiDocument, node: T): T {
  // The typed nodes are views of the parsed JSON; follow reads them as the JSON they are.
  return follow(document, { value: node as unknown as JsonValue, pointer: "" }).value as unknown as T;
}
