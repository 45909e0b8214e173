// The fixed part of generated/client.ts: the declarations that do not depend on the spec.
// Written as source text because that is what they are; the per-operation parts are built as
// ts-morph structures in client.ts.

/** CallInit, CallResult, FieldConstraint and OperationConstraints. */
export const CLIENT_DECLARATIONS = `/** Options passed through to \`fetch\` for one call. */
export interface CallInit {
  signal?: AbortSignal | undefined;
  headers?: Record<string, string> | undefined;
}

/**
 * The outcome of one HTTP exchange. \`ok: true\` carries the parsed 2xx body. \`ok: false\` carries
 * either a non-2xx answer (\`problem: "status"\`, \`body\` parsed from JSON when it was JSON, else the
 * raw text, or undefined when empty) or a 2xx answer whose body was empty or not JSON
 * (\`problem: "unparseable"\`, \`body\` the raw text).
 */
export type CallResult<T> =
  | { ok: true; data: T; response: Response }
  | { ok: false; problem: "status" | "unparseable"; body: unknown; response: Response };

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

/** Turns one openapi-fetch exchange (read with `parseAs: "text"`) into a CallResult. */
export const SETTLE = `function settle<T>(response: Response, text: string | undefined, error: unknown): CallResult<T> {
  if (!response.ok) return { ok: false, problem: "status", body: error, response };
  if (text) {
    try {
      return { ok: true, data: JSON.parse(text) as T, response };
    } catch {
      // fall through: a 2xx body that is not JSON
    }
  }
  return { ok: false, problem: "unparseable", body: text ?? "", response };
}`;

/** The same for an operation whose success response has no body; emitted only when one exists. */
export const SETTLE_EMPTY = `function settleEmpty(response: Response, error: unknown): CallResult<undefined> {
  if (!response.ok) return { ok: false, problem: "status", body: error, response };
  return { ok: true, data: undefined, response };
}`;
