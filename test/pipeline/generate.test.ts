// The generator end to end: deterministic output, and driven by the spec (a new operation in the
// spec yields its typed function and constraints with no other change, and type-checks).

import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generate, generatedHeader } from "../../scripts/generate/pipeline.js";
import { parseSpecText } from "../../scripts/spec/load.js";
import { copyProject, ROOT, runNode, snapshot, type ProjectCopy } from "./project-copy.js";

const cleanup: (() => Promise<void>)[] = [];
afterAll(async () => {
  await Promise.all(cleanup.map((remove) => remove()));
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "admin-keys-generated-"));
  cleanup.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

describe("npm run generate", () => {
  it("writes byte-identical files on two runs, each starting with the header", async () => {
    const [first, second] = [await tempDir(), await tempDir()];
    await generate({ root: ROOT, outDir: first });
    await generate({ root: ROOT, outDir: second });
    const [a, b] = [await snapshot(first), await snapshot(second)];

    expect([...a.keys()]).toEqual(["client.ts", "schema.ts", "validators.ts"]);
    expect([...b.keys()]).toEqual([...a.keys()]);
    const header = generatedHeader("spec/openapi.yaml");
    for (const [name, bytes] of a) {
      expect(b.get(name)?.equals(bytes), `${name} differs between runs`).toBe(true);
      expect(bytes.toString("utf8").startsWith(`${header}\n`), `${name} header`).toBe(true);
    }
  });

  it("rewrites nothing when the files are current", async () => {
    const out = await tempDir();
    expect((await generate({ root: ROOT, outDir: out })).written).toEqual(["client.ts", "schema.ts", "validators.ts"]);
    expect((await generate({ root: ROOT, outDir: out })).written).toEqual([]);
  });

  it("keeps the validators free of run-time imports", async () => {
    const out = await tempDir();
    await generate({ root: ROOT, outDir: out });
    const validators = await readFile(join(out, "validators.ts"), "utf8");
    expect(validators).not.toMatch(/\brequire\(|^import\s(?!type)/m);
    // minLength on AdminApiKeyCreateRequest.name needs ucs2length: inlined, not required.
    expect(validators).toMatch(/const func\d+ = ucs2length;/);
  });
});

describe("a new operation in the spec", () => {
  let project: ProjectCopy;
  let client: string;

  beforeAll(async () => {
    project = await copyProject();
    cleanup.push(() => project.remove());
    const spec = parseSpecText(await project.readSpec(), "openapi.yaml").data as Record<string, Record<string, unknown>>;
    const fixture = await readFile(join(ROOT, "test/fixtures/pipeline/projects-operation.yaml"), "utf8");
    const extra = parseSpecText(fixture, "projects-operation.yaml").data as {
      tags: unknown[];
      paths: Record<string, unknown>;
      components: { schemas: Record<string, unknown> };
    };
    const merged = {
      ...spec,
      tags: [...(spec["tags"] as unknown as unknown[]), ...extra.tags],
      paths: { ...spec["paths"], ...extra.paths },
      components: { ...spec["components"], schemas: { ...(spec["components"]?.["schemas"] as object), ...extra.components.schemas } },
    };
    // Written back as JSON, which the generator reads as readily as YAML.
    await project.writeSpec(JSON.stringify(merged, null, 2));
    await generate({ root: project.dir });
    client = await readFile(join(project.dir, "generated/client.ts"), "utf8");
  }, 60_000);

  it("gets a function with a concrete signature and TSDoc from the spec", () => {
    expect(client).toContain(
      [
        "export async function organizationProjectsList(",
        "  client: Client<paths>,",
        "  query?: OrganizationProjectsListQuery,",
        "  init?: CallInit,",
        "): Promise<CallResult<ProjectList>> {",
      ].join("\n"),
    );
    expect(client).toContain(" * List projects\n *\n * Returns one page of the organization's projects.");
    expect(client).toContain("export type Project = components[\"schemas\"][\"Project\"];");
  });

  it("gets its constraints, including pagination, derived from the spec", async () => {
    const generated = (await import(pathToFileURL(join(project.dir, "generated/client.ts")).href)) as {
      operationConstraints: Record<string, unknown>;
    };
    expect(generated.operationConstraints["organizationProjectsList"]).toEqual({
      operationId: "organization-projects-list",
      method: "GET",
      path: "/organization/projects",
      paginated: true,
      path_params: {},
      query: {
        after: { required: false, type: "string" },
        limit: { required: false, type: "integer", minimum: 1, maximum: 100, default: 20 },
        include_archived: { required: false, type: "boolean", default: false },
      },
      body: null,
    });
    expect(Object.keys(generated.operationConstraints)).toHaveLength(5);
  });

  it("gets query and path validators from its parameter schemas, coercing and filling in defaults", async () => {
    type Validate = ((values: Record<string, unknown>) => boolean) & { errors?: { keyword: string }[] | null };
    const { parameterValidators } = (await import(pathToFileURL(join(project.dir, "generated/validators.ts")).href)) as {
      parameterValidators: Record<string, { query: Validate; path: Validate }>;
    };
    const { query, path } = parameterValidators["organization-projects-list"] ?? {};
    if (!query || !path) throw new Error("no parameter validators for organization-projects-list");
    const values: Record<string, unknown> = { include_archived: "true" };
    expect(query(values)).toBe(true);
    expect(values).toEqual({ include_archived: true, limit: 20 });
    const defaults: Record<string, unknown> = {};
    expect(query(defaults)).toBe(true);
    expect(defaults).toEqual({ include_archived: false, limit: 20 });
    expect(query({ include_archived: "maybe" })).toBe(false);
    expect(query.errors?.map((error) => error.keyword)).toEqual(["type"]);
    expect(path({})).toBe(true);
  });

  it("type-checks, and a wrong argument to the new function is a type error", async () => {
    await writeFile(
      join(project.dir, "tsconfig.check.json"),
      JSON.stringify({ extends: "./tsconfig.json", include: ["generated", "projects-usage.ts"], exclude: [] }),
    );
    await writeFile(
      join(project.dir, "projects-usage.ts"),
      await readFile(join(ROOT, "test/fixtures/pipeline/projects-usage.ts"), "utf8"),
    );
    const tsc = await runNode(project.dir, join(ROOT, "node_modules/typescript/bin/tsc"), ["-p", "tsconfig.check.json"]);
    expect(tsc.stdout + tsc.stderr).toBe("");
    expect(tsc.code).toBe(0);
  }, 60_000);
});
