// npm run docs renders one self-contained HTML file: it must open with no network, so nothing in
// it may load a script, stylesheet or font over http(s). It carries the generated code samples,
// the API and package versions and a link to the changelog page it writes beside it, all laid
// over a copy of the spec: the spec file is not touched. Built once, into a temp directory.

import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SAMPLE_LANGUAGES } from "../../scripts/docs/code-samples.js";
import { parseSpecText } from "../../scripts/spec/load.js";
import { ROOT, runTsx, type RunResult } from "./project-copy.js";

let dir: string;
let build: RunResult;
let html: string;
let changelogHtml: string;
let specBefore: string;
let specAfter: string;

const sha = async (path: string) => createHash("sha256").update(await readFile(path)).digest("hex");

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "admin-keys-docs-"));
  specBefore = await sha(join(ROOT, "spec/openapi.yaml"));
  build = await runTsx(ROOT, "scripts/docs.ts", ["--out", join(dir, "index.html")]);
  specAfter = await sha(join(ROOT, "spec/openapi.yaml"));
  html = await readFile(join(dir, "index.html"), "utf8").catch(() => "");
  changelogHtml = await readFile(join(dir, "changelog.html"), "utf8").catch(() => "");
}, 90_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("npm run docs", () => {
  it("builds and says so", () => {
    expect(build.stderr).toBe("");
    expect(build.code).toBe(0);
    expect(build.stdout).toMatch(/index\.html: [\d.]+ MB, self-contained/);
    expect(build.stdout).toMatch(/\n {2}4 operations with TypeScript, CLI and curl samples; .*changelog\.html from CHANGELOG-API\.md\n/);
  });

  it("carries every operation's TypeScript, CLI and curl samples, without writing them into the spec", async () => {
    expect(specAfter).toBe(specBefore);
    const spec = await readFile(join(ROOT, "spec/openapi.yaml"), "utf8");
    expect(spec).not.toMatch(/x-code-?samples/i);
    for (const operationId of ["admin-api-keys-list", "admin-api-keys-create", "admin-api-keys-get", "admin-api-keys-delete"]) {
      expect(html).toContain(operationId);
    }
    // The rendered document is embedded in the page as JSON.
    for (const label of ["TypeScript", "CLI", "curl"]) expect(html.match(new RegExp(`"label":"${label}","source":`, "g"))).toHaveLength(4);
    expect(html).toContain("const page = await client.adminApiKeys.list({");
    expect(html).toContain("admin-keys create --name 'New Admin Key' --expires-in 30d --json");
  });

  it("offers the samples under labels redocly.yaml tells Redoc to show (Redoc hides any other)", async () => {
    const config = parseSpecText(await readFile(join(ROOT, "redocly.yaml"), "utf8"), "redocly.yaml").data as {
      openapi?: { codeSamples?: { languages?: { lang: string; label?: string }[] } };
    };
    const shown = (config.openapi?.codeSamples?.languages ?? []).map((language) => language.label ?? language.lang);
    expect(shown.slice(0, 3)).toEqual(Object.values(SAMPLE_LANGUAGES).map((language) => language.label));
  });

  it("shows the API version and the package version, each saying what it is the version of", async () => {
    const { version } = JSON.parse(await readFile(join(ROOT, "package.json"), "utf8")) as { version: string };
    const spec = parseSpecText(await readFile(join(ROOT, "spec/openapi.yaml"), "utf8"), "spec/openapi.yaml").data as { info: { version: string } };
    expect(html).toContain(`"version":"API ${spec.info.version}"`);
    expect(html).toContain(`<strong>API ${spec.info.version}</strong> (the HTTP contract described here) · <strong>openai-admin-keys ${version}</strong> (the client and CLI the code samples use)`);
  });

  it("writes the API changelog as a self-contained page beside it, and links to it", () => {
    expect(html).toContain('<a href="changelog.html">API changelog</a>');
    expect(changelogHtml).toContain("<h1 id=\"api-changelog\">API changelog</h1>");
    expect(changelogHtml).toMatch(/<h2 id="api-\d+-\d+-\d+">API \d+\.\d+\.\d+<\/h2>/);
    expect(changelogHtml).toContain('<a href="index.html">');
    expect(remoteLoads(changelogHtml)).toEqual([]);
  });

  it("writes no changelog page, and links none, when there is no changelog", async () => {
    const bare = await mkdtemp(join(tmpdir(), "admin-keys-docs-bare-"));
    try {
      const result = await runTsx(ROOT, "scripts/docs.ts", ["--out", join(bare, "index.html"), "--changelog", join(bare, "missing.md")]);
      expect(result.code).toBe(0);
      expect(result.stdout).toContain("no changelog page");
      expect(existsSync(join(bare, "changelog.html"))).toBe(false);
      expect(await readFile(join(bare, "index.html"), "utf8")).not.toContain("changelog.html");
    } finally {
      await rm(bare, { recursive: true, force: true });
    }
  }, 90_000);

  it("loads no script, stylesheet or font over the network", () => {
    expect(html.length).toBeGreaterThan(0);
    expect(remoteLoads(html)).toEqual([]);
  });

  it("would notice a page that loads Redoc from a CDN (the check can fail)", () => {
    const cdnPage = [
      '<link rel="modulepreload" href="https://cdn.example.com/redoc.standalone.js">',
      '<script type="module">import { hydrate } from "https://cdn.example.com/redoc.standalone.js";</script>',
      "<style>@font-face { font-family: X; src: url(https://fonts.example.com/x.woff2) }</style>",
    ].join("\n");
    expect(remoteLoads(cdnPage)).toHaveLength(3);
  });

  it("embeds the Redoc bundle: megabytes of script, where a CDN page is a few hundred kilobytes", () => {
    expect(html.length).toBeGreaterThan(1_000_000);
  });

  it("takes its title and description from the spec", async () => {
    const spec = await readFile(join(ROOT, "spec/openapi.yaml"), "utf8");
    const title = /^ {2}title: (.+)$/m.exec(spec)?.[1];
    expect(title).toBeDefined();
    expect(html).toContain(`<title>${title}</title>`);
    expect(html).toContain("Admin API keys authenticate calls to the organization administration endpoints");
  });
});

/** Every place the page would fetch a script, stylesheet or font from http(s). */
function remoteLoads(page: string): string[] {
  const remote = String.raw`["']?(?:https?:)?\/\/`;
  const patterns = [
    new RegExp(String.raw`<script\b[^>]*\bsrc\s*=\s*${remote}[^"'\s>]*`, "gi"),
    new RegExp(String.raw`<link\b[^>]*\bhref\s*=\s*${remote}[^"'\s>]*`, "gi"),
    new RegExp(String.raw`\bimport\s*(?:[\w{}\s,*]+\bfrom\s*|\(\s*)${remote}[^"'\s)]*`, "gi"),
    new RegExp(String.raw`@import\s+(?:url\()?\s*${remote}[^"'\s)]*`, "gi"),
    new RegExp(String.raw`@font-face\s*\{[^}]*url\(\s*${remote}[^"'\s)]*`, "gi"),
  ];
  return patterns.flatMap((pattern) => page.match(pattern) ?? []);
}
