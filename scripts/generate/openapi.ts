// The parts of an OpenAPI 3.1 document the generator reads, and local `$ref` resolution.
// Deliberately loose: the document has passed the structural checks and the linter before any
// of this is trusted.

export interface SchemaNode {
  readonly $ref?: string;
  readonly type?: string | readonly string[];
  readonly enum?: readonly unknown[];
  readonly const?: unknown;
  readonly default?: unknown;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly pattern?: string;
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

/** `#/components/schemas/A~1B` → ["components", "schemas", "A/B"]; undefined for a non-local ref. */
export function refPath(ref: string): string[] | undefined {
  if (!ref.startsWith("#")) return undefined;
  if (ref === "#") return [];
  if (!ref.startsWith("#/")) return undefined;
  return ref
    .slice(2)
    .split("/")
    .map((segment) => decodeURIComponent(segment).replace(/~1/g, "/").replace(/~0/g, "~"));
}

/** The value a local `$ref` points at, or undefined when it points nowhere. */
export function lookupRef(root: unknown, ref: string): unknown {
  const path = refPath(ref);
  if (path === undefined) return undefined;
  let node: unknown = root;
  for (const segment of path) {
    if (node === null || typeof node !== "object" || !Object.hasOwn(node, segment)) return undefined;
    node = (node as Record<string, unknown>)[segment];
  }
  return node;
}

/** The name of a named schema when `ref` is `#/components/schemas/<name>`. */
export function schemaRefName(ref: string | undefined): string | undefined {
  const path = ref === undefined ? undefined : refPath(ref);
  return path?.length === 3 && path[0] === "components" && path[1] === "schemas" ? path[2] : undefined;
}

/**
 * Follows `$ref`s until a node that is not a reference. The structural checks have already
 * proved every local reference resolves, so a dangling or circular chain here is a bug.
 */
export function deref<T extends { readonly $ref?: string }>(document: OpenApiDocument, node: T): T {
  let current: T = node;
  for (let hops = 0; current.$ref !== undefined; hops++) {
    const target = lookupRef(document, current.$ref);
    if (hops > 32 || target === null || typeof target !== "object") {
      throw new Error(`internal: cannot resolve $ref ${current.$ref}`);
    }
    current = target as T;
  }
  return current;
}
