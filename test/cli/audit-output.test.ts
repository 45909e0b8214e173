// What `admin-keys audit` prints, byte for byte, as the pages arrive: the policy line and the JSON
// policy of each single rule, the table's one header sized by the first page with findings, the
// JSON document exactly as JSON.stringify writes it whatever pages are empty, and the owner column
// of keys whose owner has no name, or is missing from the server's answer.
import { describe, expect, it } from "vitest";
import type { MockServer } from "../../src/testing/index.js";
import { type ScriptedServer, keyObject, scriptedServerFactory, sendJson } from "../helpers/scripted-server.js";
import { serverFactory } from "../testing/helpers.js";
import { cli } from "./helpers.js";

const start = serverFactory();
const startScripted = scriptedServerFactory();
const NOW = Math.floor(Date.now() / 1000) * 1000 + 500;
const NOW_S = Math.floor(NOW / 1000);
const DAY = 86_400;
const at = (days: number): number => NOW_S + days * DAY;

/** A key that breaks no rule of the default policy. */
const fine = (id: string) => ({ id, name: `Fine ${id}`, created_at: at(-10), last_used_at: at(-1), expires_at: at(60) });
/** A page of keys without findings, then one key that never expires (a finding on page 2). */
const EMPTY_PAGE_THEN_FINDING = [
  ...Array.from({ length: 100 }, (_, index) => fine(`key_fine${String(index).padStart(3, "0")}`)),
  { id: "key_forever", name: "Forever", created_at: at(-5), last_used_at: at(-1) },
];

const env = (server: MockServer): Record<string, string> => ({ OPENAI_ADMIN_KEY: server.apiKey });
const audit = (server: MockServer, ...flags: string[]) => cli(["audit", ...flags, "--base-url", server.url], { env: env(server), now: NOW });

/** stdout, checked to be one JSON document written as JSON.stringify(document, null, 2) writes it. */
function jsonDocument(stdout: string): { policy: unknown; findings: { id: string }[]; keys: number } {
  const document = JSON.parse(stdout);
  expect(stdout).toBe(`${JSON.stringify(document, null, 2)}\n`);
  return document;
}

describe("admin-keys audit: the policy of each single rule", () => {
  it.each([
    [["--no-expiry"], "never expires", { no_expiry: true }],
    [["--unused-for", "2d"], "unused for more than 2 days", { unused_for_seconds: 2 * DAY }],
    [["--expiring-within", "2w"], "expires within 14 days (or has expired)", { expiring_within_seconds: 14 * DAY }],
    [["--older-than", "2592001"], "older than 2592001 seconds", { older_than_seconds: 30 * DAY + 1 }],
  ])("%j: the table's policy line names that rule only, and the JSON policy holds that rule only", async (flags, words, json) => {
    const server = await start({ keys: [fine("key_fine")] });
    const table = await audit(server, ...flags);
    expect(table.code).toBe(0);
    // No header for no findings: only the policy and the count.
    expect(table.stdout).toBe(`Policy: ${words}.\n\nNo findings in 1 key.\n`);
    const document = await audit(server, ...flags, "--format", "json");
    expect(document.code).toBe(0);
    expect(jsonDocument(document.stdout)).toStrictEqual({ policy: json, findings: [], keys: 1 });
    expect(document.stdout).toBe(`{\n  "policy": ${JSON.stringify(json, null, 2).replaceAll("\n", "\n  ")},\n  "findings": [],\n  "keys": 1\n}\n`);
  });
});

describe("admin-keys audit across pages", () => {
  it("table: one header, sized by the first page with findings and kept for the next pages", async () => {
    const server = await start({ seed: 150 });
    const result = await audit(server, "--no-expiry");
    expect(result.code).toBe(3);
    const lines = result.stdout.split("\n");
    expect(lines.slice(0, 2)).toEqual(["Policy: never expires.", ""]);
    const header = lines[2] ?? "";
    expect(header).toMatch(/^ID\s+NAME\s+OWNER\s+RULE\s+FINDING$/);
    const rows = lines.slice(3, -3);
    // Every third seeded key never expires: 34 on the first page, 16 on the second.
    expect(rows).toHaveLength(50);
    for (const row of rows) expect(row).toMatch(/^key_\w+ {2}.+ {2}Ada Lovelace {2}no-expiry {2}never expires$/);
    // The first page's rows are aligned under the header.
    for (const row of rows.slice(0, 34)) expect(row.indexOf("no-expiry")).toBe(header.indexOf("RULE"));
    // The columns stay as the first page sized them: a longer name on the second page pushes its row on.
    expect(rows[34]).toMatch(/^key_\w+ {2}CI pipeline 103 {2}Ada Lovelace {2}no-expiry {2}never expires$/);
    expect(header.indexOf("OWNER") - header.indexOf("NAME")).toBe("CI pipeline 13  ".length);
    expect(lines.slice(-3)).toEqual(["", "50 findings in 150 keys.", ""]);
  });

  it("table: a first page without findings prints nothing; the header comes with the first finding", async () => {
    const server = await start({ keys: EMPTY_PAGE_THEN_FINDING });
    const result = await audit(server);
    expect(result.code).toBe(3);
    expect(result.stdout).toBe(
      [
        "Policy: unused for more than 90 days; never expires; expires within 14 days (or has expired); older than 180 days.",
        "",
        "ID           NAME     OWNER       RULE       FINDING",
        "key_forever  Forever  Mock Owner  no-expiry  never expires",
        "",
        "1 finding in 101 keys.",
        "",
      ].join("\n"),
    );
  });

  it.each([
    ["two pages with findings", { seed: 150 }, ["--no-expiry"], 50, 150],
    ["a page without findings, then one with", { keys: EMPTY_PAGE_THEN_FINDING }, [], 1, 101],
  ])("json, %s: one document, as JSON.stringify writes it", async (_case, options, flags, findings, keys) => {
    const server = await start(options);
    const result = await audit(server, ...flags, "--format", "json");
    expect(result.code).toBe(3);
    const document = jsonDocument(result.stdout);
    expect(document.findings).toHaveLength(findings);
    expect(document.keys).toBe(keys);
  });
});

describe("admin-keys audit: the owner column", () => {
  it("shows the owner's name, else its id, else unknown (no owner in the server's answer)", async () => {
    const key = (id: string, owner: unknown): Record<string, unknown> => ({ ...keyObject(id, `Key ${id}`), owner });
    const { owner: named } = keyObject("x");
    const server: ScriptedServer = await startScripted((_request, res) =>
      sendJson(res, 200, {
        object: "list",
        data: [key("key_named", named), key("key_id_only", { type: "user", object: "organization.user", id: "user_2", role: "owner" }), key("key_none", undefined)],
        first_id: "key_named",
        last_id: "key_none",
        has_more: false,
      }),
    );
    const result = await cli(["audit", "--no-expiry", "--format", "jsonl", "--base-url", server.baseUrl], { env: { OPENAI_ADMIN_KEY: "sk-admin-test-key-123" }, now: NOW });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(3);
    expect(result.stdout.trimEnd().split("\n").map((line) => JSON.parse(line))).toEqual([
      { id: "key_named", name: "Key key_named", owner: "Test", rule: "no-expiry", finding: "never expires" },
      { id: "key_id_only", name: "Key key_id_only", owner: "user_2", rule: "no-expiry", finding: "never expires" },
      { id: "key_none", name: "Key key_none", owner: "unknown", rule: "no-expiry", finding: "never expires" },
    ]);
  });
});
