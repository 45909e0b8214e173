// admin-keys create, the failures the other create tests do not reach, in process: a --secret-file
// refused before anything is sent (empty, or a path the system cannot look up), a folder gone by
// the time the key exists, a server whose answer holds no secret, and a create of unknown outcome
// whose search fails (without --json) or finds more than one candidate.
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { MockServer } from "../../src/testing/index.js";
import { keyObject, scriptedServerFactory, sendError, sendJson } from "../helpers/scripted-server.js";
import { serverFactory } from "../testing/helpers.js";
import { cli } from "./helpers.js";

const start = serverFactory();
const folder = mkdtempSync(join(tmpdir(), "admin-keys-create-failures-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
let files = 0;
const env = (server: MockServer): Record<string, string> => ({ OPENAI_ADMIN_KEY: server.apiKey });
const ADMIN_KEY = "sk-admin-test-key-123";

const script = scriptedServerFactory();

describe("create --secret-file refused before anything is sent", () => {
  const loop = join(folder, "loop");
  symlinkSync(loop, loop);
  it.each([
    ["an empty name", () => "", () => "error: --secret-file needs a file name.\n"],
    ["a path through a link to itself", () => join(loop, "x.key"), (path: string) => `error: Cannot use ${path} for the secret: ELOOP.\n`],
    ["a name longer than the system allows", () => join(folder, "x".repeat(300)), (path: string) => `error: Cannot use ${path} for the secret: ENAMETOOLONG.\n`],
  ])("%s: exit 2, no request", async (_case, pathOf, message) => {
    const server = await start();
    const path = pathOf();
    const result = await cli(["create", "--name", "vault", "--secret-file", path, "--base-url", server.url], { env: env(server) });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(message(path));
    expect(result.stdout).toBe("");
    expect(server.requests.count()).toBe(0);
  });
});

describe("create after the key exists", () => {
  it("a folder gone by the time the key exists: exit 1, the key named with the command that deletes it", async () => {
    const sub = join(folder, `gone-${++files}`);
    mkdirSync(sub);
    const path = join(sub, "ci.key");
    const server = await start({ onResponse: (record) => void (record.operationId === "admin-api-keys-create" && rmSync(sub, { recursive: true, force: true })) });
    const result = await cli(["create", "--name", "vault", "--secret-file", path, "--base-url", server.url], { env: env(server) });
    expect(result.code).toBe(1);
    const [created] = server.store.list();
    const id = created?.id ?? "";
    expect(result.stderr).toBe(
      `error: Created admin key ${id}, but nobody holds its secret: Could not write the secret to ${path}: ENOENT. Delete the key with: admin-keys delete ${id} --yes --base-url ${server.url}\n`,
    );
    expect(result.stdout).toBe("");
    expect(server.store.get(id)?.name).toBe("vault");
  });

  it.each([
    ["no value", [], {}],
    ["an empty value", [], { value: "" }],
    ["no value, with --json", ["--json"], {}],
    ["no value, with --secret-file", ["--secret-file", "SECRET_FILE"], {}],
  ])("a create answered with %s: exit 1, no secret shown or written, the command that deletes the key", async (_case, flags, extra) => {
    const server = await script((request, res) => sendJson(res, 200, { ...keyObject("key_nosecret", "vault"), ...extra }));
    const path = join(folder, `never-${++files}.key`);
    const args = flags.map((flag) => (flag === "SECRET_FILE" ? path : flag));
    const result = await cli(["create", "--name", "vault", ...args, "--base-url", server.baseUrl], { env: { OPENAI_ADMIN_KEY: ADMIN_KEY } });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `error: Created admin key key_nosecret, but the server's answer holds no secret (no "value"), so nobody holds it. Delete the key with: admin-keys delete key_nosecret --yes --base-url ${server.baseUrl}\n`,
    );
    expect(result.stdout).toBe("");
    expect(server.requests.map((request) => request.method)).toEqual(["POST"]);
    expect(statSync(path, { throwIfNoEntry: false })).toBeUndefined();
    expect(readdirSync(folder).filter((name) => name.startsWith("."))).toEqual([]);
  });
});

describe("create whose outcome is unknown, in process", () => {
  it("without --json, when the search fails too: how to look, on stderr only", async () => {
    const server = await start();
    server.faults.add("admin-api-keys-create", { kind: "commit-then-fail" });
    server.faults.add("admin-api-keys-list", { kind: "status", status: 403 });
    const result = await cli(["create", "--name", "deploy", "--base-url", server.url], { env: env(server) });
    expect(result.code).toBe(1);
    const lines = result.stderr.split("\n");
    expect(lines[0]).toMatch(/^error: 500 InternalServerError: /);
    expect(lines.slice(1, 2)).toEqual(['The create\'s outcome is unknown: a key named "deploy" may exist, and nobody holds its secret.']);
    expect(lines[2]).toMatch(/^Listing the keys to look for it failed too: 403 PermissionDeniedError: .+ \(request req_[0-9a-f]{32}\)$/);
    expect(lines.slice(3)).toEqual([`Look for it, newest first, with: admin-keys list --all --order desc --base-url ${server.url}`, ""]);
    expect(result.stdout).toBe("");
  });

  it("lists every candidate when more than one key of that name appeared while it ran, with --json too", async () => {
    const now = Math.floor(Date.now() / 1000);
    const server = await script((request, res) => {
      if (request.method === "POST") return sendError(res, 500, { message: "upstream failed", type: "server_error" });
      // Newest first: two keys named "deploy" made just now, one made before the window.
      const keys = [
        { ...keyObject("key_b", "deploy"), created_at: now },
        { ...keyObject("key_other", "other"), created_at: now },
        { ...keyObject("key_a", "deploy"), created_at: now - 1 },
        { ...keyObject("key_last_year", "deploy"), created_at: now - 365 * 86_400 },
      ];
      return sendJson(res, 200, { object: "list", data: keys, first_id: "key_b", last_id: "key_last_year", has_more: false });
    });
    const result = await cli(["create", "--name", "deploy", "--json", "--base-url", server.baseUrl], { env: { OPENAI_ADMIN_KEY: ADMIN_KEY } });
    expect(result.code).toBe(1);
    const lines = result.stderr.split("\n");
    expect(lines[0]).toBe("error: 500 InternalServerError: upstream failed");
    expect(lines.slice(2, 3)).toEqual(["These keys were created while it ran, with that name; nobody holds the secret of the one it made:"]);
    expect(lines.slice(3)).toEqual([
      expect.stringMatching(new RegExp(`^  key_b  created \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC  to delete it: admin-keys delete key_b --yes --base-url ${server.baseUrl.replaceAll(".", "\\.")}$`)),
      expect.stringMatching(/^ {2}key_a {2}created .+ UTC {2}to delete it: admin-keys delete key_a --yes --base-url /),
      "",
    ]);
    expect(JSON.parse(result.stdout)).toEqual({
      outcome: "unknown",
      possible_duplicates: [
        { id: "key_b", name: "deploy", created_at: now },
        { id: "key_a", name: "deploy", created_at: now - 1 },
      ],
    });
    // One create (never repeated), then one page of the search.
    expect(server.requests.map((request) => request.method)).toEqual(["POST", "GET"]);
  });
});
