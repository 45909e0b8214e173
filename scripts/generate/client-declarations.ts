// The fixed part of generated/client.ts: the declarations that do not depend on the spec.
// Written as source text because that is what they are; the per-operation parts are built as
// ts-morph structures in client.ts.

/** CallInit, CallResult, FieldConstraint and OperationConstraints. */
export const CLIENT_DECLARATIONS = `/** Options passed through to openapi-fetch for one call. */
export interface CallInit {
  signal?: AbortSignal | undefined;
  headers?: Record<string, string> | undefined;
  /** The fetch for this call, instead of the client's. */
  fetch?: ((request: Request) => Promise<Response>) | undefined;
}

/**
 * One exchange whose status and headers have arrived, its body left unread (openapi-fetch's
 * \`parseAs: "stream"\`), so the caller decides how much of it to read. \`body\` is null when there
 * is none, or when openapi-fetch read it already (a non-2xx answer). \`parse\` turns the body's
 * text into the type the spec gives the success answer. Check \`response.ok\` first.
 */
export interface CallResult<T> {
  readonly response: Response;
  readonly body: ReadableStream<Uint8Array> | null;
  readonly parse: (text: string) => T;
}

/** The type and bounds of one parameter or body field, as the spec states them. */
export interface FieldConstraint {
  readonly required: boolean;
  readonly type: "string" | "integer" | "number" | "boolean" | "array" | "object";
  /** True when the spec also allows \`null\` (\`anyOf: [T, {type: "null"}]\`). */
  readonly nullable?: boolean;
  readonly enum?: readonly (string | number | boolean)[];
  readonly minimum?: number;
  readonly maximum?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly pattern?: string;
  readonly default?: string | number | boolean;
}

/** What the spec says about one operation. */
export interface OperationConstraints {
  readonly operationId: string;
  readonly method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  readonly path: string;
  /** True when the 2xx body is a cursor page (\`data\` array, \`has_more\` boolean) and the operation takes \`after\`. */
  readonly paginated: boolean;
  readonly path_params: Readonly<Record<string, FieldConstraint>>;
  readonly query: Readonly<Record<string, FieldConstraint>>;
  /** Top-level fields of the JSON body, or null when the operation takes none. */
  readonly body: { readonly required: boolean; readonly fields: Readonly<Record<string, FieldConstraint>> } | null;
}`;

/** The parsers behind \`CallResult.parse\`: JSON as the spec's type, or nothing for a bodiless answer. */
export const PARSE_JSON = `function parseJson<T>(text: string): T {
  return JSON.parse(text);
}`;

/** Emitted only when some operation's success answer has no body. */
export const PARSE_NOTHING = `function parseNothing(): undefined {
  return undefined;
}`;
