// Compares two schemas (canonical forms, see normalize.ts) and their properties and items,
// recursively. `where` decides the direction: a narrower request schema refuses what callers
// send (breaking); a narrower response schema is safe, a different one is not.

import { child } from "../spec/refs.js";
import { absent, Recorder, show, type Pair, type Scope, type TypeStep, type Where } from "./findings.js";
import { jsonEqual, stableStringify, type JsonValue } from "../spec/json-value.js";
import { BOUND_KEYWORDS, canonicalSchema, DOC_KEYWORDS, type CanonicalSchema } from "./normalize.js";
import type { RuleId } from "./rules.js";
import { requestRule, responseRule, schemaArea, type SchemaArea } from "./schema-rules.js";

const ITEMS: TypeStep = { items: true };

interface Schemas {
  readonly before: CanonicalSchema;
  readonly after: CanonicalSchema;
}

/** Records every difference between the schemas at `pair`; `steps` locate them in the types. */
export function compareSchema(recorder: Recorder, scope: Scope, pair: Pair, where: Where, steps: readonly TypeStep[]): void {
  if (pair.before.value === undefined && pair.after.value === undefined) return;
  const before = canonicalSchema(recorder.before, pair.before);
  const after = canonicalSchema(recorder.after, pair.after);
  const visit = `${where} ${before.pointer} ${after.pointer}`;
  if (scope.seen.has(visit)) return;
  scope.seen.add(visit);
  const schemas = { before, after };

  compareTypes(recorder, scope, schemas, where, steps);
  compareEnum(recorder, scope, schemas, where, steps);
  compareKeywords(recorder, scope, schemas, where, steps);
  compareProperties(recorder, scope, schemas, where, steps);
  if (before.items !== undefined || after.items !== undefined) {
    const items = { before: before.items ?? absent(child(before.pointer, "items")), after: after.items ?? absent(child(after.pointer, "items")) };
    compareSchema(recorder, scope, items, where, [...steps, ITEMS]);
  }
  compareVariants(recorder, scope, schemas, where, steps);
}

function compareTypes(recorder: Recorder, scope: Scope, schemas: Schemas, where: Where, steps: readonly TypeStep[]): void {
  const was = describeTypes(schemas.before.types);
  const now = describeTypes(schemas.after.types);
  if (was === now) return;
  const area = schemaArea(where, steps);
  const onlyNull = describeTypes(withoutNull(schemas.before.types)) === describeTypes(withoutNull(schemas.after.types));
  const nullable = schemas.after.types?.has("null") === true;
  let rule: RuleId;
  if (where === "request") {
    if (onlyNull) rule = requestRule(nullable ? "became-nullable" : "became-not-nullable", area);
    else rule = requestRule(accepts(schemas.after.types, schemas.before.types) ? "type-generalized" : "type-changed", area);
  } else {
    rule = responseRule(onlyNull ? (nullable ? "became-nullable" : "became-not-nullable") : "type-changed", area);
  }
  const pointer = recorder.pick({ before: absent(schemas.before.pointer), after: absent(schemas.after.pointer) });
  recorder.record(scope, rule, pointer, was, now, `The ${where} type changed from ${was} to ${now}.`, recorder.probe(scope, steps));
}

function compareEnum(recorder: Recorder, scope: Scope, schemas: Schemas, where: Where, steps: readonly TypeStep[]): void {
  const before = schemas.before.enum?.value;
  const after = schemas.after.enum?.value;
  if (jsonEqual(before, after)) return;
  const pointer = recorder.pickNear({
    before: { value: before, pointer: schemas.before.enum?.pointer ?? child(schemas.before.pointer, "enum") },
    after: { value: after, pointer: schemas.after.enum?.pointer ?? child(schemas.after.pointer, "enum") },
  });
  const beforeValues = Array.isArray(before) ? before : undefined;
  const afterValues = Array.isArray(after) ? after : undefined;
  const rule = enumRule(where, schemaArea(where, steps), beforeValues, afterValues);
  const list = (values: JsonValue[] | undefined): string => (values ? stableStringify(values) : "any");
  const message = `The allowed ${where} values changed from ${list(beforeValues)} to ${list(afterValues)}.`;
  recorder.record(scope, rule, pointer, before ?? null, after ?? null, message, recorder.probe(scope, steps));
}

/** A list that appeared, went away, lost values (a loss outweighs any gain) or only gained. */
function enumRule(where: Where, area: SchemaArea, before: JsonValue[] | undefined, after: JsonValue[] | undefined): RuleId {
  const lost = before !== undefined && after !== undefined && before.some((value) => !after.some((other) => jsonEqual(value, other)));
  if (where === "request") {
    if (before === undefined) return requestRule("became-enum", area);
    if (after === undefined) return "request-enum-widened";
    return requestRule(lost ? "enum-value-removed" : "enum-value-added", area);
  }
  if (before === undefined || after === undefined) return "response-enum-changed";
  return responseRule(lost ? "enum-value-removed" : "enum-value-added", area);
}

/** Bounds, format, default, documentation, and whatever else a schema says. */
function compareKeywords(recorder: Recorder, scope: Scope, schemas: Schemas, where: Where, steps: readonly TypeStep[]): void {
  const keywords = new Set([...schemas.before.keywords.keys(), ...schemas.after.keywords.keys()]);
  for (const keyword of keywords) {
    const before = schemas.before.keywords.get(keyword);
    const after = schemas.after.keywords.get(keyword);
    if (jsonEqual(before?.value, after?.value)) continue;
    const pointer = recorder.pickNear({
      before: { value: before?.value, pointer: before?.pointer ?? child(schemas.before.pointer, keyword) },
      after: { value: after?.value, pointer: after?.pointer ?? child(schemas.after.pointer, keyword) },
    });
    const was = before?.value ?? null;
    const now = after?.value ?? null;
    const change = `${keyword} changed from ${show(before?.value)} to ${show(after?.value)}`;
    const probe = recorder.probe(scope, steps);
    if ((BOUND_KEYWORDS as readonly string[]).includes(keyword)) {
      let rule: RuleId = "response-bounds-changed";
      if (where === "request") rule = narrows(keyword, before?.value, after?.value) ? "request-bounds-narrowed" : "request-bounds-widened";
      recorder.record(scope, rule, pointer, was, now, `The ${where} ${change}.`, probe);
    } else if (keyword === "format") {
      recorder.record(scope, "format-changed", pointer, was, now, `The ${where} ${change}.`, probe);
    } else if (keyword === "default") {
      // A default matters to callers who leave the value out; a response's default to nobody.
      if (where !== "request") continue;
      const family = before === undefined ? "default-value-added" : after === undefined ? "default-value-removed" : "default-value-changed";
      recorder.record(scope, requestRule(family, schemaArea(where, steps)), pointer, was, now, `The ${change}.`, probe);
    } else if ((DOC_KEYWORDS as readonly string[]).includes(keyword)) {
      if (recorder.options.ignoreDocs) continue;
      const rule = keyword.startsWith("example") ? "example-changed" : "description-changed";
      recorder.record(scope, rule, pointer, was, now, `The schema's ${keyword} changed.`, undefined);
    } else {
      recorder.record(scope, "unclassified-change", pointer, was, now, `The schema's ${change}; review by hand.`, probe);
    }
  }
}

function compareProperties(recorder: Recorder, scope: Scope, schemas: Schemas, where: Where, steps: readonly TypeStep[]): void {
  const { before, after } = schemas;
  for (const name of new Set([...before.properties.keys(), ...after.properties.keys()])) {
    const was = before.properties.get(name);
    const now = after.properties.get(name);
    const pair: Pair = {
      before: was?.schema ?? absent(child(before.pointer, "properties", name)),
      after: now?.schema ?? absent(child(after.pointer, "properties", name)),
    };
    const slot = recorder.pickNear(pair);
    const propertySteps = [...steps, name];
    const probe = recorder.probe(scope, propertySteps);
    const wasRequired = before.required.has(name);
    const nowRequired = after.required.has(name);
    if (now === undefined) {
      let rule: RuleId = "request-property-removed";
      if (where === "response") rule = wasRequired ? "response-required-property-removed" : "response-optional-property-removed";
      const type = describeTypes(canonicalSchema(recorder.before, pair.before).types);
      const kind = where === "response" ? (wasRequired ? "required " : "optional ") : "";
      recorder.record(scope, rule, slot, type, null, `The ${kind}${where} field "${name}" was removed.`, probe);
    } else if (was === undefined) {
      const rule: RuleId =
        where === "request"
          ? nowRequired
            ? "new-required-request-property"
            : "new-optional-request-property"
          : nowRequired
            ? "response-required-property-added"
            : "response-optional-property-added";
      const type = describeTypes(canonicalSchema(recorder.after, pair.after).types);
      const kind = nowRequired ? "required " : "optional ";
      recorder.record(scope, rule, slot, null, type, `A ${kind}${where} field "${name}" was added.`, probe);
    } else {
      if (wasRequired !== nowRequired) {
        const rules: Record<Where, readonly [RuleId, RuleId]> = {
          request: ["request-property-became-required", "request-property-became-optional"],
          response: ["response-property-became-required", "response-property-became-optional"],
        };
        const message = `The ${where} field "${name}" became ${nowRequired ? "required" : "optional"}.`;
        recorder.record(scope, rules[where][nowRequired ? 0 : 1], slot, wasRequired, nowRequired, message, probe);
      }
      compareSchema(recorder, scope, pair, where, propertySteps);
    }
  }
}

/** anyOf/oneOf alternatives left after null folding: compared in order when their count holds. */
function compareVariants(recorder: Recorder, scope: Scope, schemas: Schemas, where: Where, steps: readonly TypeStep[]): void {
  const before = schemas.before.variants;
  const after = schemas.after.variants;
  if (before.length === after.length) {
    before.forEach((variant, index) => {
      const other = after[index];
      if (other !== undefined) compareSchema(recorder, scope, { before: variant, after: other }, where, steps);
    });
    return;
  }
  const area = schemaArea(where, steps);
  const rule = where === "request" ? requestRule(after.length > before.length ? "type-generalized" : "type-changed", area) : responseRule("type-changed", area);
  const pointer = recorder.pick({ before: absent(schemas.before.pointer), after: absent(schemas.after.pointer) });
  const message = `The ${where} schema now has ${after.length} alternatives (anyOf/oneOf) instead of ${before.length}.`;
  recorder.record(scope, rule, pointer, before.length, after.length, message, recorder.probe(scope, steps));
}

/** "integer | null", "string", or "any" when the schema does not constrain the type. */
export function describeTypes(types: Set<string> | undefined): string {
  if (types === undefined) return "any";
  if (types.size === 0) return "nothing";
  return [...types].sort((a, b) => (a === "null" ? 1 : b === "null" ? -1 : a.localeCompare(b))).join(" | ");
}

function withoutNull(types: Set<string> | undefined): Set<string> | undefined {
  return types === undefined ? undefined : new Set([...types].filter((type) => type !== "null"));
}

/** Whether every value of type set `narrower` is also of type set `wider`. */
function accepts(wider: Set<string> | undefined, narrower: Set<string> | undefined): boolean {
  if (wider === undefined) return true;
  if (narrower === undefined) return false;
  return [...narrower].every((type) => wider.has(type) || (type === "integer" && wider.has("number")));
}

const LOWER_BOUNDS = new Set(["minimum", "exclusiveMinimum", "minLength", "minItems", "minProperties"]);
const UPPER_BOUNDS = new Set(["maximum", "exclusiveMaximum", "maxLength", "maxItems", "maxProperties"]);

/** Whether changing a bound from `before` to `after` can refuse a value that was accepted. */
function narrows(keyword: string, before: JsonValue | undefined, after: JsonValue | undefined): boolean {
  if (after === undefined) return false;
  if (before === undefined) return keyword !== "uniqueItems" || after === true;
  if (typeof before === "number" && typeof after === "number") {
    if (LOWER_BOUNDS.has(keyword)) return after > before;
    if (UPPER_BOUNDS.has(keyword)) return after < before;
    // Multiples of 4 are all multiples of 2: only a divisor of the old step widens.
    if (keyword === "multipleOf") return before % after !== 0;
  }
  if (keyword === "uniqueItems") return after === true && before !== true;
  return true;
}
