// A body's example may be written either way OpenAPI allows: one `example`, or named `examples`.
// The lint rules take both, refuse a body with neither (or with an empty `examples`), and refuse
// one with both, each with a message that says what to write.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { copyProject, lineOf, type ProjectCopy } from "./project-copy.js";

let project: ProjectCopy;
let good: string;

const NAMED = [
  "              examples:",
  "                deleted:",
  "                  summary: The key is gone",
  "                  value:",
  "                    id: key_abc",
  "                    object: organization.admin_api_key.deleted",
  "                    deleted: true",
  "",
].join("\n");
const SINGULAR = ["              example:", "                id: key_abc", "                object: organization.admin_api_key.deleted", "                deleted: true", ""].join("\n");

function withExamples(replacement: string): string {
  if (!good.includes(NAMED)) throw new Error("test setup: the delete response's examples are not in the spec");
  return good.replace(NAMED, replacement);
}

async function lint(spec: string) {
  await project.writeSpec(spec);
  return project.run("scripts/lint.ts");
}

beforeAll(async () => {
  project = await copyProject();
  good = await project.readSpec();
});

afterAll(async () => {
  await project.remove();
});

describe("lint: a body's examples", () => {
  it("accepts named examples (the spec as it is)", async () => {
    const result = await lint(good);
    expect(result.stdout).toMatch(/lint OK/);
    expect(result.code).toBe(0);
  });

  it("accepts the singular example keyword", async () => {
    const result = await lint(withExamples(SINGULAR));
    expect(result.stdout).toMatch(/lint OK, 0 errors, 0 warnings/);
    expect(result.code).toBe(0);
  });

  it("refuses a body with no example, saying both ways to give one", async () => {
    const bad = withExamples("");
    const result = await lint(bad);
    expect(result.code).toBe(1);
    const line = lineOf(bad, "application/json:", lineOf(bad, "description: The key was deleted."));
    expect(result.stdout).toContain(
      `spec/openapi.yaml:${line}:13  rule/json-response-has-examples  Every request and response body carries at least one example, as \`example\` or \`examples\`.`,
    );
  });

  it("refuses an empty examples map", async () => {
    const bad = withExamples("              examples: {}\n");
    const result = await lint(bad);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(new RegExp(`spec/openapi\\.yaml:${lineOf(bad, "examples: {}")}:15  admin-keys/examples-not-empty  \`examples\` is empty`));
  });

  it("refuses a body with both, as OpenAPI does", async () => {
    const result = await lint(withExamples(`${SINGULAR}${NAMED}`));
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/rule\/media-type-example-or-examples  A body has `example` or `examples`, not both/);
  });
});
