// JSON pointers and `$ref` resolution, for the generator and for spec:diff alike. Nothing is
// copied: a node is read where it is, and travels with the pointer of the place it was read
// from, so that a report can name the spot in the spec a maintainer would edit
// (`/components/schemas/AdminApiKey/properties/name` rather than the path through every
// reference that led there), and a problem can be given its line.

import { isObject, type JsonValue } from "./json-value.js";

/** A node of the document and the JSON pointer it sits at. */
export interface Located {
  readonly value: JsonValue | undefined;
  readonly pointer: string;
}

/**
 * A reference that cannot be followed: it names nothing, or a place outside the document, or it
 * starts a chain of references that comes back to itself. `pointer` is where the offending
 * `$ref` is written, and `root` the document it is in, so a command can turn the pointer into
 * `file:line:col`.
 */
export class RefError extends Error {
  override readonly name = "RefError";
  constructor(
    message: string,
    readonly reason: "dangling" | "external" | "loop",
    readonly root: unknown,
    readonly pointer: string,
  ) {
    super(message);
  }
}

export function escapeToken(token: string): string {
  return token.replace(/~/g, "~0").replace(/\//g, "~1");
}

function unescapeToken(token: string): string {
  return token.replace(/~1/g, "/").replace(/~0/g, "~");
}

/** `child("/paths", "/organization")` → `/paths/~1organization`. */
export function child(pointer: string, ...tokens: readonly (string | number)[]): string {
  return pointer + tokens.map((token) => `/${escapeToken(String(token))}`).join("");
}

/** `/paths/~1organization/get` → ["paths", "/organization", "get"]. */
export function pointerTokens(pointer: string): string[] {
  return pointer === "" ? [] : pointer.slice(1).split("/").map(unescapeToken);
}

/** The value at a JSON pointer, or undefined when nothing is there. */
export function valueAt(root: unknown, pointer: string): JsonValue | undefined {
  let node = root as JsonValue | undefined;
  for (const token of pointerTokens(pointer)) {
    if (Array.isArray(node)) node = /^\d+$/.test(token) ? node[Number(token)] : undefined;
    else if (isObject(node) && Object.hasOwn(node, token)) node = node[token];
    else return undefined;
  }
  return node;
}

/** The pointer a local `$ref` names (`#/components/schemas/A%20B` → `/components/schemas/A B`); undefined for any other. */
export function localPointer(ref: string): string | undefined {
  if (ref !== "#" && !ref.startsWith("#/")) return undefined;
  try {
    return decodeURIComponent(ref.slice(1));
  } catch {
    return undefined;
  }
}

/**
 * The node the `$ref` written in the node at `holder` names, and its pointer. A RefError when it
 * names none, or a place outside the document.
 */
export function refTarget(root: unknown, ref: string, holder: string): { value: JsonValue; pointer: string } {
  const at = child(holder, "$ref");
  const pointer = localPointer(ref);
  if (pointer === undefined) {
    throw new RefError(`The $ref "${ref}" points outside the document; only local references ("#/...") are supported.`, "external", root, at);
  }
  const value = valueAt(root, pointer);
  if (value === undefined) throw new RefError(`The $ref "${ref}" at ${holder} points at nothing.`, "dangling", root, at);
  return { value, pointer };
}

/**
 * Follows a chain of `$ref`s to the node it ends at. Keywords written next to a `$ref` (allowed
 * in OpenAPI 3.1, e.g. a description) are laid over the target, as the reference says.
 */
export function follow(root: unknown, located: Located): Located {
  let current = located;
  const seen = new Set<string>();
  for (;;) {
    const node = current.value;
    if (!isObject(node) || typeof node.$ref !== "string") return current;
    const { $ref, ...siblings } = node;
    if (seen.has($ref)) {
      throw new RefError(`The $ref chain at ${located.pointer} loops back to ${$ref}.`, "loop", root, child(current.pointer, "$ref"));
    }
    seen.add($ref);
    const target = refTarget(root, $ref, current.pointer);
    const overlaid = Object.keys(siblings).length > 0 && isObject(target.value) ? { ...target.value, ...siblings } : target.value;
    current = { value: overlaid, pointer: target.pointer };
  }
}

/** A child of an object node, located; undefined value when the node or the key is missing. */
export function member(located: Located, key: string): Located {
  const node = located.value;
  const value = isObject(node) && Object.hasOwn(node, key) ? node[key] : undefined;
  return { value, pointer: child(located.pointer, key) };
}
