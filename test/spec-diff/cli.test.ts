// The two commands as users and CI run them: child processes in a throwaway git repository
// holding a copy of the spec and a package.json, edited as a maintainer would edit it (text
// replacements in spec/openapi.yaml). The engine is tested in-process; here: the formats on real
// edits, with the lines they name checked against the edited text, the footer, and the exit
// codes (0 ok, 1 breaking, 2 usage, 3 unreadable spec).

import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RULE_IDS } from "../../scripts/spec-diff/rules.js";
import { HAVE_PUBLISHED, PUBLISHED_FILE, REPO_ROOT, SPEC_FILE } from "./helpers.js";

const TSX = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;
const ORDER_ENUM = "enum: [asc, desc]";
const LIMIT_MAXIMUM = "maximum: 100\n";
const LIMIT_DESCRIPTION = "How many keys one page holds at most.";
const EXPIRES_IN_SECONDS = /\n {8}expires_in_seconds:\n(?: {10}.*\n)+/;

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

function replaceOnce(text: string, from: string | RegExp, to: string): string {
  const found = typeof from === "string" ? text.includes(from) : from.test(text);
  if (!found) throw new Error(`test setup: ${String(from)} is not in the spec`);
  return text.replace(from, to);
}

/** The 1-based line and column where `needle` starts, in the first line holding it after line `after`. */
function placeOf(text: string, needle: string, after = 0): { line: number; col: number } {
  const lines = text.split("\n");
  const index = lines.findIndex((line, i) => i >= after && line.includes(needle));
  if (index < 0) throw new Error(`test setup: "${needle}" is not in the spec`);
  return { line: index + 1, col: (lines[index] ?? "").indexOf(needle) + 1 };
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
    let edited: string;
    beforeAll(() => {
      edited = replaceOnce(original, ORDER_ENUM, "enum: [asc]");
      writeSpec(edited);
    });
    afterAll(() => {
      writeSpec(original);
      writeVersion("0.1.0");
    });

    it("exits 1 and prints the report as JSON with --json, the change at its line and column", () => {
      const result = run("spec-diff", "--json");
      expect(result.status).toBe(1);
      const { line, col } = placeOf(edited, "enum: [asc]");
      expect(JSON.parse(result.stdout)).toEqual({
        changes: [
          {
            kind: "breaking",
            rule: "request-parameter-enum-value-removed",
            operation: "GET /organization/admin_api_keys",
            pointer: "/components/parameters/Order/schema/enum",
            file: "spec/openapi.yaml",
            line,
            col,
            before: ["asc", "desc"],
            after: ["asc"],
            message: 'The allowed request values changed from ["asc","desc"] to ["asc"].',
          },
        ],
      });
      expect(run("spec-diff", "--format", "json").stdout).toBe(result.stdout);
    });

    it("says in the footer which version to raise: the minor one at 0.x", () => {
      const { stderr } = run("spec-diff");
      expect(stderr).toBe(
        'spec:diff: 1 breaking change since HEAD. At 0.1.0 a break raises the minor version (consumers on ^0.1.0 are not moved to 0.2.0): set "version" in package.json to 0.2.0, or pass --allow-breaking.\n',
      );
      expect(stderr).not.toMatch(/major/);
    });

    it("still fails, and says so, after a raise ^0.1.0 accepts", () => {
      writeVersion("0.1.1");
      const result = run("spec-diff");
      expect(result.status).toBe(1);
      expect(result.stderr).toContain('set "version" in package.json to 0.2.0 (it is 0.1.1 now), or pass --allow-breaking.');
    });

    it("exits 0 with --allow-breaking, still printing the report", () => {
      writeVersion("0.1.0");
      const result = run("spec-diff", "--allow-breaking", "--markdown");
      expect(result.status).toBe(0);
      expect(result.stdout).toMatch(/\| \*\*breaking\*\* \| `request-parameter-enum-value-removed` \| `spec\/openapi\.yaml:\d+:\d+` \| `\/components\/parameters\/Order\/schema\/enum` \|/);
      expect(result.stderr).toBe("spec:diff: 1 breaking change accepted (--allow-breaking).\n");
    });

    it("exits 0 once the minor version has been raised (0.x), and the CI formats turn the error into a warning", () => {
      writeVersion("0.2.0");
      const result = run("spec-diff");
      expect(result.status).toBe(0);
      expect(result.stdout).toMatch(/breaking {5}request-parameter-enum-value-removed at \/components\/parameters\/Order\/schema\/enum \(spec\/openapi\.yaml:\d+:\d+\)/);
      expect(result.stderr).toBe("spec:diff: 1 breaking change accepted: the version went from 0.1.0 to 0.2.0.\n");
      const github = run("spec-diff", "--format", "github");
      expect(github.status).toBe(0);
      expect(github.stdout).toMatch(/^::warning file=spec\/openapi\.yaml,line=\d+,col=\d+,title=spec%3Adiff request-parameter-enum-value-removed::.* Accepted: the version went from 0\.1\.0 to 0\.2\.0/m);
      expect(run("spec-diff", "--format", "junit").stdout).toContain('failures="0"');
    });
  });

  it("does not count a spec-only change as a breaking one in the footer", () => {
    writeSpec(replaceOnce(original, LIMIT_MAXIMUM, "maximum: 50\n"));
    try {
      const result = run("spec-diff");
      expect(result.status).toBe(1);
      expect(result.stderr).toMatch(/^spec:diff: 1 spec-only change \(a break the generated types do not show\) since HEAD\. At 0\.1\.0 a break raises the minor version/);
      expect(result.stderr).not.toMatch(/breaking change/);
    } finally {
      writeSpec(original);
    }
  });

  describe("for CI, on one edit that removes a field, narrows an enum, tightens a bound and rewords a description", () => {
    let edited: string;
    beforeAll(() => {
      edited = replaceOnce(original, ORDER_ENUM, "enum: [asc]");
      edited = replaceOnce(edited, LIMIT_MAXIMUM, "maximum: 50\n");
      edited = replaceOnce(edited, LIMIT_DESCRIPTION, "At most this many keys come back.");
      edited = replaceOnce(edited, EXPIRES_IN_SECONDS, "\n");
      writeSpec(edited);
    });
    afterAll(() => writeSpec(original));

    /** Where each change must be annotated, found in the edited text itself. */
    function expectedPlaces() {
      const createRequest = placeOf(edited, "AdminApiKeyCreateRequest:", placeOf(edited, "schemas:").line).line;
      return {
        enum: placeOf(edited, "enum: [asc]"),
        maximum: placeOf(edited, "maximum: 50"),
        description: placeOf(edited, "description: At most this many keys"),
        // The removed field is not in the new text: its schema's `properties:` is its nearest parent.
        removed: placeOf(edited, "properties:", createRequest),
      };
    }

    it("--format github: an ::error per break, a ::warning per spec-only change, a ::notice for the rest, each on its line", () => {
      const result = run("spec-diff", "--format", "github");
      expect(result.status).toBe(1);
      const places = expectedPlaces();
      const commands = result.stdout.split("\n").filter((line) => line.startsWith("::"));
      const at = (level: string, rule: string, place: { line: number; col: number }) =>
        `::${level} file=spec/openapi.yaml,line=${place.line},col=${place.col},title=spec%3Adiff ${rule}::`;
      const starts = commands.map((command) => command.slice(0, command.indexOf("::", 2) + 2));
      expect(starts).toEqual(
        expect.arrayContaining([
          at("error", "request-parameter-enum-value-removed", places.enum),
          at("warning", "request-bounds-narrowed", places.maximum),
          at("notice", "description-changed", places.description),
          at("error", "request-property-removed", places.removed),
        ]),
      );
      expect(commands).toHaveLength(4);
      expect(result.stdout.split("\n")[0]).toBe("Changes to the API since HEAD: 2 breaking, 1 spec-only, 1 non-breaking.");
    });

    it("--format junit: one test case per rule, the breaks as failures with their lines", () => {
      const result = run("spec-diff", "--format", "junit");
      expect(result.status).toBe(1);
      const places = expectedPlaces();
      const xml = result.stdout;
      expect(xml.match(/<testcase /g)).toHaveLength(RULE_IDS.length);
      expect(xml).toContain(`<testsuites name="spec:diff" tests="${RULE_IDS.length}" failures="3" errors="0" skipped="0">`);
      const testcase = (rule: string) => new RegExp(`<testcase classname="spec-diff" name="${rule}"[^>]*>[\\s\\S]*?</testcase>`).exec(xml)?.[0] ?? "";
      expect(testcase("request-parameter-enum-value-removed")).toContain(`line="${places.enum.line}"`);
      expect(testcase("request-parameter-enum-value-removed")).toContain(`<failure type="breaking" message="1 change fails the run; first at spec/openapi.yaml:${places.enum.line}:${places.enum.col}:`);
      expect(testcase("request-property-removed")).toContain(`spec/openapi.yaml:${places.removed.line}:${places.removed.col} breaking POST /organization/admin_api_keys: The request field "expires_in_seconds" was removed.`);
      expect(testcase("request-bounds-narrowed")).toContain('<failure type="spec-only"');
      expect(testcase("description-changed")).toContain(`<system-out>spec/openapi.yaml:${places.description.line}:${places.description.col} non-breaking`);
      expect(testcase("description-changed")).not.toContain("<failure");
    });
  });

  it("compares with a spec file given as --base", () => {
    const base = join(repo, "older.yaml");
    writeFileSync(base, original.replace(LIMIT_DESCRIPTION, "Page size."));
    const result = run("spec-diff", "--base", base);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(`Changes to the API since ${base}: 1 non-breaking.`);
    expect(result.stdout).toMatch(/description-changed at \/components\/parameters\/Limit\/description \(spec\/openapi\.yaml:\d+:\d+\)/);
  });

  describe("on a spec it cannot read, it prints one line file:line:col message and exits 3", () => {
    afterAll(() => writeSpec(original));

    it("a YAML syntax error", () => {
      const broken = replaceOnce(original, "summary: Retrieve a single organization API key", "summary: [Retrieve a single organization API key");
      writeSpec(broken);
      // The YAML parser notices the unclosed bracket on the line after it.
      const line = placeOf(broken, "summary: [Retrieve").line + 1;
      const result = run("spec-diff");
      expect(result.status).toBe(3);
      expect(result.stdout).toBe("");
      expect(result.stderr).toMatch(new RegExp(`^spec/openapi\\.yaml:${line}:\\d+ YAML syntax error: [^\\n]+\\n$`));
      const github = run("spec-diff", "--format", "github");
      expect(github.status).toBe(3);
      expect(github.stdout).toMatch(new RegExp(`^::error file=spec/openapi\\.yaml,line=${line},col=\\d+,title=spec%3Adiff%3A unreadable spec::YAML syntax error: [^\\n]+\\n$`));
      expect(run("spec-diff", "--format", "junit").stdout).toContain(`<testcase classname="spec-diff" name="spec-readable" file="spec/openapi.yaml" line="${line}">`);
    });

    it("a $ref that points at nothing", () => {
      const broken = replaceOnce(original, "'#/components/schemas/ApiKeyList'", "'#/components/schemas/ApiKeyPage'");
      writeSpec(broken);
      const { line, col } = placeOf(broken, "$ref: '#/components/schemas/ApiKeyPage'");
      const result = run("spec-diff");
      expect(result.status).toBe(3);
      expect(result.stderr).toMatch(new RegExp(`^spec/openapi\\.yaml:${line}:${col} The \\$ref "#/components/schemas/ApiKeyPage" at /paths/\\S+ points at nothing\\.\\n$`));
    });

    it("a base spec that does not parse, named as the file it is", () => {
      writeSpec(original);
      const base = join(repo, "broken-base.yaml");
      writeFileSync(base, "openapi: 3.1.0\ninfo: [unclosed\n");
      const result = run("spec-diff", "--base", base);
      expect(result.status).toBe(3);
      expect(result.stderr).toMatch(new RegExp(`^${base.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:\\d+:\\d+ YAML syntax error: [^\\n]+\\n$`));
    });

    it("a working tree without the spec", () => {
      rmSync(join(repo, "spec/openapi.yaml"));
      const result = run("spec-diff");
      expect(result.status).toBe(3);
      expect(result.stderr).toBe("spec/openapi.yaml: cannot be read: no such file\n");
    });
  });

  it.each([
    [["--bogus"], "Unknown option '--bogus'. Allowed options: --base <value>, --format <value>, --markdown, --json, --allow-breaking, --rules, --help."],
    [["--format", "gitlab"], '--format must be one of text, markdown, json, github, junit; got "gitlab".'],
    [["--json", "--format", "github"], "Pick one output format; got github and json."],
    [["--base", "no-such-ref"], '--base: "no-such-ref" is neither a file nor a git ref of this repository.'],
    [["--base", "missing/openapi.yaml"], "--base: no such file: missing/openapi.yaml"],
  ])("exits 2 on bad usage %j, saying what is wrong", (args, message) => {
    writeSpec(original);
    const result = run("spec-diff", ...args);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain(`spec:diff: ${message}`);
    expect(result.stderr).toContain("Usage: npm run spec:diff --");
  });

  it("documents the exit codes in --help", () => {
    const { status, stdout } = run("spec-diff", "--help");
    expect(status).toBe(0);
    for (const code of ["0  nothing breaking", "1  a breaking or spec-only change", "2  bad usage", "3  a spec that cannot be read", "4  an unexpected error"]) {
      expect(stdout).toContain(code);
    }
  });

  it("prints the rule table with --rules, as committed in docs/spec-diff-rules.md", () => {
    const { status, stdout } = run("spec-diff", "--rules");
    expect(status).toBe(0);
    expect(stdout).toBe(readFileSync(join(REPO_ROOT, "docs/spec-diff-rules.md"), "utf8"));
  });
});

describe.skipIf(!HAVE_PUBLISHED)("npm run spec:upstream", () => {
  it("reports what the published spec states differently and exits 0", () => {
    writeSpec(original);
    const result = run("spec-upstream", PUBLISHED_FILE);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("6 non-breaking.");
    expect(result.stdout).toMatch(/request-bounds-widened at \/components\/parameters\/Limit\/schema\/maximum \(spec\/openapi\.yaml:\d+:\d+\)/);
    expect(result.stdout).toContain("ours: 100  upstream: (none)");
    expect(result.stdout).toContain("Not listed: 22 error responses that only ours documents.");
  });

  it("exits 2 without a path, or with a path that does not exist; 3 for a file that is not YAML", () => {
    expect(run("spec-upstream")).toMatchObject({ status: 2, stderr: expect.stringContaining("Give the path of OpenAI's published openapi.yaml") });
    expect(run("spec-upstream", "nowhere.yaml")).toMatchObject({ status: 2, stderr: expect.stringContaining("No such file: nowhere.yaml") });
    const broken = join(repo, "published-broken.yaml");
    writeFileSync(broken, "paths: [\n");
    expect(run("spec-upstream", broken)).toMatchObject({ status: 3, stderr: expect.stringMatching(/^\S+published-broken\.yaml:\d+:\d+ YAML syntax error: [^\n]+\n$/) });
  });
});
