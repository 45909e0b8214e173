// The report formats, on a fixed list of changes: text, markdown and JSON; GitHub workflow
// commands and JUnit XML are checked here for their escaping and levels, and on real spec
// edits in cli.test.ts.

import { describe, expect, it } from "vitest";
import type { LocatedChange } from "../../scripts/spec-diff/engine.js";
import { message, property } from "../../scripts/spec-diff/report-github.js";
import { renderProblem, renderReport, type ReportContext } from "../../scripts/spec-diff/diff-report.js";
import { RULE_IDS } from "../../scripts/spec-diff/rules.js";
import { xmlAttribute, xmlText } from "../../scripts/spec-diff/xml.js";

const CONTEXT: ReportContext = {
  title: "Changes to the API since HEAD",
  empty: "No changes to the API since HEAD.",
  beforeLabel: "before",
  afterLabel: "after",
  notes: [],
};

const FILE = "spec/openapi.yaml";

const CHANGES: LocatedChange[] = [
  {
    kind: "breaking",
    rule: "request-parameter-removed",
    operation: "GET /organization/admin_api_keys",
    pointer: "/paths/~1organization~1admin_api_keys/get/parameters/limit",
    file: FILE,
    line: 39,
    col: 7,
    before: "query limit: integer",
    after: null,
    message: 'The query parameter "limit" was removed.',
  },
  {
    kind: "spec-only",
    rule: "request-bounds-narrowed",
    operation: "POST /organization/admin_api_keys",
    pointer: "/components/schemas/AdminApiKeyCreateRequest/properties/expires_in_seconds/maximum",
    file: FILE,
    line: 501,
    col: 11,
    before: 31536000,
    after: 86400,
    message: "The request maximum changed from 31536000 to 86400.",
  },
  {
    kind: "non-breaking",
    rule: "description-changed",
    operation: "POST /organization/admin_api_keys",
    pointer: "/components/schemas/AdminApiKeyCreateRequest/description",
    file: FILE,
    line: 489,
    col: 7,
    before: "What to create.",
    after: "What | to create.",
    message: "The schema's description changed.",
  },
];

describe("renderReport", () => {
  it("prints the empty report as one line", () => {
    expect(renderReport("text", [], CONTEXT)).toBe("No changes to the API since HEAD.\n");
    expect(renderReport("json", [], CONTEXT)).toBe('{\n  "changes": []\n}\n');
    expect(renderReport("github", [], CONTEXT)).toBe("No changes to the API since HEAD.\n");
  });

  it("prints text grouped by operation, each change with its pointer, its file:line:col and before/after", () => {
    expect(renderReport("text", CHANGES, { ...CONTEXT, notes: ["A note."] })).toBe(
      [
        "Changes to the API since HEAD: 1 breaking, 1 spec-only, 1 non-breaking.",
        "",
        "GET /organization/admin_api_keys",
        "  breaking     request-parameter-removed at /paths/~1organization~1admin_api_keys/get/parameters/limit (spec/openapi.yaml:39:7)",
        '               The query parameter "limit" was removed.',
        '               before: "query limit: integer"  after: (none)',
        "",
        "POST /organization/admin_api_keys",
        "  spec-only    request-bounds-narrowed at /components/schemas/AdminApiKeyCreateRequest/properties/expires_in_seconds/maximum (spec/openapi.yaml:501:11)",
        "               The request maximum changed from 31536000 to 86400.",
        "               before: 31536000  after: 86400",
        "  non-breaking description-changed at /components/schemas/AdminApiKeyCreateRequest/description (spec/openapi.yaml:489:7)",
        "               The schema's description changed.",
        '               before: "What to create."  after: "What | to create."',
        "",
        "A note.",
        "",
      ].join("\n"),
    );
  });

  it("prints markdown tables for a pull request comment, with the place of each change, escaping pipes", () => {
    const markdown = renderReport("markdown", CHANGES, CONTEXT);
    expect(markdown.startsWith("### Changes to the API since HEAD\n\n1 breaking, 1 spec-only, 1 non-breaking.\n\n#### `GET /organization/admin_api_keys`\n")).toBe(true);
    expect(markdown).toContain("| Kind | Rule | Where | Pointer | before | after | What changed |");
    expect(markdown).toContain(
      '| **breaking** | `request-parameter-removed` | `spec/openapi.yaml:39:7` | `/paths/~1organization~1admin_api_keys/get/parameters/limit` | `"query limit: integer"` | `(none)` | The query parameter "limit" was removed. |',
    );
    expect(markdown).toContain('| `"What \\| to create."` |');
    expect(renderReport("markdown", [], CONTEXT)).toBe("**No changes to the API since HEAD.**\n");
  });

  it("prints JSON with exactly the documented fields, the place included", () => {
    const parsed: unknown = JSON.parse(renderReport("json", CHANGES, CONTEXT));
    expect(parsed).toEqual({ changes: CHANGES });
    const [first] = (parsed as { changes: Record<string, unknown>[] }).changes;
    expect(Object.keys(first ?? {})).toEqual(["kind", "rule", "operation", "pointer", "file", "line", "col", "before", "after", "message"]);
  });

  it("cuts long values in text but keeps them whole in JSON", () => {
    const long = { ...CHANGES[2], before: "x".repeat(200) } as LocatedChange;
    expect(renderReport("text", [long], CONTEXT)).toContain(`before: "${"x".repeat(76)}...`);
    expect(renderReport("json", [long], CONTEXT)).toContain("x".repeat(200));
  });
});

describe("--format github", () => {
  const lines = (output: string) => output.trimEnd().split("\n");

  it("prints a summary, then one workflow command per change at its file, line and column", () => {
    const [summary, ...commands] = lines(renderReport("github", CHANGES, CONTEXT));
    expect(summary).toBe("Changes to the API since HEAD: 1 breaking, 1 spec-only, 1 non-breaking.");
    expect(commands).toEqual([
      '::error file=spec/openapi.yaml,line=39,col=7,title=spec%3Adiff request-parameter-removed::breaking in GET /organization/admin_api_keys: The query parameter "limit" was removed.%0A/paths/~1organization~1admin_api_keys/get/parameters/limit%0Abefore: "query limit: integer"  after: (none)',
      "::warning file=spec/openapi.yaml,line=501,col=11,title=spec%3Adiff request-bounds-narrowed::spec-only in POST /organization/admin_api_keys: The request maximum changed from 31536000 to 86400.%0A/components/schemas/AdminApiKeyCreateRequest/properties/expires_in_seconds/maximum%0Abefore: 31536000  after: 86400",
      '::notice file=spec/openapi.yaml,line=489,col=7,title=spec%3Adiff description-changed::non-breaking in POST /organization/admin_api_keys: The schema\'s description changed.%0A/components/schemas/AdminApiKeyCreateRequest/description%0Abefore: "What to create."  after: "What | to create."',
    ]);
  });

  it("makes an accepted break a warning that says why it was accepted", () => {
    const [, error] = lines(renderReport("github", CHANGES, { ...CONTEXT, accepted: "the version went from 0.1.0 to 0.2.0" }));
    expect(error).toMatch(/^::warning file=spec\/openapi\.yaml,line=39,col=7,.* Accepted: the version went from 0\.1\.0 to 0\.2\.0%0A/);
  });

  it("escapes what the runner would read as the end of a property or of the command", () => {
    expect(message("100% done\r\nnext")).toBe("100%25 done%0D%0Anext");
    expect(property("a:b,c%")).toBe("a%3Ab%2Cc%25");
    const odd = { ...CHANGES[0], operation: "GET /a,b:c", message: "line one\nline two" } as LocatedChange;
    const [, command] = lines(renderReport("github", [odd], CONTEXT));
    expect(command).toContain("::breaking in GET /a,b:c: line one%0Aline two%0A");
    expect(command?.split("\n")).toHaveLength(1);
  });
});

describe("--format junit", () => {
  it("has one test case per rule, failed by the changes that fail the run, each with its line", () => {
    const xml = renderReport("junit", CHANGES, CONTEXT);
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n')).toBe(true);
    expect(xml.match(/<testcase /g)).toHaveLength(RULE_IDS.length);
    expect(xml).toContain(`<testsuites name="spec:diff" tests="${RULE_IDS.length}" failures="2" errors="0" skipped="0">`);
    expect(xml).toContain('<testcase classname="spec-diff" name="request-parameter-removed" file="spec/openapi.yaml" line="39">');
    expect(xml).toContain(
      '<failure type="breaking" message="1 change fails the run; first at spec/openapi.yaml:39:7: The query parameter &quot;limit&quot; was removed.">spec/openapi.yaml:39:7 breaking GET /organization/admin_api_keys: The query parameter "limit" was removed.',
    );
    expect(xml).toContain('<failure type="spec-only"');
    // A non-breaking change is listed, not failed; a rule that found nothing is an empty case.
    expect(xml).toMatch(/name="description-changed" file="spec\/openapi\.yaml" line="489">\n\s+<system-out>spec\/openapi\.yaml:489:7 non-breaking/);
    expect(xml).toContain('<testcase classname="spec-diff" name="endpoint-added"/>');
  });

  it("fails nothing when the run accepts the breaks, and says why", () => {
    const xml = renderReport("junit", CHANGES, { ...CONTEXT, accepted: "--allow-breaking" });
    expect(xml).toContain('failures="0"');
    expect(xml).not.toContain("<failure");
    expect(xml).toContain("<system-out>Breaks accepted: --allow-breaking</system-out>");
  });

  it("stays well-formed XML 1.0 whatever the spec holds: markup, quotes, controls XML cannot carry, lone surrogates", () => {
    const hostile = { ...CHANGES[0], operation: 'GET /a<b>&"c"', message: "bell\u0007 nul\u0000 esc\u001b lone\ud800 ffff\uffff tab\tok", before: "]]>" } as LocatedChange;
    const xml = renderReport("junit", [hostile], CONTEXT);
    expect(xml).toContain("GET /a&lt;b&gt;&amp;\"c\": bell\\u0007 nul\\u0000 esc\\u001B lone\\uD800 ffff\\uFFFF tab\tok");
    expect(xml).toContain('message="1 change fails the run; first at spec/openapi.yaml:39:7: bell\\u0007 nul\\u0000 esc\\u001B lone\\uD800 ffff\\uFFFF tab&#9;ok"');
    expect(xml).toContain('before: "]]&gt;"');
    // Nothing XML 1.0 forbids is left (tab, LF and CR are its only C0 characters).
    expect(xml).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
  });

  it("escapes attribute and text values", () => {
    expect(xmlText('a & b < c > d "e" \r')).toBe('a &amp; b &lt; c &gt; d "e" &#13;');
    expect(xmlAttribute('"x"\n\t<y>')).toBe("&quot;x&quot;&#10;&#9;&lt;y&gt;");
    expect(xmlText("emoji 😀 stays")).toBe("emoji 😀 stays");
  });
});

describe("renderProblem: a spec that cannot be read", () => {
  const problem = { file: FILE, line: 52, col: 17, reason: "The $ref points at nothing.", message: "spec/openapi.yaml:52:17 The $ref points at nothing." };

  it("is an error annotation on its line for github, a test case in error for junit, an error object for JSON", () => {
    expect(renderProblem("github", problem)).toBe("::error file=spec/openapi.yaml,line=52,col=17,title=spec%3Adiff%3A unreadable spec::The $ref points at nothing.\n");
    expect(renderProblem("junit", problem)).toContain('<testcase classname="spec-diff" name="spec-readable" file="spec/openapi.yaml" line="52">');
    expect(renderProblem("junit", problem)).toContain('errors="1"');
    expect(JSON.parse(renderProblem("json", problem))).toEqual({ error: { file: FILE, line: 52, col: 17, message: problem.message } });
    expect(renderProblem("text", problem)).toBe("");
  });

  it("is not put on a line of the working tree's file when it is in the base's spec", () => {
    const base = { ...problem, revision: "HEAD", message: "spec/openapi.yaml:52:17 (at HEAD) The $ref points at nothing." };
    expect(renderProblem("github", base)).toBe("::error title=spec%3Adiff%3A unreadable spec::spec/openapi.yaml:52:17 (at HEAD) The $ref points at nothing.\n");
  });
});
