// Every example in spec/openapi.yaml must validate against the schema it illustrates, using Ajv
// (JSON Schema 2020-12) over the spec's own schemas. The published spec has examples that do not;
// ours must not. Also proves that the run-wide response check (test/setup/mock-responses.ts) fails
// on a response that breaks the spec.
import { appendFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import { afterAll, describe, expect, it } from "vitest";
import { createAdminKeysClient } from "../../src/index.js";
import { RESPONSE_LOG_ENV, startMockServer } from "../../src/testing/index.js";
import { checkResponseLog } from "../setup/mock-responses.js";
import { spec } from "../testing/spec.js";

interface Illustrated {
  pointer: string;
  schema: unknown;
  example: unknown;
}

const escape = (segment: string) => segment.replace(/~/g, "~0").replace(/\//g, "~1");

/** Finds every example in the document with the schema it illustrates. */
function collectExamples(node: unknown, pointer: string, found: Illustrated[]): Illustrated[] {
  if (Array.isArray(node)) {
    node.forEach((item, index) => collectExamples(item, `${pointer}/${index}`, found));
    return found;
  }
  if (node === null || typeof node !== "object") return found;
  const record = node as Record<string, unknown>;
  const isSchema = "type" in record || "anyOf" in record || "allOf" in record || "enum" in record;
  if ("schema" in record) {
    // A media type, parameter or header: `example` and each `examples.<name>.value` show its schema.
    if ("example" in record) found.push({ pointer: `${pointer}/example`, schema: record.schema, example: record.example });
    const examples = (record.examples ?? {}) as Record<string, { value?: unknown }>;
    for (const [name, example] of Object.entries(examples)) {
      found.push({ pointer: `${pointer}/examples/${escape(name)}/value`, schema: record.schema, example: example.value });
    }
  } else if (isSchema && "example" in record) {
    // A schema's own example illustrates that schema.
    const { example, ...schema } = record;
    found.push({ pointer: `${pointer}/example`, schema, example });
  }
  for (const [key, value] of Object.entries(record)) {
    if (key === "example" || key === "examples") continue;
    collectExamples(value, `${pointer}/${escape(key)}`, found);
  }
  return found;
}

const ajv = new Ajv2020({ strict: false, allErrors: true });
ajv.addFormat("unixtime", { type: "number", validate: (value: number) => Number.isInteger(value) });
ajv.addSchema({ $id: "openapi.yaml", components: spec.components });
// Schemas found inside the document refer to "#/components/..."; resolve them in the spec resource.
const rebase = (schema: unknown): unknown => JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"openapi.yaml#/components/'));

const illustrated = collectExamples(spec, "", []);

describe("examples in spec/openapi.yaml", () => {
  it("finds an example for every request body, response and parameter", () => {
    const pointers = illustrated.map((entry) => entry.pointer);
    expect(pointers.filter((pointer) => pointer.includes("/requestBody/")).length).toBeGreaterThanOrEqual(2);
    expect(pointers.filter((pointer) => pointer.startsWith("/components/responses/")).length).toBeGreaterThanOrEqual(6);
    expect(pointers.filter((pointer) => pointer.startsWith("/components/parameters/")).length).toBe(4);
    expect(illustrated.length).toBeGreaterThan(30);
  });

  it.each(illustrated.map((entry) => [entry.pointer, entry] as const))("%s is valid against its schema", (_pointer, entry) => {
    const validate = ajv.compile(rebase(entry.schema) as object);
    const valid = validate(entry.example);
    expect(valid ? null : ajv.errorsText(validate.errors)).toBeNull();
  });

  it("would catch an example that breaks its schema", () => {
    const broken = collectExamples(
      { content: { "application/json": { schema: { $ref: "#/components/schemas/AdminApiKey" }, examples: { bad: { value: { id: "key_1" } } } } } },
      "",
      [],
    );
    expect(broken).toHaveLength(1);
    const validate = ajv.compile(rebase(broken[0]?.schema) as object);
    expect(validate(broken[0]?.example)).toBe(false);
    expect(ajv.errorsText(validate.errors)).toContain("must have required property 'expires_at'");
  });
});

describe("the run-wide check of every local-server response", () => {
  const folder = mkdtempSync(join(tmpdir(), "admin-keys-payloads-"));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it("is switched on for this run, and servers append what they send to it", async () => {
    const logFile = process.env[RESPONSE_LOG_ENV];
    expect(logFile).toBeTruthy();
    const server = await startMockServer({ seed: 3 });
    try {
      const client = createAdminKeysClient({ apiKey: server.apiKey, baseUrl: server.url });
      const page = await client.adminApiKeys.list({ limit: 2 });
      expect(page.data).toHaveLength(2);
    } finally {
      await server.close();
    }
    const { checked, failures } = checkResponseLog(String(logFile));
    expect(failures).toEqual([]);
    expect(checked).toBeGreaterThanOrEqual(1);
  });

  it("names the operation, the status and the validation error of a response that breaks the spec", () => {
    const file = join(folder, "bad.jsonl");
    const good = { requestId: "req_1", operationId: "admin-api-keys-delete", method: "DELETE", url: "/v1/x", status: 200, headers: { "x-request-id": "req_1" }, body: { id: "key_1", object: "organization.admin_api_key.deleted", deleted: true }, fault: null };
    const bad = { ...good, requestId: "req_2", headers: { "x-request-id": "req_2" }, body: { id: "key_1", object: "organization.admin_api_key", deleted: "yes" } };
    const malformed = { ...good, requestId: "req_3", body: "{not json", fault: "malformed" };
    appendFileSync(file, [good, bad, malformed].map((record) => JSON.stringify(record)).join("\n") + "\n");
    const { checked, failures } = checkResponseLog(file);
    expect(checked).toBe(2);
    expect(failures).toHaveLength(1);
    expect(failures[0]).toContain("admin-api-keys-delete 200");
    expect(failures[0]).toContain("#/components/schemas/AdminApiKeyDeleteResponse");
    expect(failures[0]).toContain("data/deleted must be boolean");
  });
});
