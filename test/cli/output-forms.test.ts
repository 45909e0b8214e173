// How list, get and audit show what other tests' keys never hold, in process against the local
// server (or a scripted one for answers it never gives): an owner known only by its id or not at
// all, a key without a name, a policy in days and in seconds, a policy of one rule as JSON, a CSV
// with no findings, the progress line of a listing, a page that says more follows without a
// last_id, and a key whose id is not a string. And which answers to delete's question count as yes.
import { describe, expect, it } from "vitest";
import { COMMANDS } from "../../src/cli/args.js";
import type { MockServer } from "../../src/testing/index.js";
import { keyObject, scriptedServerFactory, sendJson } from "../helpers/scripted-server.js";
import { serverFactory } from "../testing/helpers.js";
import { cli } from "./helpers.js";

const start = serverFactory();
// Half a second past a whole second, so that "2 days ago" never rounds either way.
const NOW = Math.floor(Date.now() / 1000) * 1000 + 500;
const NOW_S = Math.floor(NOW / 1000);
const DAY = 86_400;

/** A service account's key (its owner has an id, no name), and one whose owner says nothing. */
const KEYS = [
  { id: "key_by_id", name: "Service", created_at: NOW_S - 2 * DAY, expires_at: NOW_S + 60 * DAY, owner: { type: "service_account", id: "svc_9" } },
  { id: "key_nobody", created_at: NOW_S - 3 * DAY, last_used_at: NOW_S - 2 * DAY, expires_at: NOW_S + 60 * DAY, owner: {} },
];
const env = (server: MockServer): Record<string, string> => ({ OPENAI_ADMIN_KEY: server.apiKey });
const run = (server: MockServer, args: string[], options: Parameters<typeof cli>[1] = {}) =>
  cli([...args, "--base-url", server.url], { env: env(server), now: NOW, ...options });

describe("owners without a name, keys without one", () => {
  it("list shows the owner's id, else unknown, and a dash for no name", async () => {
    const server = await start({ keys: KEYS });
    const result = await run(server, ["list"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      [
        "ID          NAME     CREATED     LAST USED   EXPIRES      OWNER",
        "key_nobody  -        3 days ago  2 days ago  in 2 months  unknown",
        "key_by_id   Service  2 days ago  never       in 2 months  svc_9",
        "",
      ].join("\n"),
    );
  });

  it.each([
    ["key_by_id", "owner           svc_9 (service_account, svc_9)"],
    ["key_nobody", "owner           unknown"],
  ])("get %s ends with its owner line", async (id, line) => {
    const server = await start({ keys: KEYS });
    const result = await run(server, ["get", id]);
    expect(result.code).toBe(0);
    expect(result.stdout.split("\n").slice(-2)).toEqual([line, ""]);
  });

  it("audit's table: a policy in days and in seconds, owners by id or unknown", async () => {
    const server = await start({ keys: KEYS });
    const result = await run(server, ["audit", "--unused-for", "1d", "--older-than", "12h"]);
    expect(result.code).toBe(3);
    expect(result.stdout).toBe(
      [
        "Policy: unused for more than 1 day; older than 43200 seconds.",
        "",
        "ID          NAME     OWNER    RULE    FINDING",
        "key_nobody  -        unknown  unused  last used 2 days ago",
        "key_nobody  -        unknown  old     created 3 days ago",
        "key_by_id   Service  svc_9    unused  never used; created 2 days ago",
        "key_by_id   Service  svc_9    old     created 2 days ago",
        "",
        "4 findings in 2 keys.",
        "",
      ].join("\n"),
    );
    expect(result.stderr).toBe("");
  });

  it("audit's JSON: only the rule given in the policy, a null name, the owner as the table shows it", async () => {
    const server = await start({ keys: KEYS });
    const result = await run(server, ["audit", "--format", "json", "--older-than", "1d"]);
    expect(result.code).toBe(3);
    expect(JSON.parse(result.stdout)).toEqual({
      policy: { older_than_seconds: 86_400 },
      findings: [
        { id: "key_nobody", name: null, owner: "unknown", rule: "old", finding: "created 3 days ago" },
        { id: "key_by_id", name: "Service", owner: "svc_9", rule: "old", finding: "created 2 days ago" },
      ],
      keys: 2,
    });
  });

  it("audit on a terminal: the status line counts one key and one finding, then is cleared", async () => {
    const server = await start({ keys: KEYS.slice(0, 1) });
    const result = await run(server, ["audit", "--unused-for", "1d", "--format", "jsonl"], { stderrTty: true });
    expect(result.code).toBe(3);
    expect(result.statuses).toEqual(["auditing: page 1, 1 key, 1 finding so far…", ""]);
    expect(JSON.parse(result.stdout)).toEqual({ id: "key_by_id", name: "Service", owner: "svc_9", rule: "unused", finding: "never used; created 2 days ago" });
    expect(result.stderr).toBe("");
  });

  it("audit's CSV with no findings: the header row alone, exit 0", async () => {
    const server = await start({ keys: KEYS });
    const result = await run(server, ["audit", "--format", "csv", "--older-than", "30d"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe("id,name,owner,rule,finding\n");
    expect(result.stderr).toBe("");
  });
});

describe("list", () => {
  it("--all on a terminal: the status line counts one key, then is cleared; the table ends with the count", async () => {
    const server = await start({ keys: KEYS.slice(0, 1) });
    const result = await run(server, ["list", "--all"], { stderrTty: true });
    expect(result.code).toBe(0);
    expect(result.statuses).toEqual(["listing: page 1, 1 key so far…", ""]);
    expect(result.stdout).toBe(
      ["ID         NAME     CREATED     LAST USED  EXPIRES      OWNER", "key_by_id  Service  2 days ago  never      in 2 months  svc_9", "", "1 key.", ""].join("\n"),
    );
    expect(result.stderr).toBe("");
  });

  it.each([
    ["ten", '"ten"'],
    ["", '""'],
    ["1.5", '"1.5"'],
  ])("refuses --limit %j, naming the flag, before anything is sent", async (limit, shown) => {
    const server = await start();
    const result = await run(server, ["list", "--limit", limit]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`error: --limit must be a whole number; got ${shown}.\n\n${COMMANDS.list.usage}`);
    expect(server.requests.count()).toBe(0);
  });

  it("refuses an argument it does not take", async () => {
    const result = await cli(["list", "extra"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`error: 'list' takes no arguments; got "extra".\n\n${COMMANDS.list.usage}`);
  });
});

describe("list against answers the local server never gives", () => {
  const script = scriptedServerFactory();
  const listing = async (page: Record<string, unknown>, args: string[]) => {
    const scripted = await script((_request, res) => sendJson(res, 200, { object: "list", ...page }));
    return cli([...args, "--base-url", scripted.baseUrl], { env: { OPENAI_ADMIN_KEY: "sk-admin-test-key-123" } });
  };

  // The hint names the cursor the client itself would go on from (its last_id, else its last key's id).
  it.each([
    ["without a last_id", {}],
    ["with a null last_id", { last_id: null }],
    ["with an empty last_id", { last_id: "" }],
  ])("a page that says more follow %s: the hint names the page's last key", async (_case, lastId) => {
    const result = await listing({ data: [keyObject("key_1"), keyObject("key_2"), keyObject("key_3")], has_more: true, ...lastId }, ["list", "--jsonl"]);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe("More keys follow: use --all, or --after key_3 for the next page.\n");
    expect(result.stdout.trimEnd().split("\n").map((line) => JSON.parse(line).id)).toEqual(["key_1", "key_2", "key_3"]);
  });

  it("a page with a last_id that says more follow: the hint names its last_id, on stdout after the table", async () => {
    const result = await listing({ data: [keyObject("key_1", "one")], has_more: true, last_id: "cursor_9" }, ["list"]);
    expect(result.code).toBe(0);
    expect(result.stdout.endsWith("\n\nMore keys follow: use --all, or --after cursor_9 for the next page.\n")).toBe(true);
    expect(result.stdout.split("\n")[1]).toMatch(/^key_1  one  /);
    expect(result.stderr).toBe("");
  });

  it("--all --json with a key whose id is not a string: the document's first_id and last_id are null", async () => {
    const odd = { ...keyObject("key_x"), id: 42 };
    const result = await listing({ data: [odd], has_more: false }, ["list", "--all", "--json"]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ object: "list", data: [odd], first_id: null, last_id: null, has_more: false });
  });
});

describe("delete's question on a terminal", () => {
  // Yes is y or yes in any case, around which the terminal may leave spaces or the line break;
  // anything else, even what starts or ends like yes, keeps the key.
  it.each([
    ["y", true],
    ["YES", true],
    ["Yes", true],
    [" yes ", true],
    ["y\n", true],
    ["", false],
    ["n", false],
    ["nay", false],
    ["yep", false],
    ["yes please", false],
  ])("answered %j: deletes the key: %s", async (answer, deletes) => {
    const server = await start({ keys: KEYS });
    const result = await run(server, ["delete", "key_by_id"], { tty: true, answer });
    expect(result.prompts).toEqual(["Delete admin key key_by_id (Service, created 2 days ago)? This cannot be undone. [y/N] "]);
    expect(server.store.has("key_by_id")).toBe(!deletes);
    expect(server.requests.count("admin-api-keys-delete")).toBe(deletes ? 1 : 0);
    expect(result).toMatchObject(
      deletes ? { code: 0, stdout: "Deleted admin key key_by_id.\n", stderr: "" } : { code: 1, stdout: "", stderr: "Cancelled; key_by_id was not deleted.\n" },
    );
  });
});
