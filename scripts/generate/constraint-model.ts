// The one declaration of what the spec says about an operation's inputs. The generator builds
// values of these types (constraints.ts, operations.ts), and copies the declarations below,
// comments and all, into generated/client.ts, which may import nothing hand-written; src/ then
// imports them from there. So this file holds exported interfaces and nothing else: no imports,
// no values (client-declarations.ts refuses anything more), and the order of FieldConstraint's
// properties is the order of the keys in the generated table.

/** The type and bounds of one parameter or body field, as the spec states them. */
export interface FieldConstraint {
  readonly required: boolean;
  readonly type: "string" | "integer" | "number" | "boolean" | "array" | "object";
  /** True when the spec also allows `null` (`anyOf: [T, {type: "null"}]`). */
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
  /** True when the 2xx body is a cursor page (`data` array, `has_more` boolean) and the operation takes `after`. */
  readonly paginated: boolean;
  readonly path_params: Readonly<Record<string, FieldConstraint>>;
  readonly query: Readonly<Record<string, FieldConstraint>>;
  /** Top-level fields of the JSON body, or null when the operation takes none. */
  readonly body: { readonly required: boolean; readonly fields: Readonly<Record<string, FieldConstraint>> } | null;
}
