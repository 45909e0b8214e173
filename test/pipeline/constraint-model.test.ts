// The constraint model is declared once, in scripts/generate/constraint-model.ts: the generator is
// typed by it and copies it into generated/client.ts as it is written, and refuses a model that
// generated code could not hold (generated/ may import nothing hand-written).

import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { operationConstraints } from "../../generated/client.js";
import { copyProject, ROOT, type ProjectCopy, type RunResult } from "./project-copy.js";

const MODEL = "scripts/generate/constraint-model.ts";

/** The model's declarations: the file without its leading `//` comment. */
async function modelDeclarations(): Promise<string> {
  const source = await readFile(join(ROOT, MODEL), "utf8");
  return source.replace(/^(\/\/.*\n)+\n/, "").trim();
}

describe("the constraint model", () => {
  it("reaches generated/client.ts exactly as constraint-model.ts declares it", async () => {
    const client = await readFile(join(ROOT, "generated/client.ts"), "utf8");
    const declarations = await modelDeclarations();
    expect(declarations).toMatch(/^\/\*\* The type and bounds of one parameter or body field/);
    expect(client).toContain(`\n${declarations}\n`);
  });

  it("orders every table entry's keys as FieldConstraint declares its properties", async () => {
    const fieldConstraint = /export interface FieldConstraint \{([\s\S]*?)\n\}/.exec(await modelDeclarations())?.[1] ?? "";
    const declared = [...fieldConstraint.matchAll(/readonly (\w+)\??:/g)].map((match) => match[1]);
    const order = Object.keys(operationConstraints.adminApiKeysList.query.order);
    expect(order).toEqual(declared.filter((key) => order.includes(key as string)));
    expect(order).toEqual(["required", "type", "enum", "default"]);
  });
});

describe("a constraint model that generated code could not hold", () => {
  let project: ProjectCopy;
  let before: Map<string, Buffer>;
  let generate: RunResult;

  beforeAll(async () => {
    project = await copyProject();
    const model = join(project.dir, MODEL);
    await writeFile(model, `${await readFile(model, "utf8")}\nexport const LIMITS = { maximum: 100 };\n`);
    before = await project.snapshotGenerated();
    generate = await project.run("scripts/generate.ts");
  }, 60_000);

  afterAll(async () => {
    await project.remove();
  });

  it("stops the generator, saying why", () => {
    expect(generate.code).not.toBe(0);
    expect(generate.stderr).toContain("constraint-model.ts holds something besides interfaces");
  });

  it("leaves generated/ byte-identical", async () => {
    const after = await project.snapshotGenerated();
    expect([...after.keys()]).toEqual([...before.keys()]);
    for (const [name, bytes] of before) expect(after.get(name)?.equals(bytes), name).toBe(true);
  });
});
