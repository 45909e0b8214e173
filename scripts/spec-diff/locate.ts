// Where in the spec file a change is: the line and column of the node its pointer names, through
// the one loader's position index (scripts/spec/positions.ts). Two things stand between a
// report's pointer and a path into the text:
//   - parameters are named by name (`.../get/parameters/limit`), so that a pointer survives a
//     reordering, while the text holds an array: the name is turned back into its index;
//   - a removed node is not in the new text: the place is that of its nearest ancestor that is
//     still written there (for a removed operation, its path; for a removed field, its
//     schema's `properties`), which is where the removal shows in a diff.

import { isObject, type JsonValue } from "../spec/json-value.js";
import type { Place } from "../spec/positions.js";
import { pointerTokens } from "../spec/refs.js";

/** A spec whose text can be searched for places: what the loader returns. */
export interface LocatableSpec {
  /** The file as messages show it (`spec/openapi.yaml`). */
  readonly file: string;
  readonly data: JsonValue;
  locate(path: readonly (string | number)[]): Place;
}

/** Where a change is written: the file, and a 1-based line and column in it. */
export interface SourcePlace {
  readonly file: string;
  readonly line: number;
  readonly col: number;
}

/** The place of the node at `pointer` (or of its nearest written ancestor) in `spec`. */
export function placeOf(spec: LocatableSpec, pointer: string): SourcePlace {
  const { line, col } = spec.locate(textPath(spec.data, pointerTokens(pointer)));
  return { file: spec.file, line, col };
}

/** The pointer's tokens as the text writes them: parameter names turned into array indexes. */
function textPath(root: JsonValue, tokens: readonly string[]): (string | number)[] {
  const path: (string | number)[] = [];
  let node: JsonValue | undefined = root;
  for (const token of tokens) {
    if (Array.isArray(node)) {
      const index: number = /^\d+$/.test(token) ? Number(token) : node.findIndex((item) => isObject(item) && item.name === token);
      // A name that is not there (a removed parameter): the array itself is the nearest place.
      if (index < 0 || index >= node.length) break;
      path.push(index);
      node = node[index];
    } else {
      path.push(token);
      node = isObject(node) && Object.hasOwn(node, token) ? node[token] : undefined;
    }
  }
  return path;
}
