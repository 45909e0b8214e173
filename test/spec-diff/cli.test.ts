// The two commands as users run them: child processes in a throwaway git repository holding a
// copy of the spec and a package.json. Few on purpose; the engine is tested in-process.

import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HAVE_PUBLISHED, PUBLISHED_FILE, REPO_ROOT, SPEC_FILE } from "./helpers.js";

const TSX = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;
const ORDER_ENUM = "enum: [asc, desc]";

let repo: string;

function git(...args: string[]): void {
  const result = spawnSync("git", ["-c", "user.name=Spec Diff Test", "-c", "user.email=test@example.invalid", "-c", "init.defaultBranch=main", ...args], { cwd: repo, encoding: "utf8" });
  if (result.status !== 0) throw new Error(`git ${args.join(" ")} failed: ${result.stderr}`);
}

function run(script: "spec-diff" | "spec-upstream", ...args: string[]) {
  const result = spawnSync(process.execPath, ["--import", TSX, join(REPO_ROOT, "scripts", `${script}.ts`), ...args], { cwd: repo, encoding: "utf8" });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function writeSpec(text: string): void {
  writeFileSync(join(repo, "spec/openapi.yaml"), text);
}

function writeVersion(version: string): void {
  writeFileSync(join(repo, "package.json"), `${JSON.stringify({ name: "openai-admin-keys", version }, null, 2)}\n`);
}

const original = readFileSync(SPEC_FILE, "utf8");

beforeAll(() => {
  repo = mkdtempSync(join(tmpdir(), "spec-diff-cli-"));
  mkdirSync(join(repo, "spec"));
  writeSpec(original);
  writeVersion("0.1.0");
  git("init", "-q");
  git("add", ".");
  git("commit", "-q", "-m", "base");
  if (!original.includes(ORDER_ENUM)) throw new Error(`test bug: the spec no longer says "${ORDER_ENUM}"`);
});
afterAll(() => rmSync(repo, { recursive: true, force: true }));

describe("npm run spec:diff", () => {
  it("prints the empty report and exits 0 when the spec is as committed", () => {
    const result = run("spec-diff", "--base", "HEAD");
    expect(result).toMatchObject({ status: 0, stdout: "No changes to the API since HEAD.\n", stderr: "" });
  });

  describe("after a breaking edit (order no longer accepts desc)", () => {
    beforeAll(() => writeSpec(original.replace(ORDER_ENUM, "enum: [asc]")));
    afterAll(() => {
      writeSpec(original);
      writeVersion("0.1.0");
    });

    it("exits 1 and prints the report as JSON with --json", () => {
      const result = run("spec-diff", "--json");
      expect(result.status).toBe(1);
      expect(JSON.parse(result.stdout)).toEqual({
        changes: [
          {
            kind: "breaking",
            rule: "request-enum-narrowed",
            operation: "GET /organization/admin_api_keys",
            pointer: "/components/parameters/Order/schema/enum",
            before: ["asc", "desc"],
            after: ["asc"],
            message: 'The allowed request values changed from ["asc","desc"] to ["asc"].',
          },
        ],
      });
      expect(result.stderr).toContain("spec:diff: breaking changes since HEAD. Raise the major version in package.json (0.1.0 now, 0.1.0 at HEAD) or pass --allow-breaking.");
    });

    it("exits 0 with --allow-breaking, still printing the report", () => {
      const result = run("spec-diff", "--allow-breaking", "--markdown");
      expect(result.status).toBe(0);
      expect(result.stdout).toContain("| **breaking** | `request-enum-narrowed` | `/components/parameters/Order/schema/enum` |");
      expect(result.stderr).toContain("breaking changes accepted (--allow-breaking)");
    });

    it("exits 0 once the major version has been raised", () => {
      writeVersion("1.0.0");
      const result = run("spec-diff");
      expect(result.status).toBe(0);
      expect(result.stdout).toContain("breaking     request-enum-narrowed at /components/parameters/Order/schema/enum");
      expect(result.stderr).toContain("the version went from 0.1.0 to 1.0.0");
    });
  });

  it("compares with a spec file given as --base", () => {
    const base = join(repo, "older.yaml");
    writeFileSync(base, original.replace("How many keys one page holds at most.", "Page size."));
    const result = run("spec-diff", "--base", base);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(`Changes to the API since ${base}: 1 non-breaking.`);
    expect(result.stdout).toContain("description-changed at /components/parameters/Limit/description");
  });

  describe("on a spec it cannot read, it names the file, line and column and exits 2", () => {
    afterAll(() => writeSpec(original));

    it("a YAML syntax error", () => {
      const broken = original.replace("summary: Retrieve a single organization API key", "summary: [Retrieve a single organization API key");
      writeSpec(broken);
      const line = broken.split("\n").findIndex((text) => text.includes("summary: [Retrieve")) + 2;
      const result = run("spec-diff");
      expect(result.status).toBe(2);
      expect(result.stderr).toMatch(new RegExp(`^spec:diff: spec/openapi\\.yaml:${line}:\\d+ YAML syntax error: `));
    });

    it("a $ref that points at nothing", () => {
      const broken = original.replace("'#/components/schemas/ApiKeyList'", "'#/components/schemas/ApiKeyPage'");
      writeSpec(broken);
      const line = broken.split("\n").findIndex((text) => text.includes("#/components/schemas/ApiKeyPage")) + 1;
      const result = run("spec-diff");
      expect(result.status).toBe(2);
      expect(result.stderr).toMatch(
        new RegExp(`^spec:diff: spec/openapi\\.yaml:${line}:\\d+ The \\$ref "#/components/schemas/ApiKeyPage" at /paths/\\S+ points at nothing\\.`),
      );
    });
  });

  it.each([
    [["--bogus"], "Unknown option '--bogus'. Allowed options: --base <value>, --markdown, --json, --allow-breaking, --help."],
    [["--base", "no-such-ref"], '--base: "no-such-ref" is neither a file nor a git ref of this repository.'],
    [["--base", "missing/openapi.yaml"], "--base: no such file: missing/openapi.yaml"],
  ])("exits 2 on bad usage %j, saying what is wrong", (args, message) => {
    const result = run("spec-diff", ...args);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain(`spec:diff: ${message}`);
    expect(result.stderr).toContain("Usage: npm run spec:diff --");
  });
});

describe.skipIf(!HAVE_PUBLISHED)("npm run spec:upstream", () => {
  it("reports what the published spec states differently and exits 0", () => {
    const result = run("spec-upstream", PUBLISHED_FILE);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("6 non-breaking.");
    expect(result.stdout).toContain("request-bounds-widened at /components/parameters/Limit/schema/maximum");
    expect(result.stdout).toContain("ours: 100  upstream: (none)");
    expect(result.stdout).toContain("Not listed: 22 error responses that only ours documents.");
  });

  it("exits 2 without a path, or with a path that does not exist", () => {
    expect(run("spec-upstream")).toMatchObject({ status: 2, stderr: expect.stringContaining("Give the path of OpenAI's published openapi.yaml") });
    expect(run("spec-upstream", "nowhere.yaml")).toMatchObject({ status: 2, stderr: expect.stringContaining("No such file: nowhere.yaml") });
  });
});
