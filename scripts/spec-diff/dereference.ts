// JSON pointers and `$ref` resolution. Nothing is copied: a node is read where it is, and
// travels with the pointer of the place it was read from, so that a report can name the spot
// in the spec a maintainer would edit (`/components/schemas/AdminApiKey/properties/name`
// rather than the path through every reference that led there).

import { isObject, type JsonValue } from "./json.js";

/** A node of the document and the JSON pointer it sits at. */
export interface Located {
  readonly value: JsonValue | undefined;
  readonly pointer: string;
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

/** The value at a JSON pointer, or undefined when nothing is there. */
export function valueAt(root: JsonValue, pointer: string): JsonValue | undefined {
  if (pointer === "") return root;
  let node: JsonValue | undefined = root;
  for (const raw of pointer.slice(1).split("/")) {
    const token = unescapeToken(raw);
    if (Array.isArray(node)) node = /^\d+$/.test(token) ? node[Number(token)] : undefined;
    else if (isObject(node) && Object.hasOwn(node, token)) node = node[token];
    else return undefined;
  }
  return node;
}

/** The pointer a local `$ref` names: `#/components/schemas/A%20B` → `/components/schemas/A B`. */
export function refPointer(ref: string): string {
  if (!ref.startsWith("#")) {
    throw new Error(`The $ref "${ref}" points outside the document; only local references ("#/...") are supported.`);
  }
  return decodeURIComponent(ref.slice(1));
}

/**
 * Follows a chain of `$ref`s to the node it ends at. Keywords written next to a `$ref` (allowed
 * in OpenAPI 3.1, e.g. a description) are laid over the target, as the reference says.
 */
export function follow(root: JsonValue, located: Located): Located {
  let current = located;
  const seen = new Set<string>();
  for (;;) {
    const node = current.value;
    if (!isObject(node) || typeof node.$ref !== "string") return current;
    const { $ref, ...siblings } = node;
    if (seen.has($ref)) throw new Error(`The $ref chain at ${located.pointer} loops back to ${$ref}.`);
    seen.add($ref);
    const pointer = refPointer($ref);
    const target = valueAt(root, pointer);
    if (target === undefined) throw new Error(`The $ref "${$ref}" at ${current.pointer} points at nothing.`);
    const overlaid = Object.keys(siblings).length > 0 && isObject(target) ? { ...target, ...siblings } : target;
    current = { value: overlaid, pointer };
  }
}

/** A child of an object node, located; undefined value when the node or the key is missing. */
export function member(located: Located, key: string): Located {
  const node = located.value;
  const value = isObject(node) && Object.hasOwn(node, key) ? node[key] : undefined;
  return { value, pointer: child(located.pointer, key) };
}
