// CHANGELOG-API.md as the page beside the docs: the Markdown that scripts/changelog/markdown.ts
// writes, turned into HTML that shows the text as written (a spec value in a message is text,
// never markup) and loads nothing.

import { describe, expect, it } from "vitest";
import { changelogPage } from "../../scripts/docs/changelog-page.js";

const page = (markdown: string) => changelogPage(markdown, { title: "Keys <API>", referenceHref: "index.html" });
const main = (html: string) => html.slice(html.indexOf("<main>") + 6, html.indexOf("</main>")).trim();

describe("changelogPage", () => {
  it("renders headings with anchors, paragraphs, lists, code, bold and links", () => {
    const html = main(page("# API changelog\n\nWritten by `npm run spec:changelog`,\nfrom **git**.\n\n## API 1.2.0\n\n- `GET /keys` was added.\n- see [the docs](index.html)\n"));
    expect(html).toBe(
      [
        '<h1 id="api-changelog">API changelog</h1>',
        "<p>Written by <code>npm run spec:changelog</code>, from <strong>git</strong>.</p>",
        '<h2 id="api-1-2-0">API 1.2.0</h2>',
        "<ul>\n<li><code>GET /keys</code> was added.</li>\n<li>see <a href=\"index.html\">the docs</a></li>\n</ul>",
      ].join("\n"),
    );
  });

  it("shows markup in a message as text, inside code and out", () => {
    const html = main(page("- The description changed to <img src=x onerror=alert(1)> and `<script>alert(1)</script>`.\n"));
    expect(html).not.toMatch(/<img|<script/);
    expect(html).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(html).toContain("<code>&lt;script&gt;alert(1)&lt;/script&gt;</code>");
  });

  it("links only relative and http(s) targets", () => {
    const html = main(page("[a](javascript:alert(1)) [b](https://example.com/x) [c](#api-1-0-0)\n"));
    expect(html).not.toContain('href="javascript:');
    expect(html).toContain('<a href="https://example.com/x">b</a>');
    expect(html).toContain('<a href="#api-1-0-0">c</a>');
  });

  it("is one self-contained page that links back to the reference", () => {
    const html = page("# API changelog\n");
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain("<title>API changelog · Keys &lt;API&gt;</title>");
    expect(html).toContain('<a href="index.html">← Keys &lt;API&gt;: API reference</a>');
    expect(html).not.toMatch(/<script|<link|@import|url\(/i);
  });
});
