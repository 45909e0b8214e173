// admin-keys demo against servers the default demo never meets, in process: an organization with
// no keys, pages without first_id and last_id (optional in the API) holding a key without a name,
// a rotation refused at its create (the demo deletes the key it made), and a retrieve whose
// answer holds a secret (called out, never printed).
import type { ServerResponse } from "node:http";
import { describe, expect, it } from "vitest";
import { type ScriptedServer, keyObject, scriptedServerFactory, sendError, sendJson } from "../helpers/scripted-server.js";
import { serverFactory } from "../testing/helpers.js";
import { cli } from "./helpers.js";

const start = serverFactory();
const ADMIN_KEY = "sk-admin-test-key-123";
const PATH = "/v1/organization/admin_api_keys";

const script = scriptedServerFactory();

const skipped = [
  "3. Skipping create, retrieve, rotate and delete: this is not the local server. Pass --yes to",
  "   create a key that expires in an hour, rotate it, and delete the rotated key.",
];

describe("admin-keys demo --base-url, reading only", () => {
  it("an organization without keys: one empty page, no findings", async () => {
    const server = await start();
    const result = await cli(["demo", "--base-url", server.url], { env: { OPENAI_ADMIN_KEY: server.apiKey } });
    expect(result.code).toBe(0);
    expect(result.stdout.split("\n")).toEqual([
      `Talking to ${server.url} with the key in OPENAI_ADMIN_KEY.`,
      "",
      "1. List every key, 100 per page, following the cursor:",
      "   page 1: 0 keys (last page)",
      "   0 keys in 1 request.",
      "",
      "2. Audit every key, page by page (auditKeys; the CLI's admin-keys audit):",
      "   policy: unused for more than 90 days; never expires; expires within 14 days (or has expired); older than 180 days",
      "   0 findings in 0 keys. The first 0:",
      "   admin-keys audit exits 3 when it finds something, so CI can gate on it.",
      "",
      ...skipped,
      "",
      "7. Retrieve a key that does not exist, and catch the NotFoundError:",
      expect.stringMatching(/^ {3}NotFoundError 404: No admin API key found with ID 'key_admin_keys_demo_missing'\. \(request req_[0-9a-f]{32}\)$/),
      "",
    ]);
    expect(server.requests.count("admin-api-keys-list")).toBe(2);
    expect(server.requests.count()).toBe(3);
  });

  it("pages without first_id and last_id: the span from the page's own keys; a key without a name shows a dash", async () => {
    const server = await script((request, res) => {
      if (request.url.startsWith(`${PATH}?`)) return sendJson(res, 200, { object: "list", data: [{ ...keyObject("key_a"), name: undefined }, keyObject("key_b", "B")], has_more: false });
      return sendError(res, 404, { message: "No such key." });
    });
    const result = await cli(["demo", "--base-url", server.baseUrl], { env: { OPENAI_ADMIN_KEY: ADMIN_KEY } });
    expect(result.code).toBe(0);
    const lines = result.stdout.split("\n");
    expect(lines[3]).toBe("   page 1: 2 keys, key_a … key_b (last page)");
    // Five of the six findings are shown, then the note on the exit code.
    expect(lines.slice(8, 15)).toEqual([
      expect.stringMatching(/^ {3}6 findings in 2 keys: 2 unused, 2 no-expiry, 2 old\. The first 5:$/),
      expect.stringMatching(/^ {3}key_a {2}- {21}Test {12}unused {5}never used; created \d+ days ago$/),
      "   key_a  -                     Test            no-expiry  never expires",
      expect.stringMatching(/^ {3}key_a {2}- {21}Test {12}old {8}created \d+ days ago$/),
      expect.stringMatching(/^ {3}key_b {2}B {21}Test {12}unused /),
      "   key_b  B                     Test            no-expiry  never expires",
      "   admin-keys audit exits 3 when it finds something, so CI can gate on it.",
    ]);
    expect(lines.slice(-3)).toEqual(["7. Retrieve a key that does not exist, and catch the NotFoundError:", "   NotFoundError 404: No such key. (request unknown)", ""]);
    expect(server.requests.map((request) => request.method)).toEqual(["GET", "GET", "GET"]);
  });
});

describe("admin-keys demo --base-url, pages as the API may send them", () => {
  const NOW = Date.UTC(2026, 0, 15, 12);
  const nowSeconds = NOW / 1000;
  /** A key no rule of the default policy finds: a day old, used an hour ago, expiring in 30 days. */
  const fresh = (id: string | undefined): Record<string, unknown> => ({
    ...keyObject(id ?? "unnamed"),
    id,
    created_at: nowSeconds - 86_400,
    last_used_at: nowSeconds - 3_600,
    expires_at: nowSeconds + 30 * 86_400,
  });
  /** Serves `pages` in turn, the first without `after`, the next ones after `cursors` (in order); every retrieve with `retrieve`. */
  async function pagedServer(pages: Record<string, unknown>[], cursors: string[], retrieve: (res: ServerResponse) => void): Promise<ScriptedServer> {
    return script((request, res) => {
      if (!request.url.startsWith(`${PATH}?`)) return retrieve(res);
      const after = new URL(request.url, "http://x").searchParams.get("after");
      const page = pages[after === null ? 0 : cursors.indexOf(after) + 1];
      return page === undefined ? sendError(res, 400, { message: `unexpected after=${String(after)}` }) : sendJson(res, 200, { object: "list", ...page });
    });
  }

  it("no first_id and last_id: the span from the page's own first and last keys, none when either has no id; one finding, singular; a missing key found after all", async () => {
    const server = await pagedServer(
      [
        { data: [fresh("key_a"), fresh("key_b"), fresh("key_c")], has_more: true },
        // The first key has no id: no span, and the next cursor is the last key's id.
        { data: [fresh(undefined), { ...fresh("key_d"), expires_at: null }], has_more: true },
        // The last key has no id.
        { data: [fresh("key_e"), fresh(undefined)], has_more: false },
      ],
      ["key_c", "key_d"],
      (res) => sendJson(res, 200, keyObject("key_admin_keys_demo_missing")),
    );
    const result = await cli(["demo", "--base-url", server.baseUrl], { env: { OPENAI_ADMIN_KEY: ADMIN_KEY }, now: NOW });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout.split("\n")).toEqual([
      `Talking to ${server.baseUrl} with the key in OPENAI_ADMIN_KEY.`,
      "",
      "1. List every key, 100 per page, following the cursor:",
      "   page 1: 3 keys, key_a … key_c",
      "   page 2: 2 keys",
      "   page 3: 2 keys (last page)",
      "   7 keys in 3 requests.",
      "",
      "2. Audit every key, page by page (auditKeys; the CLI's admin-keys audit):",
      "   policy: unused for more than 90 days; never expires; expires within 14 days (or has expired); older than 180 days",
      "   1 finding in 7 keys: 1 no-expiry. The first 1:",
      "   key_d  Key key_d             Test            no-expiry  never expires",
      "   admin-keys audit exits 3 when it finds something, so CI can gate on it.",
      "",
      ...skipped,
      "",
      "7. Retrieve a key that does not exist, and catch the NotFoundError:",
      "   unexpectedly found it.",
      "",
    ]);
    expect(server.requests.map((request) => request.url)).toEqual([
      ...[`${PATH}?limit=100`, `${PATH}?limit=100&after=key_c`, `${PATH}?limit=100&after=key_d`],
      ...[`${PATH}?limit=100`, `${PATH}?limit=100&after=key_c`, `${PATH}?limit=100&after=key_d`],
      `${PATH}/key_admin_keys_demo_missing`,
    ]);
  });

  it("an empty page that names a first_id and a last_id all the same: no span", async () => {
    const server = await pagedServer([{ data: [], first_id: "key_x", last_id: "key_y", has_more: false }], [], (res) => sendError(res, 404, { message: "No such key." }));
    const result = await cli(["demo", "--base-url", server.baseUrl], { env: { OPENAI_ADMIN_KEY: ADMIN_KEY }, now: NOW });
    expect(result.code).toBe(0);
    expect(result.stdout.split("\n").slice(2, 5)).toEqual(["1. List every key, 100 per page, following the cursor:", "   page 1: 0 keys (last page)", "   0 keys in 1 request."]);
  });
});

describe("admin-keys demo --base-url --yes", () => {
  it("a rotation refused at its create: the demo deletes the key it made, and exits 1", async () => {
    const server = await start({ seed: 2 });
    const before = server.store.list().map((key) => key.id);
    // The demo's own create goes through; the rotation's is refused.
    server.faults.add("admin-api-keys-create", { kind: "delay", ms: 0 });
    server.faults.add("admin-api-keys-create", { kind: "status", status: 403 });
    const result = await cli(["demo", "--base-url", server.url, "--yes"], { env: { OPENAI_ADMIN_KEY: server.apiKey } });
    expect(result.code).toBe(1);
    const id = /created (key_[0-9a-f]{16}) \(admin-keys demo\)/.exec(result.stdout)?.[1] ?? "";
    expect(id).not.toBe("");
    expect(result.stdout.endsWith(`   the rotation stopped at create; the demo deleted its key ${id}.\n`)).toBe(true);
    expect(result.stderr).toMatch(/^error: Rotating key_\w+ stopped at create: creating the new key failed \(403 PermissionDeniedError: /);
    // Nothing of the demo's is left; the organization's own keys are untouched.
    expect(server.store.list().map((key) => key.id)).toEqual(before);
    expect(server.requests.count("admin-api-keys-create")).toBe(2);
    expect(server.requests.count("admin-api-keys-delete")).toBe(1);
  });

  /**
   * A server that keeps the demo's two keys (key_demo, then key_rotated) until they are deleted,
   * answering retrieves of key_demo with `demoRecord` added to the record, the create of
   * key_rotated with `rotatedCreate` added, and every delete with `deleted`.
   */
  async function demoServer(
    demoRecord: Record<string, unknown>,
    { rotatedCreate = {}, deletedAnswer = true }: { rotatedCreate?: Record<string, unknown>; deletedAnswer?: boolean } = {},
  ): Promise<{ server: ScriptedServer; secrets: string[]; deleted: Set<string> }> {
    const secrets = ["sk-admin-demo-first-secret-0123456789abcdef", "sk-admin-demo-second-secret-0123456789abcdef"];
    const deleted = new Set<string>();
    let creates = 0;
    const server = await script((request, res) => {
      const id = request.url.slice(PATH.length + 1);
      if (request.url.startsWith(`${PATH}?`)) return sendJson(res, 200, { object: "list", data: [], has_more: false });
      if (request.method === "POST") {
        const made = creates++ === 0 ? "key_demo" : "key_rotated";
        return sendJson(res, 200, { ...keyObject(made, JSON.parse(request.body).name), value: made === "key_demo" ? secrets[0] : secrets[1], ...(made === "key_rotated" ? rotatedCreate : {}) });
      }
      if (request.method === "DELETE") {
        deleted.add(id);
        // The rotation's delete of key_demo must be confirmed for the rotation to finish; the answer
        // under test is the demo's own delete of key_rotated.
        return sendJson(res, 200, { object: "organization.admin_api_key.deleted", id, deleted: id === "key_rotated" ? deletedAnswer : true });
      }
      if (deleted.has(id)) return sendError(res, 404, { message: `No admin API key found with ID '${id}'.` });
      return sendJson(res, 200, { ...keyObject(id, "admin-keys demo"), ...(id === "key_demo" ? demoRecord : {}) });
    });
    return { server, secrets, deleted };
  }

  it("a retrieve whose answer holds a secret: called out, and the secret printed nowhere", async () => {
    const { server, secrets, deleted } = await demoServer({ value: "sk-admin-demo-first-secret-0123456789abcdef" });
    const result = await cli(["demo", "--base-url", server.baseUrl, "--yes"], { env: { OPENAI_ADMIN_KEY: ADMIN_KEY } });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("\n4. Retrieve key_demo:\n   admin-keys demo: created ");
    expect(result.stdout).toContain("\n   the answer holds a secret (unexpected!).\n");
    for (const secret of secrets) expect(result.stdout + result.stderr).not.toContain(secret);
    // The rotated key was verified with its own secret.
    const verify = server.requests.find((request) => request.method === "GET" && request.url === `${PATH}/key_rotated`);
    expect(verify?.headers.authorization).toBe(`Bearer ${secrets[1]}`);
    expect([...deleted]).toEqual(["key_demo", "key_rotated"]);
  });

  it("a record of its key without the name: the rotation still names the new key, and both keys are deleted", async () => {
    const { server, deleted } = await demoServer({ name: null });
    const result = await cli(["demo", "--base-url", server.baseUrl, "--yes"], { env: { OPENAI_ADMIN_KEY: ADMIN_KEY } });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("\n4. Retrieve key_demo:\n   -: created ");
    const creates = server.requests.filter((request) => request.method === "POST").map((request) => JSON.parse(request.body));
    expect(creates).toEqual([
      { name: "admin-keys demo", expires_in_seconds: 3600 },
      { name: "admin-keys demo", expires_in_seconds: 3600 },
    ]);
    expect([...deleted]).toEqual(["key_demo", "key_rotated"]);
  });
  it("a delete answered with deleted: false is shown as such, and the last retrieve asks for the deleted key", async () => {
    const { server, deleted } = await demoServer({}, { deletedAnswer: false });
    const result = await cli(["demo", "--base-url", server.baseUrl, "--yes"], { env: { OPENAI_ADMIN_KEY: ADMIN_KEY } });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout.split("\n").slice(-6)).toEqual([
      "6. Delete key_rotated, the rotated key:",
      "   deleted: false",
      "",
      "7. Retrieve the deleted key, and catch the NotFoundError:",
      "   NotFoundError 404: No admin API key found with ID 'key_rotated'. (request unknown)",
      "",
    ]);
    expect([...deleted]).toEqual(["key_demo", "key_rotated"]);
  });

  it("a rotated key whose expiry no Date can hold: the rotation says so in words and goes on, both keys deleted", async () => {
    const { server, deleted } = await demoServer({}, { rotatedCreate: { expires_at: 1e20 } });
    const result = await cli(["demo", "--base-url", server.baseUrl, "--yes"], { env: { OPENAI_ADMIN_KEY: ADMIN_KEY } });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("   2. create    created key_rotated (admin-keys demo), which expires at a time that is not a date (100000000000000000000)\n");
    expect([...deleted]).toEqual(["key_demo", "key_rotated"]);
  });
});
