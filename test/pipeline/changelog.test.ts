// npm run spec:changelog on a repository made for the test: the real spec committed as API 1.0.0,
// an edit committed without a version change, then 1.1.0 (an optional parameter: non-breaking)
// and 2.0.0 (an operation removed, a bound narrowed, a response field added), then a v* tag and
// a version only in the working tree.

import { execFileSync } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseSpecText } from "../../scripts/spec/load.js";
import { ROOT, runTsx, type RunResult } from "./project-copy.js";

type Json = Record<string, any>;

let repo: string;
let first: RunResult;
let markdown: string;

function git(...args: string[]): string {
  return execFileSync("git", ["-C", repo, "-c", "user.name=Changelog Test", "-c", "user.email=test@example.com", ...args], {
    encoding: "utf8",
    env: { ...process.env, GIT_AUTHOR_DATE: "2026-01-01T00:00:00Z", GIT_COMMITTER_DATE: "2026-01-01T00:00:00Z" },
  });
}

// Later versions are written as JSON, which is YAML too: the loader reads either.
const specText = (spec: Json): string => `${JSON.stringify(spec, null, 2)}\n`;
const parse = (text: string): Json => parseSpecText(text, "spec/openapi.yaml").data as Json;

async function commitSpec(spec: Json | string, message: string): Promise<void> {
  await writeFile(join(repo, "spec/openapi.yaml"), typeof spec === "string" ? spec : specText(spec));
  git("add", "spec/openapi.yaml");
  git("commit", "-q", "-m", message);
}

const changelog = (...args: string[]) => runTsx(ROOT, "scripts/spec-changelog.ts", ["--repo", repo, "--spec", "spec/openapi.yaml", ...args]);

/** The section of the Markdown from `## API <version>` to the next entry. */
function entry(text: string, version: string): string {
  const start = text.indexOf(`## API ${version}\n`);
  if (start < 0) return "";
  const next = text.indexOf("\n## API ", start + 1);
  return text.slice(start, next < 0 ? undefined : next);
}

beforeAll(async () => {
  repo = await mkdtemp(join(tmpdir(), "admin-keys-changelog-"));
  await mkdir(join(repo, "spec"));
  git("init", "-q", "-b", "main");
  // The real spec, as written, is API 1.0.0.
  const text = await readFile(join(ROOT, "spec/openapi.yaml"), "utf8");
  const v1 = parse(text);
  expect(v1.info.version).toBe("1.0.0");
  await commitSpec(text, "API 1.0.0");

  // Committed without a version change: it belongs to the next version's entry.
  const edit = structuredClone(v1);
  edit.paths["/organization/admin_api_keys"].get.description = "Returns one page of admin API keys.";
  await commitSpec(edit, "Reword the list operation");

  const v11 = structuredClone(edit);
  v11.info.version = "1.1.0";
  v11.paths["/organization/admin_api_keys"].get.parameters.push({
    name: "before",
    in: "query",
    required: false,
    description: "A key ID; the page ends before it.",
    schema: { type: "string" },
    example: "key_xyz",
  });
  await commitSpec(v11, "API 1.1.0: a before cursor");

  const v2 = structuredClone(v11);
  v2.info.version = "2.0.0";
  delete v2.paths["/organization/admin_api_keys/{key_id}"].delete;
  v2.components.parameters.Limit.schema.maximum = 50;
  v2.components.schemas.AdminApiKey.properties.scopes = { type: "array", items: { type: "string" }, description: "What the key may do." };
  await commitSpec(v2, "API 2.0.0: keys can no longer be deleted");
  // A tag is not a version: the changelog reads info.version.
  git("tag", "v9.9.9");

  first = await changelog();
  markdown = await readFile(join(repo, "CHANGELOG-API.md"), "utf8").catch(() => "");
}, 120_000);

afterAll(async () => {
  await rm(repo, { recursive: true, force: true });
});

describe("npm run spec:changelog", () => {
  it("writes CHANGELOG-API.md and the page beside the docs, and says what it wrote", async () => {
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/CHANGELOG-API\.md: 3 versions \(API 2\.0\.0, API 1\.1\.0, API 1\.0\.0\); and .*docs\/changelog\.html/);
    const page = await readFile(join(repo, "docs/changelog.html"), "utf8");
    expect(page).toContain('<h2 id="api-2-0-0">API 2.0.0</h2>');
    expect(page).toContain('<a href="index.html">');
  });

  it("has one entry per commit that changed info.version, newest first, and none for tags or other commits", () => {
    expect([...markdown.matchAll(/^## (.+)$/gm)].map((match) => match[1])).toEqual(["API 2.0.0", "API 1.1.0", "API 1.0.0"]);
    expect(markdown).not.toContain("9.9.9");
    expect(markdown).toMatch(/not from `v\*` tags/);
  });

  it("starts with the first version's operations", () => {
    const v1 = entry(markdown, "1.0.0");
    expect(v1).toContain("The first version, with 4 operations.");
    expect(v1).toContain("- `DELETE /organization/admin_api_keys/{key_id}` was added.");
  });

  it("counts an edit committed between two versions toward the later one", () => {
    const v11 = entry(markdown, "1.1.0");
    expect(v11).toMatch(/^Compared with API 1\.0\.0: \d+ non-breaking; 4 operations now\.$/m);
    expect(v11).toMatch(/`GET \/organization\/admin_api_keys`: .*"before".*added/);
    expect(v11).toMatch(/`GET \/organization\/admin_api_keys`: .*description/i);
    expect(v11).not.toContain("### Breaking");
  });

  it("lists the breaking changes first, then the spec-only, then the rest", () => {
    const v2 = entry(markdown, "2.0.0");
    expect(v2).toMatch(/^Compared with API 1\.1\.0: 1 breaking, 1 spec-only, \d+ non-breaking; 3 operations now\.$/m);
    const breaking = v2.indexOf("### Breaking");
    const specOnly = v2.indexOf("### Spec-only");
    const nonBreaking = v2.indexOf("### Non-breaking");
    expect(breaking).toBeGreaterThan(0);
    expect(specOnly).toBeGreaterThan(breaking);
    expect(nonBreaking).toBeGreaterThan(specOnly);
    expect(v2.slice(breaking, specOnly)).toMatch(/`DELETE \/organization\/admin_api_keys\/\{key_id\}`.*removed/);
    expect(v2.slice(specOnly, nonBreaking)).toMatch(/limit|maximum/);
    expect(v2.slice(nonBreaking)).toContain("scopes");
  });

  it("passes --check when the file matches the history, and fails it when it does not", async () => {
    const check = await changelog("--check");
    expect(check.code).toBe(0);
    expect(check.stdout).toMatch(/CHANGELOG-API\.md is up to date/);
    await writeFile(join(repo, "CHANGELOG-API.md"), markdown.replace("## API 1.1.0", "## API 1.1.1"));
    const drifted = await changelog("--check");
    expect(drifted.code).toBe(1);
    expect(drifted.stderr).toMatch(/CHANGELOG-API\.md is out of date: run npm run spec:changelog and commit it/);
    await writeFile(join(repo, "CHANGELOG-API.md"), markdown);
  });

  it("counts a new version in the working tree, and writes the same entry once it is committed", async () => {
    const next = parse(await readFile(join(repo, "spec/openapi.yaml"), "utf8"));
    next.info.version = "2.1.0";
    next.paths["/organization/admin_api_keys"].post.description = "Creates a new admin API key.";
    await writeFile(join(repo, "spec/openapi.yaml"), specText(next));
    expect((await changelog()).code).toBe(0);
    const before = await readFile(join(repo, "CHANGELOG-API.md"), "utf8");
    expect([...before.matchAll(/^## (.+)$/gm)].map((match) => match[1])).toEqual(["API 2.1.0", "API 2.0.0", "API 1.1.0", "API 1.0.0"]);
    git("add", "spec/openapi.yaml", "CHANGELOG-API.md");
    git("commit", "-q", "-m", "API 2.1.0");
    const check = await changelog("--check");
    expect(check.stderr).toBe("");
    expect(check.code).toBe(0);
  });

  it("refuses a folder that is not a git repository, with the usage exit code", async () => {
    const plain = await mkdtemp(join(tmpdir(), "admin-keys-changelog-plain-"));
    try {
      const result = await runTsx(ROOT, "scripts/spec-changelog.ts", ["--repo", plain]);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/is not inside a git repository/);
    } finally {
      await rm(plain, { recursive: true, force: true });
    }
  });
});
