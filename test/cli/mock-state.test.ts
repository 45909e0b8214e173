// The --state file of admin-keys mock, in process: what is refused (and left untouched), how it
// is written (atomically, mode 0600, keeping created keys' secrets), and the mock command's own
// refusals, run through run() with a stop signal that comes at once.
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { networkInterfaces } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { MOCK_STATE_FORMAT, loadMockState, saveMockState } from "../../src/cli/mock-state.js";
import { CliError } from "../../src/cli/report.js";
import { startMockServer } from "../../src/testing/index.js";
import { cli } from "./helpers.js";
import { tempFolder } from "../helpers/temp-folder.js";

const temp = tempFolder("admin-keys-state-", { stem: "state", extension: ".json" });
const folder = temp.path;
const fresh = (): string => temp.fresh();
const now = Promise.resolve<NodeJS.Signals>("SIGINT");

describe("loadMockState", () => {
  it("gives undefined for a file that does not exist yet", async () => {
    expect(await loadMockState(fresh())).toBeUndefined();
  });

  const notStateFile = 'it is not an admin-keys mock state file (no "format": "admin-keys mock state")';
  const state = (fields: Record<string, unknown>): string => JSON.stringify({ format: MOCK_STATE_FORMAT, version: 1, keys: [], ...fields });
  it.each([
    ["not JSON", "nope", `it is not valid JSON (${jsonError("nope")})`],
    ["an array", "[]", notStateFile],
    ["null", "null", notStateFile],
    ["JSON of something else", '{"keys": []}', notStateFile],
    ["keys not an array", state({ keys: {} }), '"keys" is not an array'],
    ["a key that is null", state({ keys: [null] }), 'keys[0] is not a key record with an "id"'],
    ["secrets an array", state({ secrets: [] }), '"secrets" is not an object'],
    ["secrets a string", state({ secrets: "sk-admin-abc" }), '"secrets" is not an object'],
    ["a secret not a string", state({ secrets: { key_a: 1 } }), 'secrets["key_a"] is not a string'],
  ])("refuses %s, naming the file, and leaves it as it was", async (_case, text, why) => {
    const path = fresh();
    writeFileSync(path, text);
    const error = await loadMockState(path).then(
      () => undefined,
      (failure: unknown) => failure,
    );
    expect(error).toBeInstanceOf(CliError);
    expect(error).toHaveProperty("message", `Cannot use the state file ${path}: ${why}. It was left as it is; fix it, move it away, or pass another --state file.`);
    expect(error).toHaveProperty("exitCode", 1);
    expect(readFileSync(path, "utf8")).toBe(text);
  });

  it("reads a file without secrets as one with none", async () => {
    const path = fresh();
    writeFileSync(path, JSON.stringify({ format: MOCK_STATE_FORMAT, version: 1, keys: [{ id: "key_a" }] }));
    const loaded = await loadMockState(path);
    expect(loaded?.keys).toEqual([{ id: "key_a" }]);
    expect([...(loaded?.secrets ?? new Map([["unset", "unset"]]))]).toEqual([]);
  });

  it("reads back what saveMockState wrote: the records and the secrets", async () => {
    const server = await startMockServer({ seed: 3 });
    try {
      const path = fresh();
      saveMockState(path, server.store.list(), new Map([["key_x", "sk-admin-kept"]]));
      expect(statSync(path).mode & 0o777).toBe(0o600);
      const state = await loadMockState(path);
      expect(state?.keys).toEqual(server.store.list());
      expect([...(state?.secrets ?? [])]).toEqual([["key_x", "sk-admin-kept"]]);
      // Written whole, through a temporary file that is gone.
      expect(readdirSync(folder).filter((name) => name.startsWith("."))).toEqual([]);
    } finally {
      await server.close();
    }
  });

  it("replaces the file in one step, and says so when it cannot write", () => {
    const path = fresh();
    writeFileSync(path, "old");
    saveMockState(path, [], new Map());
    expect(JSON.parse(readFileSync(path, "utf8"))).toEqual({ format: MOCK_STATE_FORMAT, version: 1, keys: [], secrets: {} });
    expect(() => saveMockState(join(folder, "missing", "state.json"), [], new Map())).toThrow(`Could not write the state file ${join(folder, "missing", "state.json")}: ENOENT.`);
  });

  it("leaves no temporary file behind when the last step, the rename, fails", () => {
    const parent = temp.fresh("rename", "");
    const target = join(parent, "state.json");
    mkdirSync(target, { recursive: true });
    expect(() => saveMockState(target, [], new Map([["key_a", "sk-admin-must-not-linger"]]))).toThrow(new CliError(`Could not write the state file ${target}: EISDIR.`));
    // The folder in the way is untouched, and the secret is in no file left next to it.
    expect(readdirSync(parent)).toEqual(["state.json"]);
    expect(readdirSync(target)).toEqual([]);
  });

  // Linux lists a process's open files in /proc/self/fd; elsewhere there is nothing to count.
  it.skipIf(!existsSync("/proc/self/fd"))("closes the file it writes, every time", () => {
    const path = fresh();
    const open = (): number => readdirSync("/proc/self/fd").length;
    const before = open();
    for (let round = 0; round < 50; round++) saveMockState(path, [], new Map());
    // Other threads of this process may open a few files meanwhile, never one per write.
    expect(open() - before).toBeLessThan(25);
    expect(JSON.parse(readFileSync(path, "utf8"))).toEqual({ format: MOCK_STATE_FORMAT, version: 1, keys: [], secrets: {} });
  });
});

describe("admin-keys mock in process", () => {
  it("starts, saves and stops when the stop signal comes", async () => {
    const path = fresh();
    const result = await cli(["mock", "--port", "0", "--seed", "2", "--state", path], { stop: now });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^admin-keys mock: listening at http:\/\/127\.0\.0\.1:\d+\/v1 with 2 keys \(saved to /);
    expect(JSON.parse(readFileSync(path, "utf8")).keys).toHaveLength(2);
    const again = await cli(["mock", "--port", "0", "--seed", "9", "--state", path], { stop: now });
    expect(again.stdout).toContain("with 2 keys (loaded from");
    expect(again.stdout).toContain("--seed was ignored: the keys come from the state file.");
  });

  it("refuses a state file the server refuses, leaving it as it was", async () => {
    const path = fresh();
    const text = JSON.stringify({ format: MOCK_STATE_FORMAT, version: 1, keys: [{ id: "key_a" }, { id: "key_a" }] });
    writeFileSync(path, text);
    const result = await cli(["mock", "--port", "0", "--state", path], { stop: now });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(new RegExp(`^error: Cannot use the state file ${path}: keys\\[1\\]`));
    expect(readFileSync(path, "utf8")).toBe(text);
  });

  it("refuses to start when the state file's folder cannot take it, and says nothing of listening", async () => {
    const path = join(folder, "missing", "state.json");
    const result = await cli(["mock", "--port", "0", "--state", path], { stop: now });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(`error: Could not write the state file ${path}: ENOENT.\n`);
    expect(result.stdout).toBe("");
  });

  // Where the machine has no IPv6 loopback, the bracketed host is still taken as loopback, and then fails to listen.
  const ipv6 = Object.values(networkInterfaces()).some((addresses) => addresses?.some((address) => address.address === "::1"));
  it.each([
    [["--host", "192.0.2.1"], 2, "error: Refusing to listen on 192.0.2.1"],
    [["--host", "[::1]", "--port", "0"], ipv6 ? 0 : 1, ipv6 ? "admin-keys mock: listening at http://[::1]:" : "error: Cannot listen on ::1:0"],
    [["--host", "localhost", "--port", "0", "--any-key"], 0, "Any bearer key is accepted"],
  ])("%j", async (args, code, text) => {
    const result = await cli(["mock", ...args], { stop: now });
    expect(result.code).toBe(code);
    expect(result.stdout + result.stderr).toContain(text);
  });
});

/** What JSON.parse says of the text, as the refusal quotes it. */
function jsonError(text: string): string {
  try {
    JSON.parse(text);
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  throw new Error(`${text} is valid JSON`);
}
