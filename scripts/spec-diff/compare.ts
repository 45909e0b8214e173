// Walks two OpenAPI documents side by side, operation by operation, and records every
// difference under a rule of rules.ts: operations, security, parameters, request bodies and
// responses here; schemas in compare-schema.ts, read through normalize.ts so that spelling
// differences (nullable vs anyOf-null, $ref vs inline) are not differences.
//
// Pointers name one spot in one of the two documents (`pointerSide`): the node that changed,
// or for a keyword the keyword itself (`.../schema/maximum`). A node reached through `$ref` is
// named where it is defined (`/components/schemas/AdminApiKey/...`), not by the references
// that led there. Parameters are named by name where the spec has an array
// (`.../get/parameters/limit`, not `.../parameters/2`), so a pointer survives a reordering.
// Something missing on the pointer side is named where it would be written there.

import { child, follow, member, type Located } from "../spec/refs.js";
import { compareSchema, describeTypes } from "./compare-schema.js";
import {
  absent,
  field,
  pairOf,
  Recorder,
  show,
  unionKeys,
  type CompareOptions,
  type Finding,
  type Pair,
  type Scope,
  type TypeStep,
  type Where,
} from "./findings.js";
import { isObject, jsonEqual, type JsonObject, type JsonValue } from "../spec/json-value.js";
import { canonicalSchema } from "./normalize.js";
import type { RuleId } from "./rules.js";
import { effectiveSecurity } from "./security.js";

export interface CompareResult {
  readonly findings: Finding[];
  /** How many error responses `ignoreErrorResponsesOnlyBefore` left out. */
  readonly omittedErrorResponses: number;
}

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;

export function compareSpecs(before: JsonObject, after: JsonObject, options: CompareOptions): CompareResult {
  const recorder = new Recorder(before, after, options);
  const beforePaths = indexPaths(before);
  const afterPaths = indexPaths(after);
  for (const template of new Set([...beforePaths.keys(), ...afterPaths.keys()])) {
    for (const method of METHODS) compareMethod(recorder, method, beforePaths.get(template), afterPaths.get(template));
  }
  return { findings: recorder.findings, omittedErrorResponses: recorder.omittedErrorResponses };
}

function compareMethod(recorder: Recorder, method: string, before: IndexedPath | undefined, after: IndexedPath | undefined): void {
  const op: Pair = { before: operationAt(before, after, method), after: operationAt(after, before, method) };
  const existed = isObject(op.before.value);
  const exists = isObject(op.after.value);
  if (!existed && !exists) return;
  const path = (recorder.options.pointerSide === "after" ? (after ?? before) : (before ?? after))?.key ?? "";
  const label = `${method.toUpperCase()} ${path}`;
  const scope: Scope = {
    operation: label,
    roots: { before: ["paths", before?.key ?? path, method], after: ["paths", after?.key ?? path, method] },
    seen: new Set(),
  };
  const id = (located: Located): JsonValue => field(located, "operationId") ?? label;
  if (!exists) {
    const deprecated = field(op.before, "deprecated") === true;
    const pathGone = after === undefined;
    const rule: RuleId = pathGone
      ? deprecated
        ? "api-path-removed-with-deprecation"
        : "api-path-removed-without-deprecation"
      : deprecated
        ? "api-removed-with-deprecation"
        : "api-removed-without-deprecation";
    const what = pathGone ? `The path ${path} was removed, and ${label} with it` : `${label} was removed`;
    recorder.emit(scope, rule, op, id(op.before), null, `${what}${deprecated ? " (it was deprecated)" : ""}.`, []);
  } else if (!existed) {
    recorder.emit(scope, "endpoint-added", op, null, id(op.after), `${label} was added.`, []);
  } else if (before !== undefined && after !== undefined) {
    compareOperation(recorder, scope, op, { before: before.item, after: after.item });
  }
}

function compareOperation(recorder: Recorder, scope: Scope, op: Pair, items: Pair): void {
  const beforeId = field(op.before, "operationId");
  const afterId = field(op.after, "operationId");
  if (typeof beforeId === "string" && beforeId !== afterId) {
    // The old name must be gone from `operations`; the shape under the new one may be the same.
    const probe = { before: ["operations", beforeId], after: ["operations", beforeId] };
    const message = `The operationId changed from "${beforeId}" to ${typeof afterId === "string" ? `"${afterId}"` : "nothing"}.`;
    recorder.record(scope, "api-operation-id-removed", recorder.pick(pairOf(op, "operationId")), beforeId, afterId ?? null, message, probe);
  } else if (beforeId === undefined && typeof afterId === "string") {
    const message = `The operation got the operationId "${afterId}".`;
    recorder.record(scope, "api-operation-id-added", recorder.pick(pairOf(op, "operationId")), null, afterId, message, undefined);
  }
  compareDocs(recorder, scope, op, ["summary", "description"], "the operation");
  compareDeprecation(recorder, scope, op, ["endpoint-deprecated", "endpoint-reactivated"], "the operation");
  compareSecurity(recorder, scope, op);
  compareParameters(recorder, scope, op, items);
  compareRequestBody(recorder, scope, op);
  compareResponses(recorder, scope, op);
}

function compareSecurity(recorder: Recorder, scope: Scope, op: Pair): void {
  const before = effectiveSecurity(recorder.before, op.before);
  const after = effectiveSecurity(recorder.after, op.after);
  if (jsonEqual(before.value, after.value)) return;
  const side = recorder.options.pointerSide === "after" ? after : before;
  const sameNames = jsonEqual([...before.names], [...after.names]);
  const [scheme] = side.names;
  const pointer = sameNames && scheme !== undefined ? child("", "components", "securitySchemes", scheme) : side.declaredAt;
  const message = sameNames ? "A security scheme the operation uses was redefined." : "The operation's security requirements changed.";
  // No probe: the generated types do not describe authentication, so this is always spec-only.
  recorder.record(scope, "security-changed", pointer, before.value, after.value, message, undefined);
}

interface Parameter {
  readonly name: string;
  readonly in: string;
  readonly required: boolean;
  /** Named by the component it references, or by `<container>/parameters/<name>` when inline. */
  readonly located: Located;
}

function compareParameters(recorder: Recorder, scope: Scope, op: Pair, items: Pair): void {
  const before = parametersOf(recorder.before, items.before, op.before);
  const after = parametersOf(recorder.after, items.after, op.after);
  const added = new Set([...after.keys()].filter((key) => !before.has(key)));
  const missing = (side: "before" | "after", name: string): Located => absent(child(op[side].pointer, "parameters", name));

  for (const [key, old] of before) {
    if (after.has(key)) continue;
    const renamedTo = [...added].find((candidate) => isRename(recorder, old, after.get(candidate)));
    const replacement = renamedTo === undefined ? undefined : after.get(renamedTo);
    if (renamedTo !== undefined && replacement !== undefined) {
      added.delete(renamedTo);
      const message = `The ${old.in} parameter "${old.name}" was renamed to "${replacement.name}".`;
      const pair = { before: old.located, after: replacement.located };
      recorder.emit(scope, "parameter-renamed", pair, old.name, replacement.name, message, ["parameters", old.in]);
    } else {
      const message = `The ${old.in} parameter "${old.name}" was removed.`;
      const pair = { before: old.located, after: missing("after", old.name) };
      recorder.emit(scope, "request-parameter-removed", pair, summarize(recorder.before, old), null, message, ["parameters", old.in, old.name]);
    }
  }
  for (const key of added) {
    const param = after.get(key);
    if (param === undefined) continue;
    const rule = param.required ? "new-required-request-parameter" : "new-optional-request-parameter";
    const message = `A ${param.required ? "required" : "optional"} ${param.in} parameter "${param.name}" was added.`;
    const pair = { before: missing("before", param.name), after: param.located };
    recorder.emit(scope, rule, pair, null, summarize(recorder.after, param), message, ["parameters", param.in, param.name]);
  }
  for (const [key, old] of before) {
    const now = after.get(key);
    if (now === undefined) continue;
    const pair = { before: old.located, after: now.located };
    const steps = ["parameters", old.in, old.name];
    const what = `the ${old.in} parameter "${old.name}"`;
    if (old.required !== now.required) {
      const rule = now.required ? "request-parameter-became-required" : "request-parameter-became-optional";
      const message = `The ${old.in} parameter "${old.name}" became ${now.required ? "required" : "optional"}.`;
      recorder.emit(scope, rule, pairOf(pair, "required"), old.required, now.required, message, steps);
    }
    compareDocs(recorder, scope, pair, ["description", "example", "examples"], what);
    compareDeprecation(recorder, scope, pair, ["request-parameter-deprecated", "request-parameter-reactivated"], what);
    compareOther(recorder, scope, pair, ["style", "explode", "allowEmptyValue", "allowReserved"], what);
    compareSchema(recorder, scope, pairOf(pair, "schema"), "request", steps);
  }
}

/** A removed and an added parameter are one renamed parameter when nothing else differs. */
function isRename(recorder: Recorder, old: Parameter, candidate: Parameter | undefined): boolean {
  if (candidate === undefined || candidate.in !== old.in || candidate.required !== old.required) return false;
  const quiet = new Recorder(recorder.before, recorder.after, { ...recorder.options, ignoreDocs: true });
  const scope: Scope = { operation: "", roots: { before: [], after: [] }, seen: new Set() };
  compareSchema(quiet, scope, { before: member(old.located, "schema"), after: member(candidate.located, "schema") }, "request", []);
  return quiet.findings.length === 0;
}

function summarize(root: JsonObject, param: Parameter): string {
  const schema = canonicalSchema(root, member(param.located, "schema"));
  return `${param.in} ${param.name}: ${describeTypes(schema.types)}${param.required ? " (required)" : ""}`;
}

function compareRequestBody(recorder: Recorder, scope: Scope, op: Pair): void {
  const slots = pairOf(op, "requestBody");
  const body: Pair = { before: follow(recorder.before, slots.before), after: follow(recorder.after, slots.after) };
  const wasRequired = field(body.before, "required") === true;
  const isRequired = field(body.after, "required") === true;
  const steps = ["requestBody"];
  const requiredness = (required: boolean): string => (required ? "required" : "optional");
  if (body.before.value === undefined && body.after.value === undefined) return;
  if (body.before.value === undefined) {
    const rule = isRequired ? "request-body-added-required" : "request-body-added-optional";
    recorder.emit(scope, rule, slots, null, requiredness(isRequired), `A ${requiredness(isRequired)} request body was added.`, steps);
  } else if (body.after.value === undefined) {
    recorder.emit(scope, "request-body-removed", slots, requiredness(wasRequired), null, "The request body was removed.", steps);
  } else {
    if (wasRequired !== isRequired) {
      const rule = isRequired ? "request-body-became-required" : "request-body-became-optional";
      recorder.emit(scope, rule, pairOf(body, "required"), wasRequired, isRequired, `The request body became ${requiredness(isRequired)}.`, steps);
    }
    compareDocs(recorder, scope, body, ["description"], "the request body");
    compareContent(recorder, scope, pairOf(body, "content"), "request", ["requestBody", "content"]);
  }
}

function compareResponses(recorder: Recorder, scope: Scope, op: Pair): void {
  const responses = pairOf(op, "responses");
  for (const status of unionKeys(responses)) {
    const slots = pairOf(responses, status);
    const pair: Pair = { before: follow(recorder.before, slots.before), after: follow(recorder.after, slots.after) };
    const steps = ["responses", /^\d+$/.test(status) ? Number(status) : status];
    // As oasdiff counts them: 2xx (and 2XX) succeed; 1xx, 3xx, 4xx, 5xx and `default` do not.
    const success = /^2/.test(status);
    if (pair.after.value === undefined) {
      if (recorder.options.ignoreErrorResponsesOnlyBefore && !/^[123]/.test(status)) {
        recorder.omittedErrorResponses++;
        continue;
      }
      const rule = success ? "response-success-status-removed" : "response-non-success-status-removed";
      recorder.emit(scope, rule, slots, status, null, `The ${status} response was removed.`, steps);
    } else if (pair.before.value === undefined) {
      const rule = success ? "response-success-status-added" : "response-non-success-status-added";
      recorder.emit(scope, rule, slots, null, status, `A ${status} response was added.`, steps);
    } else {
      compareDocs(recorder, scope, pair, ["description"], `the ${status} response`);
      compareContent(recorder, scope, pairOf(pair, "content"), "response", [...steps, "content"]);
    }
  }
}

function compareContent(recorder: Recorder, scope: Scope, content: Pair, where: Where, steps: readonly TypeStep[]): void {
  for (const mediaType of unionKeys(content)) {
    const pair = pairOf(content, mediaType);
    const mediaSteps = [...steps, mediaType];
    const [removed, added]: readonly [RuleId, RuleId] =
      where === "request" ? ["request-body-media-type-removed", "request-body-media-type-added"] : ["response-media-type-removed", "response-media-type-added"];
    if (pair.after.value === undefined) {
      recorder.emit(scope, removed, pair, mediaType, null, `The ${where} media type ${mediaType} was removed.`, mediaSteps);
    } else if (pair.before.value === undefined) {
      recorder.emit(scope, added, pair, null, mediaType, `The ${where} media type ${mediaType} was added.`, mediaSteps);
    } else {
      compareDocs(recorder, scope, pair, ["example", "examples"], `the ${where} ${mediaType} content`);
      compareSchema(recorder, scope, pairOf(pair, "schema"), where, mediaSteps);
    }
  }
}

/** description-changed / example-changed for documentation fields of a node. */
function compareDocs(recorder: Recorder, scope: Scope, pair: Pair, keys: readonly string[], what: string): void {
  if (recorder.options.ignoreDocs) return;
  for (const key of keys) {
    const before = field(pair.before, key);
    const after = field(pair.after, key);
    if (jsonEqual(before, after)) continue;
    const rule = key.startsWith("example") ? "example-changed" : "description-changed";
    recorder.record(scope, rule, recorder.pick(pairOf(pair, key)), before ?? null, after ?? null, `The ${key} of ${what} changed.`, undefined);
  }
}

/** `deprecated: true` set or taken away; anything else there (a string?) is left to compareOther's review. */
function compareDeprecation(recorder: Recorder, scope: Scope, pair: Pair, rules: readonly [RuleId, RuleId], what: string): void {
  const before = field(pair.before, "deprecated");
  const after = field(pair.after, "deprecated");
  if (jsonEqual(before, after)) return;
  const isFlag = (value: JsonValue | undefined): boolean => value === undefined || typeof value === "boolean";
  if (!isFlag(before) || !isFlag(after) || (before === true) === (after === true)) {
    compareOther(recorder, scope, pair, ["deprecated"], what);
    return;
  }
  const [deprecated, reactivated] = rules;
  const message = after === true ? `${capitalize(what)} was marked deprecated.` : `${capitalize(what)} is no longer deprecated.`;
  recorder.record(scope, after === true ? deprecated : reactivated, recorder.pick(pairOf(pair, "deprecated")), before ?? null, after ?? null, message, undefined);
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Keywords this engine does not classify, so that no change passes unseen. */
function compareOther(recorder: Recorder, scope: Scope, pair: Pair, keys: readonly string[], what: string): void {
  for (const key of keys) {
    const before = field(pair.before, key);
    const after = field(pair.after, key);
    if (jsonEqual(before, after)) continue;
    const message = `The ${key} of ${what} changed from ${show(before)} to ${show(after)}; review by hand.`;
    recorder.record(scope, "unclassified-change", recorder.pick(pairOf(pair, key)), before ?? null, after ?? null, message, undefined);
  }
}

interface IndexedPath {
  /** The path as the document writes it. */
  readonly key: string;
  readonly item: Located;
}

/** Paths keyed by their template with parameter names blanked, so `{id}` → `{key_id}` still matches. */
function indexPaths(root: JsonObject): Map<string, IndexedPath> {
  const index = new Map<string, IndexedPath>();
  const paths = root.paths;
  if (!isObject(paths)) return index;
  for (const [key, value] of Object.entries(paths)) {
    index.set(key.replace(/\{[^}]*\}/g, "{}"), { key, item: follow(root, { value, pointer: child("", "paths", key) }) });
  }
  return index;
}

/** The operation `method` of a path, or where it would be written when the path is missing. */
function operationAt(path: IndexedPath | undefined, otherSide: IndexedPath | undefined, method: string): Located {
  if (path !== undefined) return member(path.item, method);
  return absent(child("", "paths", otherSide?.key ?? "", method));
}

/** Path-level parameters overlaid by the operation's own, keyed by location and name. */
function parametersOf(root: JsonObject, item: Located, op: Located): Map<string, Parameter> {
  const parameters = new Map<string, Parameter>();
  for (const container of [item, op]) {
    const list = field(container, "parameters");
    if (!Array.isArray(list)) continue;
    list.forEach((value, index) => {
      const target = follow(root, { value, pointer: child(container.pointer, "parameters", index) });
      const node = target.value;
      if (!isObject(node) || typeof node.name !== "string" || typeof node.in !== "string") return;
      const isReference = isObject(value) && typeof value.$ref === "string";
      const pointer = isReference ? target.pointer : child(container.pointer, "parameters", node.name);
      const located = { value: node, pointer };
      parameters.set(`${node.in}:${node.name}`, { name: node.name, in: node.in, required: node.required === true, located });
    });
  }
  return parameters;
}
