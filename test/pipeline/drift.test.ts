// npm run check:generated on a copy of the project: clean when generated/ matches the spec, and a
// non-zero exit naming each stale or missing file, with the changed lines, once the spec moves.

import { rm } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { copyProject, type ProjectCopy, type RunResult } from "./project-copy.js";

const OLD_DESCRIPTION = "Revokes an admin API key at once. Requests made with it fail from then on.";
const NEW_DESCRIPTION = "Revokes an admin API key immediately; later requests with it fail.";

let project: ProjectCopy;
let lint: RunResult;
let clean: RunResult;
let stale: RunResult;

beforeAll(async () => {
  project = await copyProject();
  [lint, clean] = await Promise.all([project.run("scripts/lint.ts"), project.run("scripts/generate.ts", ["--check"])]);
  // An operation's description reaches client.ts (TSDoc) and schema.ts, not the validators.
  const spec = await project.readSpec();
  if (!spec.includes(OLD_DESCRIPTION)) throw new Error("test setup: description not found in the spec");
  await project.writeSpec(spec.replace(OLD_DESCRIPTION, NEW_DESCRIPTION));
  await rm(join(project.dir, "generated/validators.ts"));
  stale = await project.run("scripts/generate.ts", ["--check"]);
}, 90_000);

afterAll(async () => {
  await project.remove();
});

describe("npm run lint", () => {
  it("passes the committed spec with a one-line summary", () => {
    expect(lint.code).toBe(0);
    expect(lint.stdout).toMatch(/^spec\/openapi\.yaml: lint OK, 0 errors, 0 warnings \(\d+ ms\)\n$/);
  });
});

describe("npm run check:generated", () => {
  it("passes with a one-line summary when generated/ matches the spec", () => {
    expect(clean.code).toBe(0);
    expect(clean.stdout).toMatch(/^generated\/ matches the spec \(3 files checked in \d+ ms\)\.\n$/);
  });

  it("fails when the spec changed and names each stale file with its changed lines", () => {
    expect(stale.code).toBe(1);
    expect(stale.stderr).toContain("generated/ does not match the spec:");
    expect(stale.stderr).toMatch(/generated\/client\.ts is stale\n\s+-\d+: .*Revokes an admin API key at once/);
    expect(stale.stderr).toMatch(/\+\d+: .*Revokes an admin API key immediately/);
    expect(stale.stderr).toContain("generated/schema.ts is stale");
    expect(stale.stderr).toContain("Run `npm run generate`");
  });

  it("names a missing file, and does not call an untouched file stale", () => {
    expect(stale.stderr).toContain("generated/validators.ts is missing");
    expect(stale.stderr).not.toContain("validators.ts is stale");
  });

  it("only reads: the check writes nothing", async () => {
    const files = await project.snapshotGenerated();
    expect([...files.keys()]).toEqual(["client.ts", "schema.ts"]);
    expect(files.get("client.ts")?.toString("utf8")).toContain(OLD_DESCRIPTION);
  });
});
