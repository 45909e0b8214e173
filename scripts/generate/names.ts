// How spec names become TypeScript names. Kept in one place so the client, the constraint table
// and the validators agree on every name.

/**
 * Names a generated type alias must not take: JavaScript globals and TypeScript's built-in types
 * (a schema called `Error` would shadow the global inside the module and confuse every reader),
 * and the names the generated client declares or imports itself. A fixed list, not `globalThis`,
 * so the output does not change with the Node version that runs the generator.
 */
const RESERVED_TYPE_NAMES = new Set([
  // JavaScript and web-platform globals
  "AbortController", "AbortSignal", "AggregateError", "Array", "ArrayBuffer", "BigInt", "Blob",
  "Boolean", "Buffer", "DataView", "Date", "Error", "EvalError", "Event", "EventTarget", "File",
  "FormData", "Function", "Headers", "Intl", "Iterator", "JSON", "Map", "Math", "Number", "Object",
  "Promise", "Proxy", "RangeError", "ReadableStream", "ReferenceError", "Reflect", "RegExp",
  "Request", "Response", "Set", "SharedArrayBuffer", "String", "Symbol", "SyntaxError",
  "TextDecoder", "TextEncoder", "TypeError", "URIError", "URL", "URLSearchParams", "WeakMap",
  "WeakRef", "WeakSet", "WritableStream",
  // TypeScript built-in types
  "ArrayLike", "Awaited", "Capitalize", "ConstructorParameters", "Exclude", "Extract",
  "InstanceType", "Iterable", "Lowercase", "NonNullable", "Omit", "OmitThisParameter",
  "Parameters", "Partial", "Pick", "PromiseLike", "PropertyKey", "Readonly", "ReadonlyArray",
  "Record", "Required", "ReturnType", "ThisParameterType", "ThisType", "Uncapitalize", "Uppercase",
  // declared or imported by generated/client.ts
  "CallInit", "CallResult", "Client", "FieldConstraint", "OperationConstraints", "components",
  "operations", "paths",
]);

/**
 * Names a generated function must not take: JavaScript's reserved words (an operationId `delete`
 * would make `function delete(`) and the values generated/client.ts declares itself.
 */
const RESERVED_FUNCTION_NAMES = new Set([
  "await", "break", "case", "catch", "class", "const", "continue", "debugger", "default", "delete",
  "do", "else", "enum", "export", "extends", "false", "finally", "for", "function", "if",
  "implements", "import", "in", "instanceof", "interface", "let", "new", "null", "package",
  "private", "protected", "public", "return", "static", "super", "switch", "this", "throw", "true",
  "try", "typeof", "var", "void", "while", "with", "yield",
  "operationConstraints", "parseJson", "parseNothing",
]);

/** Words of an identifier-ish string: `admin-api-keys.list_v2` → admin, api, keys, list, v2. */
function words(text: string): string[] {
  return text.split(/[^A-Za-z0-9]+/).filter((word) => word.length > 0);
}

const capitalize = (word: string): string => word.charAt(0).toUpperCase() + word.slice(1);

/**
 * `admin-api-keys-list` → `adminApiKeysList`. A leading digit gets an `op` prefix and a reserved
 * name an `Operation` suffix (`delete` → `deleteOperation`).
 */
export function functionName(operationId: string): string {
  const [first = "", ...rest] = words(operationId);
  const name = first.charAt(0).toLowerCase() + first.slice(1) + rest.map(capitalize).join("");
  if (/^[0-9]/.test(name)) return `op${capitalize(name)}`;
  return RESERVED_FUNCTION_NAMES.has(name) ? `${name}Operation` : name;
}

/** The prefix of an operation's parameter aliases: `adminApiKeysList` → `AdminApiKeysList`. */
export const aliasPrefix = (fnName: string): string => capitalize(fnName);

/**
 * The exported alias of a named schema: the name itself when it is a usable identifier, else its
 * PascalCase form; with the suffix `Schema` when it would collide with a reserved name.
 */
export function schemaTypeName(schemaName: string): string {
  const base = /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(schemaName)
    ? schemaName
    : words(schemaName).map(capitalize).join("");
  const name = /^[0-9]/.test(base) || base === "" ? `Schema${base}` : base;
  return RESERVED_TYPE_NAMES.has(name) ? `${name}Schema` : name;
}

/** True when `name` would shadow a global or a name the generated client declares. */
export const isReservedTypeName = (name: string): boolean => RESERVED_TYPE_NAMES.has(name);

/** A property key as written in an object literal: bare when it is an identifier, else quoted. */
export function propertyKey(key: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key) ? key : JSON.stringify(key);
}
