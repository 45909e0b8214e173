// The three report formats, on a fixed list of changes.

import { describe, expect, it } from "vitest";
import type { Change } from "../../scripts/spec-diff/engine.js";
import { renderReport, type ReportContext } from "../../scripts/spec-diff/report.js";

const CONTEXT: ReportContext = {
  title: "Changes to the API since HEAD",
  empty: "No changes to the API since HEAD.",
  beforeLabel: "before",
  afterLabel: "after",
  notes: [],
};

const CHANGES: Change[] = [
  {
    kind: "breaking",
    rule: "parameter-removed",
    operation: "GET /organization/admin_api_keys",
    pointer: "/paths/~1organization~1admin_api_keys/get/parameters/limit",
    before: "query limit: integer",
    after: null,
    message: 'The query parameter "limit" was removed.',
  },
  {
    kind: "spec-only",
    rule: "request-bounds-narrowed",
    operation: "POST /organization/admin_api_keys",
    pointer: "/components/schemas/AdminApiKeyCreateRequest/properties/expires_in_seconds/maximum",
    before: 31536000,
    after: 86400,
    message: "The request maximum changed from 31536000 to 86400.",
  },
  {
    kind: "non-breaking",
    rule: "description-changed",
    operation: "POST /organization/admin_api_keys",
    pointer: "/components/schemas/AdminApiKeyCreateRequest/description",
    before: "What to create.",
    after: "What | to create.",
    message: "The schema's description changed.",
  },
];

describe("renderReport", () => {
  it("prints the empty report as one line", () => {
    expect(renderReport("text", [], CONTEXT)).toBe("No changes to the API since HEAD.\n");
    expect(renderReport("json", [], CONTEXT)).toBe('{\n  "changes": []\n}\n');
  });

  it("prints text grouped by operation, each change with its pointer and before/after", () => {
    expect(renderReport("text", CHANGES, { ...CONTEXT, notes: ["A note."] })).toBe(
      [
        "Changes to the API since HEAD: 1 breaking, 1 spec-only, 1 non-breaking.",
        "",
        "GET /organization/admin_api_keys",
        "  breaking     parameter-removed at /paths/~1organization~1admin_api_keys/get/parameters/limit",
        '               The query parameter "limit" was removed.',
        '               before: "query limit: integer"  after: (none)',
        "",
        "POST /organization/admin_api_keys",
        "  spec-only    request-bounds-narrowed at /components/schemas/AdminApiKeyCreateRequest/properties/expires_in_seconds/maximum",
        "               The request maximum changed from 31536000 to 86400.",
        "               before: 31536000  after: 86400",
        "  non-breaking description-changed at /components/schemas/AdminApiKeyCreateRequest/description",
        "               The schema's description changed.",
        '               before: "What to create."  after: "What | to create."',
        "",
        "A note.",
        "",
      ].join("\n"),
    );
  });

  it("prints markdown tables for a pull request comment, escaping pipes", () => {
    const markdown = renderReport("markdown", CHANGES, CONTEXT);
    expect(markdown.startsWith("### Changes to the API since HEAD\n\n1 breaking, 1 spec-only, 1 non-breaking.\n\n#### `GET /organization/admin_api_keys`\n")).toBe(true);
    expect(markdown).toContain("| Kind | Rule | Pointer | before | after | What changed |");
    expect(markdown).toContain(
      '| **breaking** | `parameter-removed` | `/paths/~1organization~1admin_api_keys/get/parameters/limit` | `"query limit: integer"` | `(none)` | The query parameter "limit" was removed. |',
    );
    expect(markdown).toContain('| `"What \\| to create."` |');
    expect(renderReport("markdown", [], CONTEXT)).toBe("**No changes to the API since HEAD.**\n");
  });

  it("prints JSON with exactly the documented fields", () => {
    const parsed: unknown = JSON.parse(renderReport("json", CHANGES, CONTEXT));
    expect(parsed).toEqual({ changes: CHANGES });
    const [first] = (parsed as { changes: Record<string, unknown>[] }).changes;
    expect(Object.keys(first ?? {})).toEqual(["kind", "rule", "operation", "pointer", "before", "after", "message"]);
  });

  it("cuts long values in text but keeps them whole in JSON", () => {
    const long = { ...CHANGES[2], before: "x".repeat(200) } as Change;
    expect(renderReport("text", [long], CONTEXT)).toContain(`before: "${"x".repeat(76)}...`);
    expect(renderReport("json", [long], CONTEXT)).toContain("x".repeat(200));
  });
});
