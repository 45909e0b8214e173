// ajv's standalone output built in batches (scripts/generate/ajv-standalone.ts), the way
// generated/validators.ts is built for a spec with more schemas than one batch: every validator
// exported, each judging as the unbatched one does, and the output valid code.

import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { syntheticSpec } from "../../bench/scale/synthetic-spec.js";
import { batchedStandaloneModule, documentRef, specAjv, standaloneModule, STANDALONE_BATCH, UCS2LENGTH } from "../../scripts/generate/ajv-standalone.js";
import { asOpenApiDocument, type SchemaNode } from "../../scripts/generate/openapi.js";
import { readOperations } from "../../scripts/generate/operations.js";
import { renderValidators } from "../../scripts/generate/render-validators.js";
import type { JsonObject } from "../../scripts/spec/json-value.js";
import { parseSpecText } from "../../scripts/spec/load.js";
import { ROOT } from "./project-copy.js";

type Validator = ((data: unknown) => boolean) & { errors?: unknown[] | null };

let dir: string;
let fragment: JsonObject;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "validators-batched-"));
  const { readFile } = await import("node:fs/promises");
  fragment = parseSpecText(await readFile(join(ROOT, "spec/openapi.yaml"), "utf8"), "spec/openapi.yaml").data as JsonObject;
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** Imports JavaScript module text from a file of its own; ajv's bare output needs the helper generated/ inlines. */
async function load(name: string, code: string, withHelper = true): Promise<Record<string, Validator>> {
  const file = join(dir, `${name}.mjs`);
  await writeFile(file, withHelper ? `${UCS2LENGTH}\n${code}` : code);
  return (await import(pathToFileURL(file).href)) as Record<string, Validator>;
}

function fragmentSchemas(): Record<string, SchemaNode> {
  return asOpenApiDocument(fragment).components?.schemas ?? {};
}

const KEY = {
  object: "organization.admin_api_key",
  id: "key_abc",
  name: "ci",
  redacted_value: "sk-admin...def",
  created_at: 1711471533,
  expires_at: null,
  owner: { type: "user", object: "organization.user", id: "user_1", name: "A", created_at: 1711471533, role: "owner" },
};
const SAMPLES: readonly unknown[] = [KEY, { ...KEY, id: 7 }, { ...KEY, extra: true }, { object: "list", data: [KEY], has_more: false }, { name: "" }, { name: "ci", expires_in_seconds: 0 }, "x", null];

describe("batchedStandaloneModule", () => {
  it("exports every validator, each judging every sample as the unbatched module does", async () => {
    const schemas = fragmentSchemas();
    const refs = Object.fromEntries(Object.keys(schemas).map((name) => [`validate${name}`, documentRef("components", "schemas", name)]));
    const whole = await load("whole", standaloneModule(specAjv({ schemas }), refs));
    // Batches of 2 over the fragment's schemas: several batches, with functions two of them need.
    const batched = batchedStandaloneModule(specAjv({ schemas }), refs, 2);
    expect(batched.match(/^const validatorBatch\d+ = \(\(\) => \{$/gm)?.length).toBe(Math.ceil(Object.keys(refs).length / 2));
    const inBatches = await load("batched", batched);
    expect(Object.keys(inBatches).sort()).toEqual(Object.keys(refs).sort());
    for (const name of Object.keys(refs)) {
      for (const sample of SAMPLES) {
        const [a, b] = [whole[name], inBatches[name]];
        expect(b?.(sample), `${name} on ${JSON.stringify(sample)}`).toBe(a?.(sample));
        expect(b?.errors).toEqual(a?.errors);
      }
    }
    expect(inBatches.validateAdminApiKey?.(KEY)).toBe(true);
    expect(inBatches.validateAdminApiKey?.({ ...KEY, id: 7 })).toBe(false);
  });

  it("is standaloneModule's output, unchanged, up to one batch", () => {
    const schemas = fragmentSchemas();
    const refs = { validateAdminApiKey: documentRef("components", "schemas", "AdminApiKey") };
    expect(batchedStandaloneModule(specAjv({ schemas }), refs)).toBe(standaloneModule(specAjv({ schemas }), refs));
  });
});

describe("renderValidators on a spec with more schemas than one batch", () => {
  it("writes a typed export per schema, and the module compiles and validates", async () => {
    const spec = syntheticSpec(fragment, 400);
    const loaded = parseSpecText(JSON.stringify(spec), "synthetic.json");
    const document = asOpenApiDocument(loaded.data);
    const schemaCount = Object.keys(document.components?.schemas ?? {}).length;
    expect(schemaCount).toBeGreaterThan(STANDALONE_BATCH);
    const source = renderValidators(document, readOperations(loaded));
    expect(source.match(/^export const validate\w+: SchemaValidator = validatorBatch\d+\.validate\w+;$/gm)).toHaveLength(schemaCount);
    const { outputText, diagnostics } = ts.transpileModule(source, { reportDiagnostics: true, compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } });
    expect(diagnostics ?? []).toEqual([]);
    const module = await load("rendered", outputText, false);
    expect(module.validateAdminApiKeyCopy99?.(KEY)).toBe(true);
    expect(module.validateAdminApiKeyCopy99?.({ ...KEY, created_at: "yesterday" })).toBe(false);
  }, 60_000);
});
