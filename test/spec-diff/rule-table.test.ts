// The rule table in the docs is generated from rules.ts: it must list every rule, and the
// committed docs/spec-diff-rules.md must be exactly what renderRuleTable() prints now.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { renderRuleTable } from "../../scripts/spec-diff/rule-table.js";
import { RULE_IDS, ruleOf } from "../../scripts/spec-diff/rules.js";
import { REPO_ROOT } from "./helpers.js";

const COMMITTED = join(REPO_ROOT, "docs/spec-diff-rules.md");

describe("renderRuleTable", () => {
  const table = renderRuleTable();
  const rows = table.split("\n").filter((line) => line.startsWith("| `"));

  it("has one row per rule, in the table's order, with its level, reason, example and oasdiff column", () => {
    expect(rows.map((row) => /^\| `([^`]+)`/.exec(row)?.[1])).toEqual(RULE_IDS);
    for (const [index, id] of RULE_IDS.entries()) {
      const cells = (rows[index] ?? "").split(" | ");
      expect(cells).toHaveLength(5);
      expect(cells[1]).toMatch(/^(breaking¹|spec-only|non-breaking)$/);
      expect(rows[index]).toContain(ruleOf(id).example.replace(/\|/g, "\\|"));
    }
  });

  it("says which ids are oasdiff's and, for our own, which oasdiff checks come nearest", () => {
    expect(rows.find((row) => row.startsWith("| `request-parameter-removed`"))).toContain("(formerly `parameter-removed`) | breaking¹ |");
    expect(rows.find((row) => row.startsWith("| `request-parameter-removed`"))).toMatch(/\| same id \|$/);
    expect(rows.find((row) => row.startsWith("| `request-bounds-narrowed`"))).toMatch(/\| spec-only \|.*\| none; nearest: `request-parameter-max-decreased`/);
    expect(rows.find((row) => row.startsWith("| `description-changed`"))).toMatch(/\| none \|$/);
  });

  it("is what docs/spec-diff-rules.md holds (regenerate: npm run spec:diff -- --rules > docs/spec-diff-rules.md)", () => {
    expect(readFileSync(COMMITTED, "utf8")).toBe(table);
  });
});
