// admin-keys mock in this process, at its edges: which hosts count as loopback (exactly
// localhost, ::1 and 127.0.0.0/8, brackets stripped only around the whole host), the flags' own
// refusals word for word, --any-key, a run without --state that keeps nothing, and a --state file
// whose secrets keep working (and keep being saved) after a restart.
import { existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { COMMANDS } from "../../src/cli/args.js";
import { MOCK_STATE_FORMAT } from "../../src/cli/mock-state.js";
import { startMockInProcess } from "../helpers/mock-in-process.js";
import { cli } from "./helpers.js";
import { tempFolder } from "../helpers/temp-folder.js";

const temp = tempFolder("admin-keys-mock-edges-", { stem: "state", extension: ".json" });
const fresh = (): string => temp.fresh();
const stopAtOnce = Promise.resolve<NodeJS.Signals>("SIGINT");
const KEY = "sk-admin-local-mock-key";
const USAGE = COMMANDS.mock.usage;

interface StateFile {
  keys: { id: string; last_used_at?: number | null }[];
  secrets: Record<string, string>;
}
const stateIn = (path: string): StateFile => JSON.parse(readFileSync(path, "utf8"));

const refusedHost = (host: string): string =>
  `Refusing to listen on ${host}: it is not a loopback address, so anyone who can reach it could use the server and its key. Pass --allow-remote to do it anyway.`;

/** Stands for the state file in a table row. */
const STATE_FILE = "<state file>";

describe("admin-keys mock refuses, word for word, and starts nothing", () => {
  const stateFile = fresh();
  it.each([
    // Loopback is the whole host: 127 and three more parts of one to three digits, nothing around it.
    [["--host", "x127.0.0.1"], refusedHost("x127.0.0.1")],
    [["--host", "127.0.0.1.example"], refusedHost("127.0.0.1.example")],
    [["--host", "127.0.0.1000"], refusedHost("127.0.0.1000")],
    // Brackets are taken off only when they hold the whole host.
    [["--host", "x[::1]"], refusedHost("x[::1]")],
    [["--host", "[::1]x"], refusedHost("[::1]x")],
    [["--port", "abc"], '--port must be a whole number; got "abc".'],
    [["--port", "65536"], "--port must be from 0 to 65535; got 65536."],
    [["--seed", "many"], '--seed must be a whole number; got "many".'],
    // With --state but no file yet, the seed is the emulator's to check, and it is the flag's fault, not the file's.
    [["--port", "0", "--seed", "2000000", "--state", STATE_FILE], "--seed must be an integer from 0 to 1000000; got 2000000."],
  ])("%j: exit 2, the reason and the usage", async (args, message) => {
    // The file's name is put in here, not in the table: a test's name must not change from run to
    // run (the mutation run picks tests by name).
    const result = await cli(["mock", ...args.map((arg) => (arg === STATE_FILE ? stateFile : arg))], { stop: stopAtOnce });
    expect(result.stderr).toBe(`error: ${message}\n\n${USAGE}`);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(existsSync(stateFile)).toBe(false);
  });
});

describe("admin-keys mock takes", () => {
  it("any address of 127.0.0.0/8, parts of up to three digits", async () => {
    const result = await cli(["mock", "--host", "127.0.0.10", "--port", "0"], { stop: stopAtOnce });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^admin-keys mock: listening at http:\/\/127\.0\.0\.10:\d+\/v1 with 0 keys\.\n/);
  });

  it("port 65535, the last one", async () => {
    const result = await cli(["mock", "--port", "65535"], { stop: stopAtOnce });
    // Not refused as a flag: it listens there, unless something else holds the port already.
    if (result.code === 0) expect(result.stdout).toMatch(/^admin-keys mock: listening at http:\/\/127\.0\.0\.1:65535\/v1 with 0 keys\.\n/);
    else expect(result.stderr).toBe("error: Cannot listen on 127.0.0.1:65535: the port is in use. Pick another with --port (0 picks a free one).\n");
  });

  it("--any-key: a request with a key it never gave is answered", async () => {
    const server = await startMockInProcess(["--port", "0", "--seed", "2", "--any-key"]);
    const { url } = server;
    expect(server.stdout()).toBe(
      `admin-keys mock: listening at ${url} with 2 keys.\nAny bearer key is accepted; for example, in another terminal:\n  export OPENAI_ADMIN_KEY=${KEY}\n  admin-keys list --base-url ${url}\nCtrl-C stops it.\n\n`,
    );
    const listed = await cli(["list", "--jsonl", "--base-url", url], { env: { OPENAI_ADMIN_KEY: "sk-admin-whatever-you-like" } });
    expect(listed.stderr).toBe("");
    expect(listed.code).toBe(0);
    expect(listed.stdout.trimEnd().split("\n")).toHaveLength(2);
    expect(await server.stop()).toBe(0);
  });
});

describe("admin-keys mock without --state", () => {
  it("creates and deletes keys, logging each request, with nothing to save and nothing to warn about", async () => {
    const server = await startMockInProcess(["--port", "0"]);
    const { url } = server;
    const created = await cli(["create", "--name", "passing", "--json", "--base-url", url], { env: { OPENAI_ADMIN_KEY: KEY } });
    expect(created.code).toBe(0);
    const { id } = JSON.parse(created.stdout);
    expect((await cli(["delete", id, "--yes", "--base-url", url], { env: { OPENAI_ADMIN_KEY: KEY } })).code).toBe(0);
    expect(server.stdout()).toMatch(/\nPOST \/v1\/organization\/admin_api_keys 200 req_[0-9a-f]{32}\n/);
    expect(server.stdout()).toContain(`\nDELETE /v1/organization/admin_api_keys/${id} 200 req_`);
    expect(await server.stop()).toBe(0);
    expect(server.stdout().endsWith("\nStopping (SIGINT)…\nStopped.\n")).toBe(true);
    expect(server.stderr()).toBe("");
  });
});

describe("admin-keys mock --state with keys of an earlier run", () => {
  const SECRET = "sk-admin-kept-from-an-earlier-run";
  function stateWith(secrets: Record<string, string>): string {
    const path = fresh();
    writeFileSync(path, JSON.stringify({ format: MOCK_STATE_FORMAT, version: 1, keys: [{ id: "key_kept", name: "kept" }], secrets }));
    return path;
  }

  it("says where they came from (no word about --seed), lets a kept secret in, saves its use at once and keeps the secret", async () => {
    const path = stateWith({ key_kept: SECRET });
    const server = await startMockInProcess(["--port", "0", "--state", path]);
    const { url } = server;
    expect(server.stdout()).toBe(
      `admin-keys mock: listening at ${url} with 1 key (loaded from ${path}).\nIn another terminal:\n  export OPENAI_ADMIN_KEY=${KEY}\n  admin-keys list --base-url ${url}\nCtrl-C stops it.\n\n`,
    );
    const used = await cli(["get", "key_kept", "--json", "--base-url", url], { env: { OPENAI_ADMIN_KEY: SECRET } });
    expect(used.stderr).toBe("");
    expect(JSON.parse(used.stdout)).toMatchObject({ id: "key_kept", name: "kept" });
    // Saved as the request was answered, not only at the stop.
    const lastUsed = stateIn(path).keys.find((key) => key.id === "key_kept")?.last_used_at;
    expect(lastUsed).toEqual(expect.any(Number));
    expect(await server.stop()).toBe(0);
    const saved = stateIn(path);
    expect(saved.secrets).toEqual({ key_kept: SECRET });
    expect(saved.keys).toEqual([expect.objectContaining({ id: "key_kept", last_used_at: lastUsed })]);
  });

  it("starts with a secret of a key the file does not hold, and saves the other keys as before", async () => {
    const path = stateWith({ key_kept: SECRET, key_elsewhere: "sk-admin-of-no-key-here" });
    const server = await startMockInProcess(["--port", "0", "--state", path]);
    expect(server.stdout()).toContain(`with 1 key (loaded from ${path}).\n`);
    const created = await cli(["create", "--name", "new", "--json", "--base-url", server.url], { env: { OPENAI_ADMIN_KEY: KEY } });
    expect(created.code).toBe(0);
    expect(stateIn(path).keys.map((key) => key.id).sort()).toEqual([JSON.parse(created.stdout).id, "key_kept"].sort());
    expect(await server.stop()).toBe(0);
    expect(server.stderr()).toBe("");
  });

  it("does not rewrite the file for a delete the server refused", async () => {
    const path = stateWith({ key_kept: SECRET });
    const server = await startMockInProcess(["--port", "0", "--state", path]);
    const before = statSync(path).ino;
    const refused = await cli(["delete", "key_missing", "--yes", "--base-url", server.url], { env: { OPENAI_ADMIN_KEY: KEY } });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^error: 404 NotFoundError: /);
    expect(server.stdout()).toMatch(/\nDELETE \/v1\/organization\/admin_api_keys\/key_missing 404 req_[0-9a-f]{32}\n$/);
    expect(statSync(path).ino).toBe(before);
    expect(stateIn(path).secrets).toEqual({ key_kept: SECRET });
    expect(await server.stop()).toBe(0);
  });
});
