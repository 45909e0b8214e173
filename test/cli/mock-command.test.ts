// admin-keys mock in this process (run() with a stop signal the test sends): its refusals, each
// in the words of the flag that caused it; its listen failures; the log line per request; and
// --state written after exactly the changes (a create, a delete, a created key's use), never after
// a read, with a failed write said once per kind of failure while the server goes on answering.
import { mkdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import net from "node:net";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { COMMANDS } from "../../src/cli/args.js";
import { MOCK_STATE_FORMAT } from "../../src/cli/mock-state.js";
import { startMockInProcess } from "../helpers/mock-in-process.js";
import { cli } from "./helpers.js";
import { tempFolder } from "../helpers/temp-folder.js";

const temp = tempFolder("admin-keys-mock-command-", { stem: "state", extension: ".json" });
const folder = temp.path;
const fresh = (): string => temp.fresh();
const stopAtOnce = Promise.resolve<NodeJS.Signals>("SIGINT");
const KEY = "sk-admin-local-mock-key";
const USAGE = COMMANDS.mock.usage;

interface StateFile {
  keys: { id: string; name?: string; last_used_at?: number | null }[];
  secrets: Record<string, string>;
}
const stateIn = (path: string): StateFile => JSON.parse(readFileSync(path, "utf8"));

/** Creates a key through the CLI; returns its id and secret. */
async function createKey(url: string, name: string): Promise<{ id: string; value: string }> {
  const result = await cli(["create", "--name", name, "--json", "--base-url", url], { env: { OPENAI_ADMIN_KEY: KEY } });
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout);
}

describe("admin-keys mock refuses, in the terms of its flags", () => {
  it.each([
    [["--port", "70000"], "--port must be from 0 to 65535; got 70000."],
    [["--api-key", "sk-admin-own-key-123", "--any-key"], "--api-key and --any-key cannot be combined: a server that accepts any key has no key of its own."],
    [["--api-key", "has space"], "--api-key must be a non-empty string of printable ASCII without spaces; got a string with a space or a character outside printable ASCII."],
    // The emulator's own range, worded as the flag the person typed.
    [["--port", "0", "--seed", "2000000"], "--seed must be an integer from 0 to 1000000; got 2000000."],
    [["--port", "0", "--host", "", "--allow-remote"], '--host must be a non-empty string; got "".'],
  ])("%j: exit 2, the reason and the usage, nothing started", async (args, message) => {
    const result = await cli(["mock", ...args], { stop: stopAtOnce });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`error: ${message}\n\n${USAGE}`);
    expect(result.stdout).toBe("");
  });
});

describe("admin-keys mock cannot listen", () => {
  it("says the default port 4010 is in use when it is", async () => {
    // Taken here, unless something else holds it already: either way the mock cannot have it.
    const holder = net.createServer();
    await new Promise<void>((resolve) => {
      holder.once("error", () => resolve());
      holder.listen(4010, "127.0.0.1", () => resolve());
    });
    try {
      const result = await cli(["mock"], { stop: stopAtOnce });
      expect(result.code).toBe(1);
      expect(result.stderr).toBe("error: Cannot listen on 127.0.0.1:4010: the port is in use. Pick another with --port (0 picks a free one).\n");
      expect(result.stdout).toBe("");
    } finally {
      await new Promise<void>((resolve) => (holder.listening ? holder.close(() => resolve()) : resolve()));
    }
  });

  it("names the system's reason for an address this machine does not have", async () => {
    // 192.0.2.1 is TEST-NET-1: documentation only, on no interface.
    const result = await cli(["mock", "--host", "192.0.2.1", "--allow-remote", "--port", "0"], { stop: stopAtOnce });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe("error: Cannot listen on 192.0.2.1:0: EADDRNOTAVAIL.\n");
  });
});

describe("admin-keys mock serving, in process", () => {
  it("accepts only --api-key's key, logs one line per request, and stops with exit 0", async () => {
    const own = "sk-admin-own-key-123";
    const server = await startMockInProcess(["--port", "0", "--seed", "1", "--api-key", own]);
    const { url } = server;
    expect(server.stdout()).toBe(
      `admin-keys mock: listening at ${url} with 1 key.\nIn another terminal:\n  export OPENAI_ADMIN_KEY=${own}\n  admin-keys list --base-url ${url}\nCtrl-C stops it.\n\n`,
    );
    const listed = await cli(["list", "--jsonl", "--base-url", url], { env: { OPENAI_ADMIN_KEY: own } });
    expect(listed.stdout.trimEnd().split("\n")).toHaveLength(1);
    const refused = await cli(["list", "--base-url", url], { env: { OPENAI_ADMIN_KEY: KEY } });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^error: 401 AuthenticationError: /);
    const log = server.stdout().split("\n").slice(6, 8);
    expect(log).toEqual([
      expect.stringMatching(/^GET \/v1\/organization\/admin_api_keys 200 req_[0-9a-f]{32}$/),
      expect.stringMatching(/^GET \/v1\/organization\/admin_api_keys 401 req_[0-9a-f]{32}$/),
    ]);
    expect(await server.stop("SIGTERM")).toBe(0);
    expect(server.stdout().endsWith("\nStopping (SIGTERM)…\nStopped.\n")).toBe(true);
    expect(server.stderr()).toBe("");
  });
});

describe("admin-keys mock --state, in process", () => {
  it("rewrites the file after a create, a delete and a created key's use, never after a read", async () => {
    const path = fresh();
    const server = await startMockInProcess(["--port", "0", "--state", path]);
    const { url } = server;
    expect(server.stdout()).toContain(`with 0 keys (saved to ${path}).\n`);
    expect(stateIn(path)).toEqual({ format: MOCK_STATE_FORMAT, version: 1, keys: [], secrets: {} });

    const kept = await createKey(url, "kept");
    const gone = await createKey(url, "gone");
    expect(stateIn(path).secrets).toEqual({ [kept.id]: kept.value, [gone.id]: gone.value });

    // A read with the server's own key changes nothing: the file is not replaced.
    const before = statSync(path).ino;
    const read = await cli(["get", kept.id, "--base-url", url], { env: { OPENAI_ADMIN_KEY: KEY } });
    expect(read.code).toBe(0);
    expect(statSync(path).ino).toBe(before);

    // A request made with a created key's own secret sets its last use, which is saved.
    const used = await cli(["get", kept.id, "--base-url", url], { env: { OPENAI_ADMIN_KEY: kept.value } });
    expect(used.code).toBe(0);
    expect(stateIn(path).keys.find((key) => key.id === kept.id)?.last_used_at).toEqual(expect.any(Number));

    const deleted = await cli(["delete", gone.id, "--yes", "--base-url", url], { env: { OPENAI_ADMIN_KEY: KEY } });
    expect(deleted.code).toBe(0);
    expect(stateIn(path).keys.map((key) => key.id)).toEqual([kept.id]);
    expect(stateIn(path).secrets).toEqual({ [kept.id]: kept.value });
    expect(statSync(path).mode & 0o777).toBe(0o600);
    // The deleted key is no longer watched: a read after the delete changes nothing either.
    const afterDelete = statSync(path).ino;
    expect((await cli(["list", "--base-url", url], { env: { OPENAI_ADMIN_KEY: KEY } })).code).toBe(0);
    expect(statSync(path).ino).toBe(afterDelete);

    expect(await server.stop()).toBe(0);
    expect(server.stdout().endsWith(`\nStopping (SIGINT)…\nStopped; 1 key saved to ${path}.\n`)).toBe(true);
    expect(server.stderr()).toBe("");
  });

  it("says once per kind of failure that the file cannot be written, and goes on answering", async () => {
    const sub = temp.fresh("sub", "");
    mkdirSync(sub);
    const path = join(sub, "state.json");
    const server = await startMockInProcess(["--port", "0", "--state", path]);
    const { url } = server;
    const warning = `warning: Could not write the state file ${path}: ENOENT. The keys in memory are unchanged.\n`;

    rmSync(sub, { recursive: true });
    await createKey(url, "one");
    expect(server.stderr()).toBe(warning);
    await createKey(url, "two");
    // The same failure again: not said again.
    expect(server.stderr()).toBe(warning);

    mkdirSync(sub);
    const three = await createKey(url, "three");
    // Written again, whole: every key in memory, the ones of the failed writes included.
    expect(stateIn(path).keys.map((key) => key.name).sort()).toEqual(["one", "three", "two"]);
    expect(stateIn(path).secrets[three.id]).toBe(three.value);

    // After a write that worked, a new failure is said again.
    rmSync(sub, { recursive: true });
    await createKey(url, "four");
    expect(server.stderr()).toBe(warning + warning);

    mkdirSync(sub);
    expect(await server.stop()).toBe(0);
    expect(server.stdout().endsWith(`Stopped; 4 keys saved to ${path}.\n`)).toBe(true);
    expect(stateIn(path).keys).toHaveLength(4);
  });

  const loop = join(folder, "loop.json");
  symlinkSync(loop, loop);
  it.each([
    ["a folder", () => folder, "it is a folder"],
    ["a link to itself", () => loop, "it cannot be read (ELOOP)"],
    ["a state file of another version", () => write(JSON.stringify({ format: MOCK_STATE_FORMAT, version: 2, keys: [] })), "its version is 2; this admin-keys reads version 1"],
    ["a record without an id", () => write(JSON.stringify({ format: MOCK_STATE_FORMAT, version: 1, keys: [{ id: "key_a" }, { name: "x" }] })), 'keys[1] is not a key record with an "id"'],
  ])("refuses %s, naming it, exit 1, nothing started", async (_case, prepare, why) => {
    const path = prepare();
    const result = await cli(["mock", "--port", "0", "--state", path], { stop: stopAtOnce });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(`error: Cannot use the state file ${path}: ${why}. It was left as it is; fix it, move it away, or pass another --state file.\n`);
    expect(result.stdout).toBe("");
  });

  function write(text: string): string {
    const path = fresh();
    writeFileSync(path, text);
    return path;
  }
});
