// admin-keys mock: the local server in the foreground as a real child process, stopped cleanly by
// SIGINT and SIGTERM (exit 0, port closed); --state keeping the keys across a restart and refusing
// a file it cannot use, without touching it; loopback unless told otherwise.
import { chmodSync, readFileSync, statSync, writeFileSync } from "node:fs";
import net from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { startMockServer } from "../../src/testing/index.js";
import { startMockInProcess } from "../helpers/mock-in-process.js";
import { type MockProcess, runMockToExit, startMockProcess } from "../helpers/mock-process.js";
import { cli } from "./helpers.js";
import { tempFolder } from "../helpers/temp-folder.js";

const temp = tempFolder("admin-keys-mock-", { stem: "state", extension: ".json" });
const folder = temp.path;
const fresh = (): string => temp.fresh();

const running: MockProcess[] = [];
afterEach(() => {
  for (const mock of running.splice(0)) if (mock.child.exitCode === null) mock.child.kill("SIGKILL");
});
async function mock(args: string[]): Promise<MockProcess> {
  const started = await startMockProcess(["--port", "0", ...args]);
  running.push(started);
  return started;
}

const KEY = "sk-admin-local-mock-key";
const list = async (url: string, key = KEY): Promise<string[]> => {
  const result = await cli(["list", "--all", "--jsonl", "--base-url", url], { env: { OPENAI_ADMIN_KEY: key } });
  expect(result.stderr).toBe("");
  return result.stdout.trimEnd().split("\n").filter((line) => line !== "").map((line) => JSON.parse(line).id);
};

/** Whether something accepts connections on the port. */
function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    socket.once("connect", () => (socket.destroy(), resolve(true)));
    socket.once("error", () => resolve(false));
  });
}

describe("admin-keys mock as a child process", () => {
  it.each(["SIGINT", "SIGTERM"] as const)("prints the URL and the key, serves the CLI, and stops on %s with exit 0, its port closed", async (signal) => {
    const server = await mock(["--seed", "5"]);
    expect(server.stdout()).toContain(`admin-keys mock: listening at ${server.url} with 5 keys.\nIn another terminal:\n  export OPENAI_ADMIN_KEY=${KEY}\n  admin-keys list --base-url ${server.url}\nCtrl-C stops it.\n`);
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
    expect(await list(server.url)).toHaveLength(5);
    // One log line per request.
    expect(server.stdout()).toMatch(/GET \/v1\/organization\/admin_api_keys 200 req_\w+\n/);
    const exit = await server.stop(signal);
    expect(exit).toEqual({ code: 0, signal: null });
    expect(server.stdout()).toContain(`Stopping (${signal})…\nStopped.\n`);
    expect(server.stderr()).toBe("");
    expect(await listening(server.port)).toBe(false);
  });

  it("accepts only --api-key's key, or any key with --any-key", async () => {
    const own = await mock(["--api-key", "sk-admin-my-own-key-123"]);
    expect(own.stdout()).toContain("export OPENAI_ADMIN_KEY=sk-admin-my-own-key-123\n");
    expect(await list(own.url, "sk-admin-my-own-key-123")).toEqual([]);
    const refused = await cli(["list", "--base-url", own.url], { env: { OPENAI_ADMIN_KEY: KEY } });
    expect(refused.code).toBe(1);
    const any = await mock(["--any-key", "--seed", "2"]);
    expect(any.stdout()).toContain(`Any bearer key is accepted; for example, in another terminal:\n  export OPENAI_ADMIN_KEY=${KEY}\n`);
    expect(await list(any.url, "sk-admin-whatever-you-like")).toHaveLength(2);
  });

  it("refuses a host that is not loopback unless --allow-remote", async () => {
    const refused = await runMockToExit(["--host", "0.0.0.0", "--port", "0"]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/^error: Refusing to listen on 0\.0\.0\.0: it is not a loopback address, so anyone who can reach it could use the server and its key\. Pass --allow-remote to do it anyway\.\n\nUsage: admin-keys mock/);
    const allowed = await mock(["--host", "0.0.0.0", "--allow-remote"]);
    expect(allowed.url).toMatch(/^http:\/\/0\.0\.0\.0:\d+\/v1$/);
    expect(await allowed.stop()).toEqual({ code: 0, signal: null });
  });

  it("says which port is in use", async () => {
    const other = await startMockServer();
    try {
      const port = new URL(other.url).port;
      const result = await runMockToExit(["--port", port]);
      expect(result.code).toBe(1);
      expect(result.stderr).toBe(`error: Cannot listen on 127.0.0.1:${port}: the port is in use. Pick another with --port (0 picks a free one).\n`);
    } finally {
      await other.close();
    }
  });

  it.each([
    [["--api-key", "k1", "--any-key"], "error: --api-key and --any-key cannot be combined"],
    [["--port", "70000"], "error: --port must be from 0 to 65535; got 70000."],
    [["--seed", "many"], 'error: --seed must be a whole number; got "many".'],
    // The rest of the message is the emulator's own.
    [["--api-key", "has space"], "error: --api-key must be a non-empty string of printable ASCII"],
  ])("refuses %j as a usage error", async (args, message) => {
    const result = await runMockToExit(["--port", "0", ...args]);
    expect(result.code).toBe(2);
    expect(result.stderr.startsWith(message)).toBe(true);
  });
});

describe("admin-keys mock --state", () => {
  it("keeps the keys across a restart: written on each change, loaded at start, mode 0600", async () => {
    const state = fresh();
    const first = await mock(["--seed", "3", "--state", state]);
    expect(first.stdout()).toContain(`with 3 keys (saved to ${state}).`);
    const seeded = await list(first.url);
    const created = await cli(["create", "--name", "kept", "--json", "--base-url", first.url], { env: { OPENAI_ADMIN_KEY: KEY } });
    const id: string = JSON.parse(created.stdout).id;
    const removed = await cli(["delete", seeded[0] ?? "", "--yes", "--base-url", first.url], { env: { OPENAI_ADMIN_KEY: KEY } });
    expect(removed.code).toBe(0);
    // Written as each change was answered, before any shutdown.
    const written = JSON.parse(readFileSync(state, "utf8"));
    expect(written.keys.map((key: { id: string }) => key.id)).toEqual([...seeded.slice(1), id]);
    expect(statSync(state).mode & 0o777).toBe(0o600);
    expect(await first.stop()).toEqual({ code: 0, signal: null });
    expect(first.stdout()).toContain(`Stopped; 3 keys saved to ${state}.\n`);

    const second = await mock(["--seed", "50", "--state", state]);
    expect(second.stdout()).toContain(`with 3 keys (loaded from ${state}).\n--seed was ignored: the keys come from the state file.\n`);
    expect(await list(second.url)).toEqual([...seeded.slice(1), id]);
    const kept = await cli(["get", id, "--json", "--base-url", second.url], { env: { OPENAI_ADMIN_KEY: KEY } });
    expect(JSON.parse(kept.stdout)).toMatchObject({ id, name: "kept" });
    expect(await second.stop()).toEqual({ code: 0, signal: null });
  });

  it("saves a created key's use: its last_used_at survives the restart", async () => {
    const state = fresh();
    const first = await mock(["--state", state]);
    const created = JSON.parse((await cli(["create", "--name", "used", "--json", "--base-url", first.url], { env: { OPENAI_ADMIN_KEY: KEY } })).stdout);
    // A request made with the new key sets its last use.
    await cli(["get", created.id, "--base-url", first.url], { env: { OPENAI_ADMIN_KEY: created.value } });
    const saved = JSON.parse(readFileSync(state, "utf8")).keys.find((key: { id: string }) => key.id === created.id);
    expect(saved.last_used_at).toEqual(expect.any(Number));
    await first.stop();
    const second = await mock(["--state", state]);
    const shown = await cli(["get", created.id, "--json", "--base-url", second.url], { env: { OPENAI_ADMIN_KEY: KEY } });
    expect(JSON.parse(shown.stdout).last_used_at).toBe(saved.last_used_at);
    await second.stop();
  });

  it("a key created before a restart still authenticates after it, with its own secret", async () => {
    const state = fresh();
    const first = await mock(["--state", state]);
    const created = JSON.parse((await cli(["create", "--name", "survivor", "--json", "--base-url", first.url], { env: { OPENAI_ADMIN_KEY: KEY } })).stdout);
    await first.stop();
    const second = await mock(["--state", state]);
    // The new key, not the server's own, makes this request.
    const withNewKey = await cli(["get", created.id, "--json", "--base-url", second.url], { env: { OPENAI_ADMIN_KEY: created.value } });
    expect(withNewKey.code).toBe(0);
    expect(JSON.parse(withNewKey.stdout)).toMatchObject({ id: created.id, name: "survivor" });
    expect(JSON.parse(withNewKey.stdout)).not.toHaveProperty("secret");
    const wrong = await cli(["get", created.id, "--base-url", second.url], { env: { OPENAI_ADMIN_KEY: `${created.value}x` } });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain("401");
    await second.stop();
  });

  it.each([
    ["a file that is not JSON", "{ not json", "it is not valid JSON ("],
    ["JSON that is not a state file", '{"keys": []}', 'it is not an admin-keys mock state file (no "format": "admin-keys mock state")'],
    ["a state file of another version", '{"format": "admin-keys mock state", "version": 9, "keys": []}', "its version is 9; this admin-keys reads version 1"],
    ["a record without an id", '{"format": "admin-keys mock state", "version": 1, "keys": [{"name": "x"}]}', 'keys[0] is not a key record with an "id"'],
    // The emulator's own check, in its words, after the file's name.
    ["a record the server refuses", '{"format": "admin-keys mock state", "version": 1, "keys": [{"id": "key_a", "created_at": "yesterday"}]}', "keys[0] "],
  ])("refuses %s, naming it, and leaves it exactly as it was", async (_case, text, why) => {
    const state = fresh();
    writeFileSync(state, text);
    const before = statSync(state).mtimeMs;
    const result = await runMockToExit(["--port", "0", "--state", state]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`error: Cannot use the state file ${state}: ${why}`);
    if (_case === "a record the server refuses") expect(result.stderr).toContain("created_at");
    expect(result.stderr).toContain("It was left as it is; fix it, move it away, or pass another --state file.\n");
    expect(result.stdout).toBe("");
    expect(readFileSync(state, "utf8")).toBe(text);
    expect(statSync(state).mtimeMs).toBe(before);
  });

  it("refuses a state file it cannot read", async () => {
    if (process.getuid?.() === 0) return; // root reads anything
    const state = fresh();
    writeFileSync(state, "{}");
    chmodSync(state, 0o000);
    const result = await runMockToExit(["--port", "0", "--state", state]);
    chmodSync(state, 0o600);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`Cannot use the state file ${state}: it cannot be read (EACCES)`);
  });

  it("refuses a folder as the state file", async () => {
    const result = await runMockToExit(["--port", "0", "--state", folder]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`Cannot use the state file ${folder}: it is a folder.`);
  });
});

describe("admin-keys mock in process", () => {
  it("runs until the io's stop signal, then closes", async () => {
    const state = fresh();
    const mock = await startMockInProcess(["--port", "0", "--seed", "4", "--state", state]);
    expect(await list(mock.url)).toHaveLength(4);
    expect(await mock.stop("SIGTERM")).toBe(0);
    expect(mock.stdout()).toContain("Stopping (SIGTERM)…\nStopped; 4 keys saved to");
    expect(await listening(Number(new URL(mock.url).port))).toBe(false);
  });
});
