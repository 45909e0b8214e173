// Where each part of a parsed spec is written, for problems that name a line and a column. Built
// on demand, the first time a problem needs a place: the text is parsed a second time with
// js-yaml's listener, which sees every node open and close. A run that finds nothing wrong never
// pays for it, which matters for a published spec of several megabytes.

import { isObject } from "./json-value.js";
import { parseYaml } from "./yaml.js";

/** A step into the document: a mapping key, or a sequence index (a number, or its digits). */
export type PathSegment = string | number;

/** A 1-based line and column. */
export interface Place {
  readonly line: number;
  readonly col: number;
}

/** One node as the parser read it: where its content starts, its value, the nodes inside it. */
interface ParsedNode {
  readonly place: Place;
  value: unknown;
  readonly children: ParsedNode[];
}

/** A node found by a path step: the place of its key (or item), and the node, when one was read. */
interface Step {
  readonly place: Place;
  readonly node: ParsedNode | undefined;
}

const START: Place = { line: 1, col: 1 };

/**
 * For a path into the document: the place of its last key (`operationId:`) or sequence item,
 * or of the nearest ancestor that is written in the text. `lastKeyWins` must match how the data
 * was parsed (JSON.parse lets a repeated key win; YAML refuses it).
 */
export function positionIndex(text: string, lastKeyWins: boolean): (path: readonly PathSegment[]) => Place {
  const root = readNodes(text, lastKeyWins);
  return (path) => {
    let place = root?.place ?? START;
    let node = root;
    for (const segment of path) {
      const step = node === undefined ? undefined : stepInto(node, segment);
      if (step === undefined) break;
      place = step.place;
      node = step.node;
    }
    return place;
  };
}

function readNodes(text: string, lastKeyWins: boolean): ParsedNode | undefined {
  const top: ParsedNode = { place: START, value: undefined, children: [] };
  const open: ParsedNode[] = [top];
  try {
    parseYaml(text, {
      lastKeyWins,
      listener(event, state) {
        if (event === "open") {
          const place = { line: state.line + 1, col: state.position - state.lineStart + 1 };
          open.push({ place, value: undefined, children: [] });
          return;
        }
        const node = open.pop();
        const parent = open[open.length - 1];
        if (node === undefined || parent === undefined) return;
        node.value = state.result;
        // js-yaml reads a value that starts on the next line by trying it as a mapping key
        // first: the attempt is a child with the same value, and its place is the content's.
        const [only] = node.children;
        parent.children.push(node.children.length === 1 && only !== undefined && Object.is(only.value, node.value) ? only : node);
      },
    });
  } catch {
    // The data parsed, so this cannot fail on the same text; if it does, places fall back to 1:1.
    return undefined;
  }
  return top.children[0];
}

function stepInto(node: ParsedNode, segment: PathSegment): Step | undefined {
  const { value, children } = node;
  if (Array.isArray(value)) {
    // Children are the items in order; an empty block entry (`-` alone) has none.
    const index = Number(segment);
    let next = 0;
    for (let item = 0; item < value.length && next < children.length; item++) {
      const child = children[next];
      if (child === undefined || !Object.is(child.value, value[item])) continue;
      if (item === index) return { place: child.place, node: child };
      next++;
    }
    return undefined;
  }
  if (!isObject(value)) return undefined;
  // Children alternate key, value; a key without a value (`{a, b: 1}`) has no value node. Of a
  // key written twice (JSON may), the last is the one the data holds.
  const name = String(segment);
  let found: Step | undefined;
  for (let index = 0; index < children.length; index++) {
    const key = children[index];
    if (key === undefined) continue;
    const keyName = String(key.value);
    const candidate = children[index + 1];
    const hasValue = candidate !== undefined && Object.hasOwn(value, keyName) && Object.is(candidate.value, value[keyName]);
    if (keyName === name) found = { place: key.place, node: hasValue ? candidate : undefined };
    if (hasValue) index++;
  }
  return found;
}
