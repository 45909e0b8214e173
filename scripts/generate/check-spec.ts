// Structural checks the generator relies on, made before linting and independent of redocly.yaml:
// every `$ref` resolves inside the file, and every operation has a unique operationId (each one
// names a generated function).

import type { LoadedSpec, PathSegment } from "./load-spec.js";
import { functionName } from "./names.js";
import { HTTP_METHODS, lookupRef, refPath } from "./openapi.js";
import type { SpecProblem } from "./problems.js";

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === "object" && !Array.isArray(value);

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
    if (!isRecord(node)) return;
    const ref = node["$ref"];
    if (typeof ref === "string") {
      const problem = refProblem(spec.data, ref);
      if (problem) problems.push({ line: spec.lineOf([...path, "$ref"]), severity: "error", message: problem });
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
  const path = refPath(ref);
  if (path === undefined) {
    return `unsupported $ref "${ref}": only references inside this file ("#/...") are supported`;
  }
  if (lookupRef(root, ref) === undefined) {
    return `unresolvable $ref "${ref}": nothing exists at ${path.join(".") || "the document root"}`;
  }
  return undefined;
}

function operationIdProblems(spec: LoadedSpec): SpecProblem[] {
  const problems: SpecProblem[] = [];
  const firstLineOfId = new Map<string, number>();
  const idOfFunction = new Map<string, string>();
  const paths = isRecord(spec.data) ? spec.data["paths"] : undefined;
  if (!isRecord(paths)) return problems;

  for (const [path, item] of Object.entries(paths)) {
    if (!isRecord(item)) continue;
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (!isRecord(operation)) continue;
      const id = operation["operationId"];
      const where = ["paths", path, method];
      if (typeof id !== "string" || id.trim() === "") {
        problems.push({
          line: spec.lineOf(where),
          severity: "error",
          message: `${method.toUpperCase()} ${path} has no operationId; the generator names its function after it`,
        });
        continue;
      }
      const line = spec.lineOf([...where, "operationId"]);
      const firstLine = firstLineOfId.get(id);
      if (firstLine !== undefined) {
        problems.push({
          line,
          severity: "error",
          message:
            `duplicate operationId "${id}" (${method.toUpperCase()} ${path}); ` +
            `line ${firstLine} already uses it, and each operationId must be unique`,
        });
        continue;
      }
      firstLineOfId.set(id, line);
      const fnName = functionName(id);
      const clash = idOfFunction.get(fnName);
      if (clash !== undefined) {
        problems.push({
          line,
          severity: "error",
          message: `operationId "${id}" and "${clash}" both become the function name ${fnName}; rename one`,
        });
      }
      idOfFunction.set(fnName, id);
    }
  }
  return problems;
}
