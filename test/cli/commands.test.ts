import { describe, expect, it } from "vitest";
import { COMMANDS, MAIN_USAGE } from "../../src/cli/args.js";
import { VERSION } from "../../src/version.js";
import { keyObject, scriptedServerFactory, sendJson } from "../helpers/scripted-server.js";
import { serverFactory } from "../testing/helpers.js";
import type { MockServer } from "../../src/testing/index.js";
import { cli } from "./helpers.js";
import packageJson from "../../package.json" with { type: "json" };

const start = serverFactory();
const script = scriptedServerFactory();
const NOW = 1_800_000_000_000;
const DAY = 86_400;

function envFor(server: MockServer): Record<string, string> {
  return { OPENAI_ADMIN_KEY: server.apiKey };
}

function args(server: MockServer, ...rest: string[]): string[] {
  return [...rest, "--base-url", server.url];
}

function key(id: string, name: string | null, createdDaysAgo: number, extra: Record<string, unknown> = {}) {
  const created = NOW / 1000 - createdDaysAgo * DAY;
  return {
    object: "organization.admin_api_key" as const,
    id,
    name,
    redacted_value: "sk-admin...abc",
    created_at: created,
    expires_at: null,
    last_used_at: null,
    owner: { type: "user", object: "organization.user", id: "user_1", name: "Ada", created_at: 1, role: "owner" },
    ...extra,
  };
}

describe("admin-keys list", () => {
  it("prints an aligned table with relative times", async () => {
    const server = await start({
      keys: [
        key("key_old", "Old key", 3, { expires_at: NOW / 1000 + 29 * DAY, last_used_at: NOW / 1000 - 2 * 3600 }),
        key("key_expired", null, 2, { expires_at: NOW / 1000 - DAY }),
      ],
    });
    const result = await cli(args(server, "list"), { env: envFor(server), now: NOW });
    expect(result.code).toBe(0);
    expect(result.stderr).toBe("");
    const lines = result.stdout.trimEnd().split("\n");
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^ID\s+NAME\s+CREATED\s+LAST USED\s+EXPIRES\s+OWNER$/);
    expect(lines[1]).toMatch(/^key_old\s+Old key\s+3 days ago\s+2 hours ago\s+in 29 days\s+Ada$/);
    expect(lines[2]).toMatch(/^key_expired\s+-\s+2 days ago\s+never\s+expired 1 day ago\s+Ada$/);
    // Aligned: every column starts at the same offset on every line.
    for (const title of ["NAME", "CREATED", "LAST USED", "EXPIRES", "OWNER"]) {
      const column = lines[0]!.indexOf(title);
      for (const line of lines.slice(1)) expect(line[column - 1]).toBe(" ");
      for (const line of lines.slice(1)) expect(line[column]).not.toBe(" ");
    }
  });

  it("says when more keys follow, and where to start the next page", async () => {
    const server = await start({ seed: 30 });
    const result = await cli(args(server, "list", "--limit", "10"), { env: envFor(server) });
    const ids = server.store.list().map((k) => k.id);
    expect(result.stdout.trim().split("\n")).toHaveLength(1 + 10 + 2);
    expect(result.stdout).toContain(`--after ${ids[9]}`);
    const next = await cli(args(server, "list", "--limit", "10", "--after", ids[9]!, "--order", "asc"), { env: envFor(server) });
    expect(next.stdout).toContain(ids[10]!);
    expect(next.stdout).not.toContain(ids[9]!);
  });

  it("prints one JSON document: the page, or with --all every key fetched page by page", async () => {
    const server = await start({ seed: 25 });
    const page = await cli(args(server, "list", "--json", "--limit", "5", "--order", "desc"), { env: envFor(server) });
    const document = JSON.parse(page.stdout);
    expect(document).toMatchObject({ object: "list", has_more: true });
    expect(document.data.map((k: { id: string }) => k.id)).toEqual(server.store.list("desc").slice(0, 5).map((k) => k.id));

    server.requests.clear();
    const all = await cli(args(server, "list", "--all", "--json", "--limit", "10"), { env: envFor(server) });
    const everything = JSON.parse(all.stdout);
    expect(everything.data).toHaveLength(25);
    expect(everything).toMatchObject({ object: "list", has_more: false, first_id: server.store.list()[0]?.id, last_id: server.store.list()[24]?.id });
    expect(server.requests.count("admin-api-keys-list")).toBe(3);
  });

  it("prints every key as one table with --all, and says how many", async () => {
    const server = await start({ seed: 45 });
    const result = await cli(args(server, "list", "--all", "--limit", "20"), { env: envFor(server) });
    expect(result.stdout).toContain("45 keys.");
    expect(result.stdout.split("\n").filter((line) => line.startsWith("key_"))).toHaveLength(45);
  });

  it("says so when there are no keys, paged or not, and --all --json still gives a document", async () => {
    const server = await start();
    expect((await cli(args(server, "list"), { env: envFor(server) })).stdout).toBe("No admin API keys.\n");
    expect((await cli(args(server, "list", "--all"), { env: envFor(server) })).stdout).toBe("No admin API keys.\n");
    const document = JSON.parse((await cli(args(server, "list", "--all", "--json"), { env: envFor(server) })).stdout);
    expect(document).toEqual({ object: "list", data: [], first_id: null, last_id: null, has_more: false });
  });

  it("refuses a malformed --limit with the command's usage, a wrong --order or limit in the flag's name, and sends nothing", async () => {
    const server = await start({ seed: 1 });
    const malformed = await cli(args(server, "list", "--limit", "abc"), { env: envFor(server) });
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toContain("--limit");
    expect(malformed.stderr).toContain("Usage: admin-keys list");
    // The client checks --order against the spec; its error names the flag, on one line.
    const order = await cli(args(server, "list", "--order", "newest"), { env: envFor(server) });
    expect(order.code).toBe(2);
    expect(order.stderr).toBe('error: --order must be one of "asc", "desc"; got "newest"\n');
    const outOfRange = await cli(args(server, "list", "--limit", "500"), { env: envFor(server) });
    expect(outOfRange.code).toBe(2);
    expect(outOfRange.stderr).toBe("error: --limit must be an integer from 1 to 100; got 500\n");
    expect(server.requests.count()).toBe(0);
  });

  it("replaces terminal control characters in names from the server", async () => {
    const server = await start({ keys: [key("key_evil", "evil\u001b[31mred\nnext", 1)] });
    const result = await cli(args(server, "list"), { env: envFor(server), now: NOW });
    expect(result.stdout).not.toContain("\u001b");
    expect(result.stdout).toContain("evil\uFFFD[31mred\uFFFDnext");
  });
});

describe("admin-keys get", () => {
  it("prints a key's fields, or JSON", async () => {
    const server = await start({ keys: [key("key_one", "One", 3, { expires_at: NOW / 1000 + 29 * DAY, last_used_at: NOW / 1000 - 60 })] });
    const details = await cli(args(server, "get", "key_one"), { env: envFor(server), now: NOW });
    expect(details.stdout).toMatch(/^id\s+key_one$/m);
    expect(details.stdout).toMatch(/^created\s+3 days ago \(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC\)$/m);
    expect(details.stdout).toMatch(/^last used\s+1 minute ago/m);
    expect(details.stdout).toMatch(/^expires\s+in 29 days/m);
    expect(details.stdout).toMatch(/^owner\s+Ada \(user, user_1, owner\)$/m);
    const json = await cli(args(server, "get", "key_one", "--json"), { env: envFor(server) });
    expect(JSON.parse(json.stdout)).toEqual(server.store.get("key_one"));
  });

  it("shows never for a key never used that never expires", async () => {
    const server = await start({ keys: [key("key_two", "Two", 1)] });
    const details = await cli(args(server, "get", "key_two"), { env: envFor(server), now: NOW });
    expect(details.stdout).toMatch(/^last used\s+never$/m);
    expect(details.stdout).toMatch(/^expires\s+never$/m);
  });

  it("reports a 404 as one line with status, message and request id, and exit code 1", async () => {
    const server = await start();
    const result = await cli(args(server, "get", "key_missing"), { env: envFor(server) });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/^error: 404 NotFoundError: No admin API key found with ID 'key_missing'\. \(request req_[0-9a-f]{32}\)\n$/);
  });

  it("reports a server error as one line without a stack", async () => {
    const server = await start();
    server.faults.add("admin-api-keys-get", { kind: "status", status: 500 }, { times: Infinity });
    const result = await cli(args(server, "get", "key_x"), { env: envFor(server) });
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(result.stderr).toContain("500 InternalServerError");
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it("needs exactly one id", async () => {
    const server = await start();
    const none = await cli(args(server, "get"), { env: envFor(server) });
    expect(none.code).toBe(2);
    expect(none.stderr).toContain("'get' takes <id>; got none.");
    const two = await cli(args(server, "get", "a", "b"), { env: envFor(server) });
    expect(two.stderr).toContain('got "a" "b"');
  });
});

describe("admin-keys create", () => {
  it("prints the secret once, with a line saying it will not be shown again", async () => {
    const server = await start();
    const result = await cli(args(server, "create", "--name", "deploy"), { env: envFor(server) });
    expect(result.code).toBe(0);
    const [created] = server.store.list();
    const secret = /sk-admin-[A-Za-z0-9_-]{20,}/.exec(result.stdout)?.[0];
    expect(secret).toBeDefined();
    expect(result.stdout.split(secret!).length - 1).toBe(1);
    expect(result.stdout).toContain("it will not be shown again");
    expect(result.stdout).toContain(`Created admin key ${created?.id} (deploy); it never expires.`);
    expect(created?.redacted_value).toBe(`sk-admin...${secret!.slice(-3)}`);
  });

  it.each([
    ["30d", 30 * DAY],
    ["12h", 12 * 3600],
    ["15m", 900],
    ["90s", 90],
    ["2w", 14 * DAY],
    ["3600", 3600],
  ])("turns --expires-in %s into %i seconds", async (text, seconds) => {
    const server = await start();
    const result = await cli(args(server, "create", "--name", "x", "--expires-in", text, "--json"), { env: envFor(server) });
    const created = JSON.parse(result.stdout);
    expect(created.expires_at - created.created_at).toBe(seconds);
    expect(created.value).toMatch(/^sk-admin-/);
  });

  it("says when a created key expires", async () => {
    const server = await start();
    const result = await cli(args(server, "create", "--name", "x", "--expires-in", "30d"), { env: envFor(server) });
    expect(result.stdout).toContain("it expires in 1 month.");
  });

  it.each(["abc", "-5", "10y", "1.5h", ""])("refuses --expires-in %j with a clear error and sends nothing", async (text) => {
    const server = await start();
    const result = await cli(args(server, "create", "--name", "x", `--expires-in=${text}`), { env: envFor(server) });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("--expires-in must be a number of seconds or a duration such as 30d, 12h, 15m or 90s");
    expect(server.requests.count()).toBe(0);
  });

  it("leaves the range to the spec's bounds, checked before sending", async () => {
    const server = await start();
    const result = await cli(args(server, "create", "--name", "x", "--expires-in", "400d"), { env: envFor(server) });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe("error: --expires-in (in seconds) must be an integer from 1 to 31536000; got 34560000\n");
    expect(server.requests.count()).toBe(0);
  });

  it("shows a key whose times no Date can hold as numbers, and exits 0", async () => {
    const far = { ...keyObject("key_far", "x"), created_at: 1e20, last_used_at: 1e20, expires_at: 1e20 };
    const server = await script((_request, res) => sendJson(res, 200, far));
    const result = await cli(["get", "key_far", "--base-url", server.baseUrl], { env: { OPENAI_ADMIN_KEY: "sk-admin-test-key-123" } });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("(not a date: 100000000000000000000)");
  });

  it("takes a secret that is not a string for no secret, naming the key to delete", async () => {
    const server = await script((_request, res) => sendJson(res, 200, { ...keyObject("key_numeric", "x"), value: 123_456_789 }));
    const adminKey = "sk-admin-test-key-123";
    const result = await cli(["create", "--name", "x", "--base-url", server.baseUrl], { env: { OPENAI_ADMIN_KEY: adminKey } });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `error: Created admin key key_numeric, but the server's answer holds no secret (no "value"), so nobody holds it. Delete the key with: admin-keys delete key_numeric --yes --base-url ${server.baseUrl}\n`,
    );
    expect(result.stdout).toBe("");
    expect(server.requests.map((request) => request.method)).toEqual(["POST"]);
  });

  it("requires --name", async () => {
    const server = await start();
    const result = await cli(args(server, "create"), { env: envFor(server) });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^error: --name is required\.\n\nUsage: admin-keys create/);
  });
});

describe("admin-keys delete", () => {
  it("refuses without --yes when stdin is not a terminal, and deletes nothing", async () => {
    const server = await start({ seed: 1 });
    const [victim] = server.store.list();
    const result = await cli(args(server, "delete", victim!.id), { env: envFor(server), tty: false });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("Pass --yes");
    expect(server.store.has(victim!.id)).toBe(true);
    expect(server.requests.count()).toBe(0);
  });

  it("asks on a terminal, showing the key, and deletes on yes", async () => {
    const server = await start({ keys: [key("key_a", "Alpha", 2)] });
    const result = await cli(args(server, "delete", "key_a"), { env: envFor(server), tty: true, answer: "y", now: NOW });
    expect(result.prompts).toEqual(["Delete admin key key_a (Alpha, created 2 days ago)? This cannot be undone. [y/N] "]);
    expect(result.stdout).toBe("Deleted admin key key_a.\n");
    expect(server.store.has("key_a")).toBe(false);
  });

  it.each([
    [[] as string[], { deleted: false }, "false"],
    [[] as string[], {}, "missing"],
    [["--json"], { deleted: "yes" }, '"yes"'],
  ])("%j: a delete answered without deleted: true is no deletion: exit 1, saying how to check", async (flags, answer, shown) => {
    const server = await script((_request, res) => sendJson(res, 200, { object: "organization.admin_api_key.deleted", id: "key_a", ...answer }));
    const result = await cli(["delete", "key_a", "--yes", ...flags, "--base-url", server.baseUrl], { env: { OPENAI_ADMIN_KEY: "sk-admin-test-key-123" } });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `error: The server answered the delete of key_a without confirming it (deleted: ${shown}). See whether the key is still there with: admin-keys get key_a --base-url ${server.baseUrl}\n`,
    );
    // --json still prints the answer as it came, for a script to read.
    expect(result.stdout).toBe(flags.length === 0 ? "" : `${JSON.stringify({ object: "organization.admin_api_key.deleted", id: "key_a", ...answer }, null, 2)}\n`);
    expect(server.requests.map((request) => request.method)).toEqual(["DELETE"]);
  });

  it("keeps the key when the answer is not yes", async () => {
    const server = await start({ keys: [key("key_a", "Alpha", 2)] });
    const result = await cli(args(server, "delete", "key_a"), { env: envFor(server), tty: true, answer: "" });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe("Cancelled; key_a was not deleted.\n");
    expect(server.store.has("key_a")).toBe(true);
    expect(server.requests.count("admin-api-keys-delete")).toBe(0);
  });

  it("deletes at once with --yes, printing JSON with --json", async () => {
    const server = await start({ keys: [key("key_a", "Alpha", 2)] });
    const result = await cli(args(server, "delete", "key_a", "--yes", "--json"), { env: envFor(server), tty: true });
    expect(result.prompts).toEqual([]);
    expect(JSON.parse(result.stdout)).toEqual({ id: "key_a", object: "organization.admin_api_key.deleted", deleted: true });
  });

  it("shows a stack for an unexpected failure only with ADMIN_KEYS_DEBUG=1", async () => {
    const server = await start({ keys: [key("key_a", "Alpha", 2)] });
    const broken = async (): Promise<string> => {
      throw new Error("terminal went away");
    };
    const quiet = await cli(args(server, "delete", "key_a"), { env: envFor(server), tty: true, answer: broken });
    expect(quiet.code).toBe(1);
    expect(quiet.stderr).toBe("error: terminal went away\n");
    const loud = await cli(args(server, "delete", "key_a"), { env: { ...envFor(server), ADMIN_KEYS_DEBUG: "1" }, tty: true, answer: broken });
    expect(loud.stderr).toMatch(/^error: terminal went away\nError: terminal went away\n\s+at /);
  });

  it("prints only the message with ADMIN_KEYS_DEBUG=1 when the failure has no stack", async () => {
    const server = await start({ keys: [key("key_a", "Alpha", 2)] });
    const stackless = async (): Promise<string> => {
      const error = new Error("terminal went away");
      error.stack = undefined;
      throw error;
    };
    const result = await cli(args(server, "delete", "key_a"), { env: { ...envFor(server), ADMIN_KEYS_DEBUG: "1" }, tty: true, answer: stackless });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe("error: terminal went away\n");
    expect(server.store.has("key_a")).toBe(true);
  });
});

describe("keys, help and version", () => {
  it("names OPENAI_ADMIN_KEY when it is missing or empty", async () => {
    const server = await start();
    for (const env of [{}, { OPENAI_ADMIN_KEY: " " }]) {
      const result = await cli(args(server, "list"), { env });
      expect(result.code).toBe(1);
      expect(result.stderr).toContain("OPENAI_ADMIN_KEY is not set");
    }
    expect(server.requests.count()).toBe(0);
  });

  it("reports a rejected key as a 401 line without the key", async () => {
    const server = await start();
    const result = await cli(args(server, "list"), { env: { OPENAI_ADMIN_KEY: "sk-admin-wrong-secret-123" } });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error: 401 AuthenticationError: Incorrect API key provided\. \(request req_/);
    expect(result.stderr).not.toContain("wrong-secret");
  });

  it("reports a refused base URL from the client", async () => {
    const result = await cli(["list", "--base-url", "http://example.com/v1"], { env: { OPENAI_ADMIN_KEY: "sk-admin-x" } });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^error: --base-url http:\/\/example\.com is plain http .*, or pass --allow-insecure-http\.\n$/);
  });

  it("reports a connection failure as one line", async () => {
    const server = await start();
    const url = server.url;
    await server.close();
    const result = await cli(["list", "--base-url", url], { env: { OPENAI_ADMIN_KEY: "sk-admin-x" } });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error: APIConnectionError: /);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
  }, 30_000);

  it.each(Object.keys(COMMANDS))("prints usage for %s --help and exits 0", async (name) => {
    for (const flag of ["--help", "-h"]) {
      const result = await cli([name, flag]);
      expect(result.code).toBe(0);
      expect(result.stdout).toContain(`Usage: admin-keys ${name}`);
      expect(result.stdout).toContain("OPENAI_ADMIN_KEY");
    }
  });

  it("prints the main usage for --help, and on stderr with exit 2 when no command is given", async () => {
    const help = await cli(["--help"]);
    expect(help.code).toBe(0);
    for (const name of Object.keys(COMMANDS)) expect(help.stdout).toContain(`  ${name} `);
    const short = await cli(["-h"]);
    expect(short).toMatchObject({ code: 0, stdout: MAIN_USAGE, stderr: "" });
    const none = await cli([]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain("Usage: admin-keys <command>");
  });

  it("prints the package version with --version, before or after a command", async () => {
    expect(VERSION).toBe(packageJson.version);
    expect((await cli(["--version"])).stdout).toBe(`${packageJson.version}\n`);
    expect((await cli(["list", "--version"])).stdout).toBe(`${packageJson.version}\n`);
  });

  it.each(["get", "delete", "rotate"])("prints the version for %s --version without the <id> it needs otherwise", async (name) => {
    expect(await cli([name, "--version"])).toMatchObject({ code: 0, stdout: `${packageJson.version}\n`, stderr: "" });
  });

  it.each([
    ["-", ["-"]],
    ["-x after --", ["--", "-x"]],
  ])("refuses an argument that is no command and no option (%s) with the main usage", async (_case, argv) => {
    const result = await cli(argv);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toBe(`error: Unexpected argument '${argv.at(-1)}'.\n\n${MAIN_USAGE}`);
  });

  it("prints the command's usage for a wrong flag, and the main usage for an unknown command or global flag", async () => {
    const wrong = await cli(["create", "--nmae", "x"]);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/^error: Unknown option '--nmae'\.\n\nUsage: admin-keys create/);
    const unknown = await cli(["frobnicate"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^error: Unknown command 'frobnicate'\.\n\nUsage: admin-keys <command>/);
    const global = await cli(["--frobnicate"]);
    expect(global.code).toBe(2);
    expect(global.stderr).toMatch(/^error: Unknown option '--frobnicate'\./);
  });

  it("accepts --base-url before the command", async () => {
    const server = await start({ seed: 1 });
    const result = await cli(["--base-url", server.url, "list", "--json"], { env: envFor(server) });
    expect(JSON.parse(result.stdout).data).toHaveLength(1);
  });
});
