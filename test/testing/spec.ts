// Validates what the local server sends against spec/openapi.yaml itself: Ajv (JSON Schema
// 2020-12) over the spec's own components, found through each operation's responses. Nothing
// here restates a schema.

import { readFileSync } from "node:fs";
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import { parseSpecText } from "../../scripts/spec/load.js";
import type { MockResponseRecord } from "../../src/testing/index.js";

interface ResponseObject {
  $ref?: string;
  content?: Record<string, { schema?: unknown }>;
}
interface OperationObject {
  operationId: string;
  responses: Record<string, ResponseObject>;
}
interface SpecDocument {
  paths: Record<string, Record<string, OperationObject | unknown>>;
  components: { responses: Record<string, ResponseObject> };
}

const specUrl = new URL("../../spec/openapi.yaml", import.meta.url);
// The project's one spec loader, the one the generator and spec:diff read the spec with.
export const spec = parseSpecText(readFileSync(specUrl, "utf8"), "spec/openapi.yaml").data as unknown as SpecDocument;

const ajv = new Ajv2020({ strict: true, allErrors: true });
ajv.addKeyword("example");
// The spec root holds its schemas under "components"; Ajv needs to know that word is not a typo.
ajv.addKeyword("components");
ajv.addFormat("unixtime", { type: "number", validate: (value: number) => Number.isInteger(value) });
// The whole spec as one schema resource, so its "#/components/..." references resolve in place.
ajv.addSchema({ $id: "openapi.yaml", components: spec.components });

const compiled = new Map<string, ValidateFunction>();

function validatorFor(pointer: string): ValidateFunction {
  let validate = compiled.get(pointer);
  if (validate === undefined) {
    validate = ajv.compile({ $ref: `openapi.yaml${pointer}` });
    compiled.set(pointer, validate);
  }
  return validate;
}

function operations(): OperationObject[] {
  return Object.values(spec.paths).flatMap((item) =>
    Object.values(item).filter((value): value is OperationObject => typeof value === "object" && value !== null && "operationId" in value),
  );
}

/** The JSON pointer (in openapi.yaml) of the schema a response must match. */
export function responseSchemaPointer(operationId: string | null, status: number): { pointer: string; documented: boolean } {
  const operation = operations().find((candidate) => candidate.operationId === operationId);
  const response = operation?.responses[String(status)];
  if (operation === undefined || response === undefined) {
    // Not in the spec (unknown route, 405, 413): still the OpenAI error shape.
    return { pointer: "#/components/schemas/ErrorResponse", documented: false };
  }
  const resolved = response.$ref === undefined ? response : spec.components.responses[response.$ref.split("/").pop() ?? ""];
  const schema = resolved?.content?.["application/json"]?.schema as { $ref?: string } | undefined;
  if (schema?.$ref === undefined) throw new Error(`spec response ${operationId} ${status} has no $ref schema`);
  return { pointer: schema.$ref, documented: true };
}

/** Throws, naming the operation, status and problem, when a recorded response breaks the spec. */
export function assertMatchesSpec(record: MockResponseRecord): void {
  const { pointer } = responseSchemaPointer(record.operationId, record.status);
  if (!record.headers["x-request-id"]) throw new Error(`${record.operationId} ${record.status}: no x-request-id header`);
  const validate = validatorFor(pointer);
  if (!validate(record.body)) {
    throw new Error(`${record.operationId ?? record.method + " " + record.url} ${record.status} breaks ${pointer}: ${ajv.errorsText(validate.errors)}`);
  }
}

/** Validates a value against a named schema of the spec; returns the errors text or null. */
export function schemaErrors(name: string, value: unknown): string | null {
  const validate = validatorFor(`#/components/schemas/${name}`);
  return validate(value) ? null : ajv.errorsText(validate.errors);
}

/**
 * Collects every response a server sends; `check()` validates them all against the spec and
 * returns how many it checked, so a test can assert that it saw something.
 */
export function specRecorder(): { onResponse: (record: MockResponseRecord) => void; records: MockResponseRecord[]; check: () => number } {
  const records: MockResponseRecord[] = [];
  return {
    records,
    onResponse: (record) => records.push(record),
    check: () => {
      for (const record of records) if (record.fault !== "malformed") assertMatchesSpec(record);
      return records.length;
    },
  };
}
