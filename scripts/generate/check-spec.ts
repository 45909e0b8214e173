// Structural checks the generator relies on, made before linting and independent of redocly.yaml:
// every `$ref` resolves inside the file, and every operation has a unique operationId (each one
// names a generated function).

import { isObject } from "../spec/json-value.js";
import type { LoadedSpec } from "../spec/load.js";
import type { PathSegment } from "../spec/positions.js";
import type { SpecProblem } from "../spec/problems.js";
import { follow, localPointer, pointerTokens, RefError, valueAt } from "../spec/refs.js";
import { functionName } from "./names.js";
import { HTTP_METHODS } from "./openapi.js";

/** An error at the place `path` names in the spec. */
function problemAt(spec: LoadedSpec, path: readonly PathSegment[], message: string): SpecProblem {
  const { line, col } = spec.locate(path);
  return { line, col, severity: "error", message };
}

/** Keys whose values are literal data (examples, defaults), where `$ref` is not a reference. */
const LITERAL_KEYS = new Set(["example", "default", "enum", "const"]);

export function checkStructure(spec: LoadedSpec): SpecProblem[] {
  return [...refProblems(spec), ...operationIdProblems(spec)];
}

function refProblems(spec: LoadedSpec): SpecProblem[] {
  const problems: SpecProblem[] = [];
  const visit = (node: unknown, path: PathSegment[]): void => {
    if (Array.isArray(node)) {
      node.forEach((item, index) => visit(item, [...path, index]));
      return;
    }
    if (!isObject(node)) return;
    const ref = node["$ref"];
    if (typeof ref === "string") {
      const problem = refProblem(spec.data, ref);
      if (problem) problems.push(problemAt(spec, [...path, "$ref"], problem));
    }
    for (const [key, value] of Object.entries(node)) {
      const isExampleValue = key === "value" && path[path.length - 2] === "examples";
      if (!LITERAL_KEYS.has(key) && !isExampleValue) visit(value, [...path, key]);
    }
  };
  visit(spec.data, []);
  return problems;
}

function refProblem(root: unknown, ref: string): string | undefined {
  const pointer = localPointer(ref);
  if (pointer === undefined) {
    return `unsupported $ref "${ref}": only references inside this file ("#/...") are supported`;
  }
  if (valueAt(root, pointer) === undefined) {
    return `unresolvable $ref "${ref}": nothing exists at ${pointerTokens(pointer).join(".") || "the document root"}`;
  }
  try {
    follow(root, { value: { $ref: ref }, pointer });
  } catch (error) {
    // A dangling or outside reference further along the chain is reported where it is written.
    if (error instanceof RefError && error.reason === "loop") return `circular $ref "${ref}": it leads back to itself`;
    if (!(error instanceof RefError)) throw error;
  }
  return undefined;
}

function operationIdProblems(spec: LoadedSpec): SpecProblem[] {
  const problems: SpecProblem[] = [];
  /** Where each operationId was first written; read for a line only when it is used again. */
  const firstUse = new Map<string, PathSegment[]>();
  const idOfFunction = new Map<string, string>();
  const paths = isObject(spec.data) ? spec.data["paths"] : undefined;
  if (!isObject(paths)) return problems;

  for (const [path, item] of Object.entries(paths)) {
    if (!isObject(item)) continue;
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (!isObject(operation)) continue;
      const id = operation["operationId"];
      const where: PathSegment[] = ["paths", path, method];
      if (typeof id !== "string" || id.trim() === "") {
        const message = `${method.toUpperCase()} ${path} has no operationId; the generator names its function after it`;
        problems.push(problemAt(spec, where, message));
        continue;
      }
      const place = [...where, "operationId"];
      const first = firstUse.get(id);
      if (first !== undefined) {
        const message =
          `duplicate operationId "${id}" (${method.toUpperCase()} ${path}); ` +
          `line ${spec.locate(first).line} already uses it, and each operationId must be unique`;
        problems.push(problemAt(spec, place, message));
        continue;
      }
      firstUse.set(id, place);
      const fnName = functionName(id);
      const clash = idOfFunction.get(fnName);
      if (clash !== undefined) {
        problems.push(problemAt(spec, place, `operationId "${id}" and "${clash}" both become the function name ${fnName}; rename one`));
      }
      idOfFunction.set(fnName, id);
    }
  }
  return problems;
}
