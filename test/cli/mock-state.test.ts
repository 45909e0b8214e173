// The --state file of admin-keys mock, in process: what is refused (and left untouched), how it
// is written (atomically, mode 0600, keeping created keys' secrets), and the mock command's own
// refusals, run through run() with a stop signal that comes at once.
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { networkInterfaces, tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { MOCK_STATE_FORMAT, loadMockState, saveMockState } from "../../src/cli/mock-state.js";
import { startMockServer } from "../../src/testing/index.js";
import { cli } from "./helpers.js";

const folder = mkdtempSync(join(tmpdir(), "admin-keys-state-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
let files = 0;
const fresh = (): string => join(folder, `state-${++files}.json`);
const now = Promise.resolve<NodeJS.Signals>("SIGINT");

describe("loadMockState", () => {
  it("gives undefined for a file that does not exist yet", async () => {
    expect(await loadMockState(fresh())).toBeUndefined();
  });

  it.each([
    ["not JSON", "nope", "it is not valid JSON ("],
    ["an array", "[]", 'it is not an admin-keys mock state file (no "format": "admin-keys mock state")'],
    ["keys not an array", JSON.stringify({ format: MOCK_STATE_FORMAT, version: 1, keys: {} }), '"keys" is not an array'],
    ["secrets not an object", JSON.stringify({ format: MOCK_STATE_FORMAT, version: 1, keys: [], secrets: [] }), '"secrets" is not an object'],
    ["a secret not a string", JSON.stringify({ format: MOCK_STATE_FORMAT, version: 1, keys: [], secrets: { key_a: 1 } }), 'secrets["key_a"] is not a string'],
  ])("refuses %s, naming the file", async (_case, text, why) => {
    const path = fresh();
    writeFileSync(path, text);
    await expect(loadMockState(path)).rejects.toThrow(`Cannot use the state file ${path}: ${why}`);
    expect(readFileSync(path, "utf8")).toBe(text);
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

  it("refuses to start when the state file's folder cannot take it", async () => {
    const result = await cli(["mock", "--port", "0", "--state", join(folder, "missing", "state.json")], { stop: now });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("Could not write the state file");
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
