// Nullable fields are written as OpenAPI 3.1 type arrays (`type: [string, "null"]`), so the docs
// read "string or null" instead of "Any of: string, null" and the type again. The rewrite from
// `anyOf: [T, {type: "null"}]` must change nothing a program sees: the same generated types and
// constraint table, and validators that accept and refuse the same values. The lint rule keeps
// the style; the generator reads both forms alike.

import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fieldConstraint, unwrapNullable } from "../../scripts/generate/constraints.js";
import type { OpenApiDocument } from "../../scripts/generate/openapi.js";
import { isObject, type JsonObject, type JsonValue } from "../../scripts/spec/json-value.js";
import { parseSpecText } from "../../scripts/spec/load.js";
import { copyProject, lineOf, ROOT, snapshot, type ProjectCopy } from "./project-copy.js";

/** Each `type: [T, "null"]` written back as `anyOf: [{type: T, <T's keywords>}, {type: "null"}]`. */
function toAnyOf(value: JsonValue): JsonValue {
  if (Array.isArray(value)) return value.map(toAnyOf);
  if (!isObject(value)) return value;
  const out: JsonObject = Object.fromEntries(Object.entries(value).map(([key, item]) => [key, key === "example" ? item : toAnyOf(item)]));
  const { type } = out;
  if (!Array.isArray(type) || type.length !== 2 || !type.includes("null")) return out;
  const [other] = type.filter((name) => name !== "null");
  // The keywords of the typed branch move into it; the annotations stay on the field.
  const { description, example, type: _, ...keywords } = out;
  return {
    anyOf: [{ type: other ?? "string", ...keywords }, { type: "null" }],
    ...(description === undefined ? {} : { description }),
    ...(example === undefined ? {} : { example }),
  };
}

const NULLABLE_FIELDS = [
  ["AdminApiKey", "name"],
  ["AdminApiKey", "expires_at"],
  ["AdminApiKey", "last_used_at"],
  ["ApiKeyList", "first_id"],
  ["ApiKeyList", "last_id"],
  ["Error", "param"],
  ["Error", "code"],
] as const;

let project: ProjectCopy;
let specText: string;

beforeAll(async () => {
  project = await copyProject();
  specText = await project.readSpec();
});

afterAll(async () => {
  await project.remove();
});

describe("nullable fields in spec/openapi.yaml", () => {
  it("are type arrays, every one of them", () => {
    const spec = parseSpecText(specText, "spec/openapi.yaml").data as any;
    for (const [schema, property] of NULLABLE_FIELDS) {
      const field = spec.components.schemas[schema].properties[property];
      expect(field.type, `${schema}.${property}`).toEqual([expect.any(String), "null"]);
      expect(field.anyOf).toBeUndefined();
    }
    expect(specText).not.toMatch(/- type: 'null'/);
  });

  it("generate the same types, constraint table and validator verdicts as the anyOf form", async () => {
    const anyOfSpec = toAnyOf(parseSpecText(specText, "spec/openapi.yaml").data);
    // The copy generates from the old form with the style rule off: this compares outputs, not styles.
    const configPath = join(project.dir, "redocly.yaml");
    const config = await readFile(configPath, "utf8");
    await writeFile(configPath, config.replace("admin-keys/nullable-as-type-array: warn", "admin-keys/nullable-as-type-array: off"));
    await project.writeSpec(JSON.stringify(anyOfSpec, null, 2));
    const generated = await project.run("scripts/generate.ts").finally(() => writeFile(configPath, config));
    expect(generated.stderr).toBe("");
    expect(generated.code).toBe(0);

    const fromAnyOf = await project.snapshotGenerated();
    const fromTypeArrays = await snapshot(`${ROOT}/generated`);
    expect(fromAnyOf.get("client.ts")?.toString()).toBe(fromTypeArrays.get("client.ts")?.toString());
    // openapi-typescript notes a format in the doc comment only when it sits beside the type.
    const types = (bytes: Buffer | undefined) => (bytes?.toString() ?? "").replace(/^\s*\* Format: unixtime\n/gm, "");
    expect(types(fromAnyOf.get("schema.ts"))).toBe(types(fromTypeArrays.get("schema.ts")));
    expect(fromTypeArrays.get("schema.ts")?.toString()).toMatch(/expires_at: number \| null;/);

    const before = (await import(join(project.dir, "generated/validators.ts"))) as typeof import("../../generated/validators.js");
    const after = await import("../../generated/validators.js");
    const key = { object: "organization.admin_api_key", id: "key_1", redacted_value: "sk-admin...1", created_at: 1, expires_at: null, owner: {} };
    const values: unknown[] = [
      key,
      { ...key, name: null, last_used_at: null },
      { ...key, name: "CI", expires_at: 1714063533, last_used_at: 1711471534 },
      { ...key, name: 5 },
      { ...key, expires_at: "never" },
      { ...key, expires_at: 1.5 },
      { ...key, last_used_at: true },
    ];
    const verdicts = (validators: typeof after) => values.map((value) => validators.validateAdminApiKey(value));
    expect(verdicts(after)).toEqual([true, true, true, false, false, false, false]);
    expect(verdicts(before)).toEqual(verdicts(after));
    const page = { object: "list", data: [], has_more: false };
    for (const ids of [{}, { first_id: null, last_id: null }, { first_id: "key_1", last_id: "key_2" }, { first_id: 1 }]) {
      expect(before.validateApiKeyList({ ...page, ...ids })).toBe(after.validateApiKeyList({ ...page, ...ids }));
    }
  }, 60_000);
});

describe("the constraint table reads a type array as the anyOf it replaces", () => {
  const document: OpenApiDocument = { openapi: "3.1.0", info: { title: "t" } };

  it.each([
    [{ type: ["integer", "null"], format: "unixtime", minimum: 1 }, { anyOf: [{ type: "integer", format: "unixtime", minimum: 1 }, { type: "null" }] }],
    [{ type: ["string", "null"], minLength: 1, enum: ["a", "b", null] }, { anyOf: [{ type: "string", minLength: 1, enum: ["a", "b", null] }, { type: "null" }] }],
    [{ type: ["null", "boolean"], default: false }, { anyOf: [{ type: "null" }, { type: "boolean", default: false }] }],
  ])("%j", (typeArray, anyOf) => {
    const fromTypeArray = fieldConstraint(document, typeArray, false);
    expect(fromTypeArray).toEqual(fieldConstraint(document, anyOf, false));
    expect(fromTypeArray).toMatchObject({ nullable: true });
    expect(unwrapNullable(document, typeArray).nullable).toBe(true);
  });

  it("still refuses a type array of two types, naming the forms it takes", () => {
    expect(fieldConstraint(document, { type: ["string", "integer"] }, true)).toMatch(/has no single type \(give it `type`, `type: \[<type>, "null"\]`/);
  });
});

describe("lint rule admin-keys/nullable-as-type-array", () => {
  it("asks for a type array where an anyOf of one type and null is written, and only there (a warning: lint fails, generate goes on)", async () => {
    const legacy = specText
      .replace("          type: [string, 'null']\n          description: The name given at creation.", "          anyOf:\n            - type: string\n            - type: 'null'\n          description: The name given at creation.")
      .replace(
        "        owner:\n          $ref: '#/components/schemas/AdminApiKeyOwner'\n",
        "        owner:\n          anyOf:\n            - $ref: '#/components/schemas/AdminApiKeyOwner'\n            - type: 'null'\n",
      );
    expect(legacy).not.toBe(specText);
    await project.writeSpec(legacy);
    const result = await project.run("scripts/lint.ts");
    expect(result.code).toBe(1);
    const problems = result.stdout.split("\n").filter((line) => line.includes("nullable-as-type-array"));
    // The nullable $ref has no type-array form, so only the name is reported.
    expect(problems).toEqual([
      `spec/openapi.yaml:${lineOf(legacy, "anyOf:")}:11  admin-keys/nullable-as-type-array  Write this nullable string as \`type: [string, "null"]\` (with the branch's other keywords beside it) instead of \`anyOf\`.`,
    ]);
  });
});
