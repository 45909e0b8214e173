// spec:upstream's engine: the extract of OpenAI's published spec compared with ours. Ours is
// "before", the published spec "after"; pointers name the place in ours.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CompareOptions } from "../../scripts/spec-diff/findings.js";
import { diffSpecs, type Change } from "../../scripts/spec-diff/engine.js";
import { extractAdminKeys } from "../../scripts/spec-diff/extract.js";
import type { JsonObject } from "../../scripts/spec/json-value.js";
import { loadComparedSpec } from "../../scripts/spec-diff/load-compared.js";
import { LIST, loadSpec, mutated, ONE, PUBLISHED_FILE, HAVE_PUBLISHED } from "./helpers.js";

const UPSTREAM: CompareOptions = { pointerSide: "before", ignoreDocs: true, ignoreErrorResponsesOnlyBefore: true };
const GET_LIST = "GET /organization/admin_api_keys";
const CREATE = "POST /organization/admin_api_keys";
const GET_ONE = "GET /organization/admin_api_keys/{key_id}";
const DELETE = "DELETE /organization/admin_api_keys/{key_id}";

/** What the published reference states differently from ours today (see the README). */
const KNOWN = [
  ["non-breaking", "request-parameter-became-nullable", GET_LIST, "/components/parameters/After/schema"],
  ["non-breaking", "request-bounds-widened", GET_LIST, "/components/parameters/Limit/schema/minimum"],
  ["non-breaking", "request-bounds-widened", GET_LIST, "/components/parameters/Limit/schema/maximum"],
  ["non-breaking", "request-bounds-widened", CREATE, "/components/schemas/AdminApiKeyCreateRequest/properties/name/minLength"],
  ["non-breaking", "request-bounds-widened", GET_ONE, "/components/parameters/KeyId/schema/minLength"],
  ["non-breaking", "request-bounds-widened", DELETE, "/components/parameters/KeyId/schema/minLength"],
];

const brief = (changes: readonly Change[]): string[][] => changes.map((change) => [change.kind, change.rule, change.operation ?? "", change.pointer]);

let ours: JsonObject;
let published: JsonObject;
beforeAll(async () => {
  ours = await loadSpec();
  if (HAVE_PUBLISHED) published = await loadSpec(PUBLISHED_FILE);
});

async function upstreamReport(full: JsonObject) {
  return diffSpecs(ours, extractAdminKeys(full), UPSTREAM);
}

describe.skipIf(!HAVE_PUBLISHED)("comparing ours with the published spec", () => {
  it("reports what the published reference states differently, nothing about prose, examples or x-oaiMeta", async () => {
    const result = await upstreamReport(published);
    expect(brief(result.changes)).toEqual(KNOWN);
    expect(result.changes[0]).toMatchObject({ before: "string", after: "string | null" });
    // 4XX/5XX responses only ours documents: 6 for the list and create, 5 for each single-key operation.
    expect(result.omittedErrorResponses).toBe(22);
  });

  it("names a field the published spec adds where ours would declare it", async () => {
    const changed = mutated(published, (spec) => {
      spec.get("components", "schemas", "AdminApiKey", "properties").scopes = { type: "array", items: { type: "string" } };
      // The published spec writes the owner inline; ours has it as a component of its own.
      spec.get("components", "schemas", "AdminApiKey", "properties", "owner", "properties").email = { type: "string", nullable: true };
    });
    const { changes } = await upstreamReport(changed);
    expect(brief(changes.filter((change) => change.rule === "response-optional-property-added"))).toEqual(
      [GET_LIST, CREATE, GET_ONE].flatMap((operation) => [
        ["non-breaking", "response-optional-property-added", operation, "/components/schemas/AdminApiKeyOwner/properties/email"],
        ["non-breaking", "response-optional-property-added", operation, "/components/schemas/AdminApiKey/properties/scopes"],
      ]),
    );
    const email = changes.find((change) => change.pointer.endsWith("/email"));
    expect(email).toMatchObject({ before: null, after: "string | null" });
  });

  it("reports a changed bound against the component ours uses", async () => {
    const changed = mutated(published, (spec) => {
      spec.get("paths", LIST, "post", "requestBody", "content", "application/json", "schema", "properties", "expires_in_seconds").maximum = 63072000;
    });
    const { changes } = await upstreamReport(changed);
    const extra = changes.filter((change) => !KNOWN.some(([, rule, operation, pointer]) => change.rule === rule && change.operation === operation && change.pointer === pointer));
    expect(extra).toEqual([
      {
        kind: "non-breaking",
        rule: "request-bounds-widened",
        operation: CREATE,
        pointer: "/components/schemas/AdminApiKeyCreateRequest/properties/expires_in_seconds/maximum",
        before: 31536000,
        after: 63072000,
        message: "The request maximum changed from 31536000 to 63072000.",
      },
    ]);
  });

  it("reports an operation the published spec lacks as one adopting it would break", async () => {
    const changed = mutated(published, (spec) => spec.remove("paths", ONE, "delete"));
    const { changes, warning } = await upstreamReport(changed);
    expect(warning).toBeUndefined();
    expect(brief(changes.filter((change) => change.operation === DELETE))).toEqual([["breaking", "api-removed-without-deprecation", DELETE, "/paths/~1organization~1admin_api_keys~1{key_id}/delete"]]);
  });
});

describe.skipIf(!HAVE_PUBLISHED)("extracting the admin keys endpoints from a full published spec", () => {
  let directory: string;
  let bigFile: string;

  beforeAll(() => {
    directory = mkdtempSync(join(tmpdir(), "spec-upstream-"));
    bigFile = join(directory, "openapi.yaml");
    writeFileSync(bigFile, padded(readFileSync(PUBLISHED_FILE, "utf8"), 3000));
  });
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it("builds a file the size of the published spec", () => {
    expect(readFileSync(bigFile).length).toBeGreaterThan(2_500_000);
  });

  it("keeps the admin keys paths and what they reach, and nothing else", async () => {
    const full = loadComparedSpec(readFileSync(bigFile, "utf8"), bigFile).data;
    expect(Object.keys(full.paths ?? {}).length).toBeGreaterThan(3000);
    const extract = extractAdminKeys(full);
    expect(extract).toEqual(extractAdminKeys(published));
    expect(Object.keys(extract.paths ?? {})).toEqual([LIST, ONE]);
    expect(extract).toMatchObject({ components: { securitySchemes: { AdminApiKeyAuth: { type: "http", scheme: "bearer" } } } });
    const schemas = (extract.components as { schemas: Record<string, unknown> }).schemas;
    expect(Object.keys(schemas).sort()).toEqual(["AdminApiKey", "AdminApiKeyCreateResponse", "ApiKeyList"]);
  });

  it("refuses a document without the admin keys paths, saying so", () => {
    expect(() => extractAdminKeys({ openapi: "3.1.0", info: { title: "x", version: "1" }, paths: { "/models": {} } })).toThrow("The document has no /organization/admin_api_keys paths.");
  });
});

/**
 * The published reference with `count` unrelated operations and schemas inserted, written the
 * way the published spec is (block YAML, nullable, refs, long x-oaiMeta strings).
 */
function padded(reference: string, count: number): string {
  const paths: string[] = [];
  const schemas: string[] = [];
  for (let index = 0; index < count; index++) {
    paths.push(`  /padding/things_${index}/{thing_id}:
    get:
      operationId: retrieve-thing-${index}
      summary: Retrieve thing ${index}
      description: Returns one thing by its ID. This text stands in for the prose of the published spec.
      parameters:
      - in: path
        name: thing_id
        required: true
        schema:
          type: string
      - in: query
        name: include
        required: false
        schema:
          type: string
          nullable: true
          enum: [owner, members, history]
      responses:
        '200':
          description: The thing.
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/Thing${index}'
      x-oaiMeta:
        name: Retrieve thing
        group: padding
        examples:
          request:
            curl: "curl https://api.openai.com/v1/padding/things_${index}/thing_abc \\\\\\n  -H \\"Authorization: Bearer $OPENAI_API_KEY\\"\\n"
          response: "{\\n  \\"object\\": \\"thing\\",\\n  \\"id\\": \\"thing_abc\\",\\n  \\"created_at\\": 1711471533\\n}\\n"
`);
    schemas.push(`    Thing${index}:
      type: object
      properties:
        object:
          type: string
          enum: [thing]
        id:
          type: string
        created_at:
          type: integer
          format: unixtime
        note:
          type: string
          nullable: true
        owner:
          $ref: '#/components/schemas/Thing${(index + 1) % count}'
      required: [object, id, created_at]
`);
  }
  const withPaths = reference.replace(/^paths:\n/m, `paths:\n${paths.join("")}`);
  return withPaths.replace(/^ {2}schemas:\n/m, `  schemas:\n${schemas.join("")}`);
}
