// npm run docs renders one self-contained HTML file: it must open with no network, so nothing in
// it may load a script, stylesheet or font over http(s). Built once, into a temp directory.

import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT, runTsx, type RunResult } from "./project-copy.js";

let dir: string;
let build: RunResult;
let html: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "admin-keys-docs-"));
  build = await runTsx(ROOT, "scripts/docs.ts", ["--out", join(dir, "index.html")]);
  html = await readFile(join(dir, "index.html"), "utf8").catch(() => "");
}, 90_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("npm run docs", () => {
  it("builds and says so", () => {
    expect(build.stderr).toBe("");
    expect(build.code).toBe(0);
    expect(build.stdout).toMatch(/index\.html: [\d.]+ MB, self-contained/);
  });

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
