// admin-keys audit against the real local server: findings and exit codes per rule, the default
// policy, the four formats (CSV and JSON Lines with the table's columns), usage and API errors,
// and progress on a terminal only, on stderr only.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { MockServer } from "../../src/testing/index.js";
import { CLI_MAIN, ROOT, runCliProcess } from "../helpers/cli-process.js";
import { serverFactory } from "../testing/helpers.js";
import { cli } from "./helpers.js";

const start = serverFactory();
// Half a second past a whole second, so a time `at(5)` days away is always a little under 5 days
// (a clock that fell on a whole second made it exactly 5, one run in a thousand).
const NOW = Math.floor(Date.now() / 1000) * 1000 + 500;
const NOW_S = Math.floor(NOW / 1000);
const DAY = 86_400;

/** Days before (negative) or after now, in Unix seconds. */
const at = (days: number): number => NOW_S + days * DAY;

/**
 * One key per rule, and one that breaks none (key_fine: used yesterday, made 10 days ago,
 * expires in 60 days).
 */
const KEYS = [
  { id: "key_fine", name: "Fine", created_at: at(-10), last_used_at: at(-1), expires_at: at(60) },
  { id: "key_unused", name: "Unused", created_at: at(-100), last_used_at: at(-95), expires_at: at(60) },
  { id: "key_forever", name: "Forever", created_at: at(-10), last_used_at: at(-1) },
  { id: "key_soon", name: "Soon", created_at: at(-10), last_used_at: at(-1), expires_at: at(5) },
  { id: "key_ancient", name: "=HYPERLINK(\"http://evil\")", created_at: at(-170), last_used_at: at(-1), expires_at: at(60) },
];

const env = (server: MockServer): Record<string, string> => ({ OPENAI_ADMIN_KEY: server.apiKey });
const audit = (server: MockServer, ...flags: string[]) => cli(["audit", ...flags, "--base-url", server.url], { env: env(server), now: NOW });

describe("admin-keys audit: findings and exit codes per rule", () => {
  it.each([
    ["--unused-for 90d", ["--unused-for", "90d"], [["key_unused", "unused", "last used 95 days ago"]]],
    ["--unused-for 2w", ["--unused-for", "2w"], [["key_unused", "unused", "last used 95 days ago"]]],
    ["--no-expiry", ["--no-expiry"], [["key_forever", "no-expiry", "never expires"]]],
    // 5 days from the whole second before NOW, so half a second under 5 days: 4 days, rounded down.
    ["--expiring-within 14d", ["--expiring-within", "14d"], [["key_soon", "expiring", "expires in 4 days"]]],
    ["--older-than 150d", ["--older-than", "150d"], [["key_ancient", "old", "created 170 days ago"]]],
    ["--older-than 180d", ["--older-than", "180d"], []],
    ["--unused-for 31536000 (seconds)", ["--unused-for", "31536000"], []],
  ])("%s", async (_case, flags, expected) => {
    const server = await start({ keys: KEYS });
    const result = await audit(server, ...flags, "--format", "jsonl");
    expect(result.stderr).toBe("");
    expect(result.code).toBe(expected.length === 0 ? 0 : 3);
    const rows = result.stdout === "" ? [] : result.stdout.trimEnd().split("\n").map((line) => JSON.parse(line));
    expect(rows.map((row: { id: string; rule: string; finding: string }) => [row.id, row.rule, row.finding])).toEqual(expected);
  });

  it("combines rules, and applies only those given", async () => {
    const server = await start({ keys: KEYS });
    const result = await audit(server, "--no-expiry", "--unused-for", "90d", "--format", "jsonl");
    expect(result.code).toBe(3);
    expect(result.stdout.trimEnd().split("\n").map((line) => JSON.parse(line).id)).toEqual(["key_unused", "key_forever"]);
  });

  it("applies the documented default policy with no rule flag: 90d unused, no expiry, 14d to expiry, 180d old", async () => {
    const server = await start({ keys: [...KEYS, { id: "key_old", name: "Old", created_at: at(-200), last_used_at: at(-1), expires_at: at(60) }] });
    const result = await audit(server);
    expect(result.code).toBe(3);
    const lines = result.stdout.split("\n");
    expect(lines[0]).toBe("Policy: unused for more than 90 days; never expires; expires within 14 days (or has expired); older than 180 days.");
    expect(lines[2]).toMatch(/^ID\s+NAME\s+OWNER\s+RULE\s+FINDING$/);
    const rows = lines.filter((line) => line.startsWith("key_"));
    // In listing order, oldest first.
    expect(rows.map((line) => line.split(/\s{2,}/).slice(0, 1).concat(line.split(/\s{2,}/)[3] ?? ""))).toEqual([
      ["key_old", "old"],
      ["key_unused", "unused"],
      ["key_forever", "no-expiry"],
      ["key_soon", "expiring"],
    ]);
    expect(result.stdout.trimEnd().split("\n").at(-1)).toBe("4 findings in 6 keys.");
    expect((await cli(["audit", "--help"])).stdout).toContain("With no rule given, the default policy applies: --unused-for 90d --expiring-within 14d\n--older-than 180d --no-expiry.");
  });

  it("exits 0 and says so when nothing is found", async () => {
    const server = await start({ keys: [KEYS[0]!] });
    const result = await audit(server);
    expect(result.code).toBe(0);
    expect(result.stdout.trimEnd().split("\n").at(-1)).toBe("No findings in 1 key.");
  });

  it("lists every key, 100 a page, across pages", async () => {
    const server = await start({ seed: 250 });
    const result = await audit(server, "--no-expiry", "--format", "jsonl");
    expect(result.code).toBe(3);
    // Every third seeded key never expires.
    expect(result.stdout.trimEnd().split("\n")).toHaveLength(84);
    expect(server.requests.all("admin-api-keys-list").map((request) => new URL(request.url, "http://x").searchParams.get("limit"))).toEqual(["100", "100", "100"]);
  });

  it("documents its exit codes in --help", async () => {
    const help = (await cli(["audit", "--help"])).stdout;
    expect(help).toMatch(/Exit codes:\n\s+0\s+no findings\n\s+3\s+findings.*\n\s+1\s+the API or the connection failed\n\s+2\s+usage error/);
  });
});

describe("admin-keys audit output forms", () => {
  it("--format csv: the table's columns, RFC 4180 quoting, formulas defused, one record per line", async () => {
    const server = await start({
      keys: [
        { id: "key_a", name: 'Say "hi", world', created_at: at(-10) },
        { id: "key_b", name: "=HYPERLINK(\"http://evil\")", created_at: at(-10) },
        { id: "key_c", name: "+1-2", created_at: at(-10) },
        { id: "key_d", name: "two\nlines", created_at: at(-10) },
        { id: "key_e", created_at: at(-10), owner: { type: "user", object: "organization.user", id: "user_x", name: "@admin", role: "owner" } },
      ],
    });
    const result = await audit(server, "--no-expiry", "--format", "csv");
    expect(result.code).toBe(3);
    expect(result.stdout).toBe(
      [
        "id,name,owner,rule,finding",
        'key_a,"Say ""hi"", world",Mock Owner,no-expiry,never expires',
        `key_b,"'=HYPERLINK(""http://evil"")",Mock Owner,no-expiry,never expires`,
        "key_c,'+1-2,Mock Owner,no-expiry,never expires",
        "key_d,two\uFFFDlines,Mock Owner,no-expiry,never expires",
        "key_e,,'@admin,no-expiry,never expires",
        "",
      ].join("\n"),
    );
    expect((await cli(["audit", "--help"])).stdout).toContain("A cell that starts with =, +, - or @ gets a leading '");
  });

  it("--format jsonl and --format json: the same fields as the table's columns, lossless", async () => {
    const server = await start({ keys: [{ id: "key_a", name: "two\nlines", created_at: at(-10) }, { id: "key_b", created_at: at(-10) }] });
    const lines = await audit(server, "--no-expiry", "--format", "jsonl");
    const rows = lines.stdout.trimEnd().split("\n").map((line) => JSON.parse(line));
    expect(rows).toEqual([
      { id: "key_a", name: "two\nlines", owner: "Mock Owner", rule: "no-expiry", finding: "never expires" },
      { id: "key_b", name: null, owner: "Mock Owner", rule: "no-expiry", finding: "never expires" },
    ]);
    const document = await audit(server, "--no-expiry", "--unused-for", "3d", "--format", "json");
    expect(JSON.parse(document.stdout)).toEqual({ policy: { unused_for_seconds: 3 * DAY, no_expiry: true }, findings: [rows[0], rows[1]].flatMap((row) => [{ ...row, rule: "unused", finding: "never used; created 10 days ago" }, row]), keys: 2 });
    // Written as JSON.stringify(document, null, 2) would write it.
    expect(document.stdout).toBe(`${JSON.stringify(JSON.parse(document.stdout), null, 2)}\n`);
  });

  it("--format json with no findings is still one document", async () => {
    const server = await start();
    const result = await audit(server, "--format", "json");
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ policy: { unused_for_seconds: 90 * DAY, no_expiry: true, expiring_within_seconds: 14 * DAY, older_than_seconds: 180 * DAY }, findings: [], keys: 0 });
  });
});

describe("admin-keys audit failures", () => {
  it.each([
    [["--format", "xml"], 'error: --format must be one of table, json, jsonl, csv; got "xml".'],
    [["--unused-for", "3 months"], 'error: --unused-for must be a number of seconds or a duration such as 30d, 12h, 15m or 90s; got "3 months".'],
    [["--older-than=-1d"], "error: --older-than must be a number of seconds or a duration"],
    [["--older-than", "-1d"], "error: Option '--older-than' argument is ambiguous.\n\nUsage: admin-keys audit"],
    [["--no-expiry=yes"], "error: Option '--no-expiry' does not take an argument."],
  ])("exits 2 for %j and sends nothing", async (flags, message) => {
    const server = await start({ seed: 1 });
    const result = await audit(server, ...flags);
    expect(result.code).toBe(2);
    expect(result.stderr.startsWith(message)).toBe(true);
    expect(server.requests.count()).toBe(0);
  });

  it("exits 1 for an API error, after printing the findings of the pages before it", async () => {
    const server = await start({ seed: 150 });
    server.faults.add("admin-api-keys-list", { kind: "delay", ms: 0 });
    server.faults.add("admin-api-keys-list", { kind: "status", status: 403 });
    const result = await audit(server, "--no-expiry", "--format", "jsonl");
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error: 403 PermissionDeniedError: /);
    expect(result.stdout.trimEnd().split("\n")).toHaveLength(34);
  });

  it("exits 1 for a connection error, as the real process too", async () => {
    const server = await start();
    const url = server.url;
    await server.close();
    const result = await runCliProcess(["audit", "--base-url", url], { env: { OPENAI_ADMIN_KEY: "sk-admin-x" } });
    expect(result.code).toBe(1);
    expect(result.stderr.toString()).toMatch(/^error: APIConnectionError: /);
  });
});

describe("progress of audit and list --all", () => {
  it.each([
    ["audit", ["audit", "--no-expiry"], "auditing", ", 34 findings"],
    ["list --all", ["list", "--all", "--limit", "100"], "listing", ""],
  ])("%s shows pages and keys so far on a terminal's stderr, cleared before each page and at the end", async (_name, argv, verb, findings) => {
    const server = await start({ seed: 150 });
    const result = await cli([...argv, "--base-url", server.url], { env: env(server), stderrTty: true });
    expect(result.statuses).toEqual([`${verb}: page 1, 100 keys${verb === "auditing" ? ", 34 findings" : ""} so far…`, "", `${verb}: page 2, 150 keys${findings === "" ? "" : ", 50 findings"} so far…`, ""]);
    // Nothing else on stderr, and never anything of it on stdout.
    expect(result.stderr).toBe("");
    expect(result.stdout).not.toContain("so far");
  });

  it("clears the status line before an error is printed", async () => {
    const server = await start({ seed: 150 });
    server.faults.add("admin-api-keys-list", { kind: "delay", ms: 0 });
    server.faults.add("admin-api-keys-list", { kind: "status", status: 403 });
    const result = await cli(["audit", "--base-url", server.url], { env: env(server), stderrTty: true });
    expect(result.code).toBe(1);
    expect(result.statuses.at(-1)).toBe("");
  });

  it("shows nothing when stderr is not a terminal: in-process, and as the real process with stderr a pipe", async () => {
    const server = await start({ seed: 150 });
    const inProcess = await cli(["audit", "--base-url", server.url], { env: env(server), stderrTty: false });
    expect(inProcess.statuses).toEqual([]);
    expect(inProcess.stderr).toBe("");
    for (const argv of [["audit"], ["list", "--all"]]) {
      const real = await runCliProcess([...argv, "--base-url", server.url], { env: env(server) });
      expect(real.stderr.toString()).toBe("");
      expect(real.stdout.toString()).not.toContain("\u001b");
    }
  });

  // util-linux `script` gives the real process a terminal for stderr (stdout goes to a file).
  const hasScript = spawnSync("script", ["--version"]).status === 0;
  it.skipIf(!hasScript)("as the real process on a real terminal: updated in place on stderr, cleared, never in stdout", async () => {
    const server = await start({ seed: 250 });
    const folder = mkdtempSync(join(tmpdir(), "admin-keys-pty-"));
    afterAll(() => rmSync(folder, { recursive: true, force: true }));
    const out = join(folder, "stdout.txt");
    const command = `'${process.execPath}' --import tsx '${CLI_MAIN}' audit --no-expiry --base-url ${server.url} > '${out}'`;
    const child = spawn("script", ["-qec", command, "/dev/null"], { cwd: ROOT, env: { ...process.env, OPENAI_ADMIN_KEY: server.apiKey } });
    let terminal = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (terminal += chunk));
    const code = await new Promise<number | null>((resolve) => child.once("close", resolve));
    expect(code).toBe(3);
    const reset = "\r\u001b[2K";
    expect(terminal).toBe(
      [1, 2, 3].map((page) => `${reset}auditing: page ${page}, ${Math.min(page * 100, 250)} keys, ${[34, 67, 84][page - 1]} findings so far…${reset}`).join(""),
    );
    const stdout = readFileSync(out, "utf8");
    expect(stdout).not.toContain("\u001b");
    expect(stdout).not.toContain("so far");
    expect(stdout.trimEnd().split("\n").at(-1)).toBe("84 findings in 250 keys.");
  });
});
