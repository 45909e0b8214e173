// admin-keys rotate, the states the other rotate tests do not reach, in process: an old key that
// cannot be read, a delete of unknown outcome, a create of unknown outcome whose search fails too,
// a secret that cannot be handed over (its file's folder gone, or no secret in the create's
// answer), the JSON of a failure before any secret exists, the plan of each kind of dry run, and an
// old key without a name. Each checks what it prints against what the server's store holds.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import type { MockServer } from "../../src/testing/index.js";
import { type ScriptedServer, keyObject, sendJson, startServer } from "../helpers/scripted-server.js";
import { serverFactory } from "../testing/helpers.js";
import { cli } from "./helpers.js";

const start = serverFactory();
const folder = mkdtempSync(join(tmpdir(), "admin-keys-rotate-states-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
let files = 0;

const OLD = { id: "key_old", name: "CI pipeline", created_at: Math.floor(Date.now() / 1000) - 3 * 86_400 };
const SECRET = /sk-admin-[\w-]{40,}/;
const REQUEST = "\\(request req_[0-9a-f]{32}\\)";
const env = (server: MockServer): Record<string, string> => ({ OPENAI_ADMIN_KEY: server.apiKey });
const rotate = (server: MockServer, flags: string[]) => cli(["rotate", "key_old", ...flags, "--base-url", server.url], { env: env(server) });

/** The keys in the store besides the old one. */
const madeIn = (server: MockServer): string[] => server.store.list().filter((key) => key.id !== OLD.id).map((key) => key.id);

describe("admin-keys rotate: where it stops, what it says", () => {
  it("an old key that cannot be read (403): its state unknown, nothing created, the retry keeps --keep-old", async () => {
    const server = await start({ keys: [OLD] });
    server.faults.add("admin-api-keys-get", { kind: "status", status: 403 });
    const result = await rotate(server, ["--keep-old"]);
    expect(result.code).toBe(1);
    const lines = result.stderr.split("\n");
    expect(lines[0]).toMatch(new RegExp(`^error: rotating key_old stopped at step 1 of 5 \\(retrieve\\): 403 PermissionDeniedError: .+ ${REQUEST}$`));
    expect(lines.slice(1)).toEqual([
      "State of the organization now:",
      "  key_old  could not be read",
      "  no new key was created",
      "What to do:",
      `  to retry  admin-keys rotate key_old --keep-old --base-url ${server.url}    (nothing was created; rotate key_old again once the cause is fixed)`,
      "",
    ]);
    expect(result.stdout).toBe("");
    expect(server.store.createdCount).toBe(0);
  });

  it("a delete of unknown outcome (500, not retried): the old key may or may not exist, how to finish", async () => {
    const server = await start({ keys: [OLD] });
    server.faults.add("admin-api-keys-delete", { kind: "status", status: 500, headers: { "x-should-retry": "false" } });
    const result = await rotate(server, ["--yes"]);
    expect(result.code).toBe(1);
    const [made] = madeIn(server);
    expect(server.requests.count("admin-api-keys-delete")).toBe(1);
    expect(server.store.has("key_old")).toBe(true);
    const lines = result.stderr.split("\n");
    expect(lines[0]).toMatch(/^error: rotating key_old stopped at step 5 of 5 \(delete\): 500 InternalServerError: /);
    expect(lines.slice(1)).toEqual([
      "State of the organization now:",
      "  key_old  may or may not have been deleted (the delete's outcome is unknown)",
      `  ${made}  exists (the new key); its secret: printed above, once`,
      "What to do:",
      `  to finish admin-keys delete key_old --yes --base-url ${server.url}    (key_old is the old key; ${made} replaces it)`,
      "",
    ]);
  });

  it("a create of unknown outcome whose search fails too: the key may exist, and the command that looks for it", async () => {
    const server = await start({ keys: [OLD] });
    server.faults.add("admin-api-keys-create", { kind: "commit-then-fail" });
    server.faults.add("admin-api-keys-list", { kind: "status", status: 403 });
    const result = await rotate(server, ["--yes"]);
    expect(result.code).toBe(1);
    // The failed create did make a key, and nobody holds its secret.
    expect(madeIn(server)).toHaveLength(1);
    const lines = result.stderr.split("\n");
    expect(lines[0]).toMatch(/^error: rotating key_old stopped at step 2 of 5 \(create\): 500 InternalServerError: /);
    expect(lines.slice(1, 5)).toEqual([
      "State of the organization now:",
      "  key_old  exists, unchanged (the old key)",
      "  a new key may have been made by the failed create; the search for it failed, and nobody holds its secret",
      "What to do:",
    ]);
    expect(lines[5]).toMatch(
      new RegExp(`^  to check  admin-keys list --all --order desc --base-url ${server.url.replaceAll(".", "\\.")}    \\(look for keys named "CI pipeline" created since \\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z, and delete them\\)$`),
    );
    expect(lines.slice(6)).toEqual([""]);
    expect(result.stdout).not.toMatch(SECRET);
  });

  it("a create of unknown outcome with --json: the possible duplicate's id in the JSON, with the command that deletes it", async () => {
    const server = await start({ keys: [OLD] });
    server.faults.add("admin-api-keys-create", { kind: "commit-then-fail" });
    const result = await rotate(server, ["--yes", "--json"]);
    expect(result.code).toBe(1);
    const [made] = madeIn(server);
    const document = JSON.parse(result.stdout);
    expect(document.state).toEqual({ old_key: { id: "key_old", presence: "exists" }, new_key: null, possible_new_key_ids: [made], secret: "lost", secret_location: null });
    expect(document.next.map((remedy: { purpose: string; command: string }) => [remedy.purpose, remedy.command])).toEqual([
      ["undo", `admin-keys delete ${made} --yes --base-url ${server.url}`],
      ["retry", `admin-keys rotate key_old --base-url ${server.url}`],
    ]);
    expect(document).not.toHaveProperty("new_key_value");
  });

  it("a secret file whose folder is gone by the time the key exists: the new key's secret is lost, and how to undo", async () => {
    const sub = join(folder, `gone-${++files}`);
    mkdirSync(sub);
    const path = join(sub, "new.key");
    const server = await start({
      keys: [OLD],
      // The folder goes once the create is answered: after the check, before the write.
      onResponse: (record) => void (record.operationId === "admin-api-keys-create" && rmSync(sub, { recursive: true, force: true })),
    });
    const result = await rotate(server, ["--yes", "--secret-file", path]);
    expect(result.code).toBe(1);
    const [made] = madeIn(server);
    expect(result.stderr.split("\n")).toEqual([
      `error: rotating key_old stopped at step 3 of 5 (deliver): Could not write the secret to ${path}: ENOENT.`,
      "State of the organization now:",
      "  key_old  exists, unchanged (the old key)",
      `  ${made}  exists (the new key); nobody holds its secret`,
      "What to do:",
      `  to undo   admin-keys delete ${made} --yes --base-url ${server.url}    (${made} is the new key; deleting it leaves key_old as it was)`,
      `  to retry  admin-keys rotate key_old --secret-file ${path} --base-url ${server.url}    (once ${made} is deleted, rotate key_old again)`,
      "",
    ]);
    expect(result.stdout).toMatch(/^ {2}1\. retrieve {2}found key_old \(CI pipeline\)\n {2}2\. create {4}created key_\w+ \(CI pipeline\), which never expires\n$/);
    // Not verified, not deleted.
    expect(server.requests.count("admin-api-keys-get")).toBe(1);
    expect(server.requests.count("admin-api-keys-delete")).toBe(0);
    expect(statSync(sub, { throwIfNoEntry: false })).toBeUndefined();
  });

  it("--json, stopped before any secret exists: the state with nulls, no secret field", async () => {
    const server = await start();
    const result = await rotate(server, ["--yes", "--json"]);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toEqual({
      rotated: false,
      failed_step: "retrieve",
      error: expect.stringMatching(new RegExp(`^404 NotFoundError: No admin API key found with ID 'key_old'\\. ${REQUEST}$`)),
      state: { old_key: { id: "key_old", presence: "absent" }, new_key: null, possible_new_key_ids: null, secret: "none", secret_location: null },
      next: [],
      steps: [],
    });
    expect(result.stderr).toMatch(/^error: rotating key_old stopped at step 1 of 5 \(retrieve\): 404 NotFoundError: /);
  });

  it("--json with --secret-file: the file holds the secret, the JSON names it and holds none", async () => {
    const server = await start({ keys: [OLD] });
    const path = join(folder, `new-${++files}.key`);
    const result = await rotate(server, ["--yes", "--json", "--secret-file", path]);
    expect(result.code).toBe(0);
    const secret = readFileSync(path, "utf8");
    expect(secret).toMatch(SECRET);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const document = JSON.parse(result.stdout);
    const [made] = madeIn(server);
    expect(document).toMatchObject({ rotated: true, dry_run: false, new_key: { id: made }, secret_file: path, old_key_deleted: true });
    expect(document.new_key).not.toHaveProperty("value");
    expect(result.stdout).not.toContain(secret);
    expect(server.store.has("key_old")).toBe(false);
  });

  it("an old key without a name and no --name: a usage error before anything is created", async () => {
    const server = await start({ keys: [{ id: "key_old" }] });
    const result = await rotate(server, ["--yes"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe("error: --name is required: key_old has no name for the new key to take over\n");
    expect(result.stdout).toBe("  1. retrieve  found key_old\n");
    expect(server.requests.count("admin-api-keys-create")).toBe(0);
  });
});

describe("admin-keys rotate --dry-run plans", () => {
  it.each([
    [
      ["--keep-old"],
      ['  2. create    would create a key named "CI pipeline" that never expires', "  3. deliver   would print its secret once", "  5. delete    would keep key_old (--keep-old)"],
    ],
    [
      ["--yes", "--name", "CI v2", "--expires-in", "12h"],
      ['  2. create    would create a key named "CI v2" that expires in 12 hours', "  3. deliver   would print its secret once", "  5. delete    would delete key_old"],
    ],
  ])("%j", async (flags, [create, deliver, remove]) => {
    const server = await start({ keys: [OLD] });
    const result = await rotate(server, ["--dry-run", ...flags]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      [
        "Dry run: rotating key_old would take these steps; nothing was created or deleted.",
        "  1. retrieve  found key_old (CI pipeline, created 3 days ago)",
        create,
        deliver,
        "  4. verify    would retrieve the new key's own record with the new secret",
        remove,
        "",
      ].join("\n"),
    );
    expect(server.requests.count()).toBe(1);
    expect(server.store.createdCount).toBe(0);
  });
});

describe("admin-keys rotate against a server whose create answers without a secret", () => {
  let scripted: ScriptedServer | undefined;
  afterEach(async () => {
    await scripted?.close();
    scripted = undefined;
  });

  it.each([
    ["no value", {}],
    ["an empty value", { value: "" }],
  ])("%s: stops at deliver, the new key exists with nobody holding its secret, and how to undo", async (_case, extra) => {
    scripted = await startServer((request, res) => {
      if (request.method === "POST") return sendJson(res, 200, { ...keyObject("key_new", "CI pipeline"), ...extra });
      return sendJson(res, 200, keyObject("key_old", "CI pipeline"));
    });
    const url = scripted.baseUrl;
    const result = await cli(["rotate", "key_old", "--yes", "--base-url", url], { env: { OPENAI_ADMIN_KEY: "sk-admin-test-key-123" } });
    expect(result.code).toBe(1);
    expect(result.stderr.split("\n")).toEqual([
      `error: rotating key_old stopped at step 3 of 5 (deliver): the server's answer to the create holds no secret (no "value")`,
      "State of the organization now:",
      "  key_old  exists, unchanged (the old key)",
      "  key_new  exists (the new key); nobody holds its secret",
      "What to do:",
      `  to undo   admin-keys delete key_new --yes --base-url ${url}    (key_new is the new key; deleting it leaves key_old as it was)`,
      `  to retry  admin-keys rotate key_old --base-url ${url}    (once key_new is deleted, rotate key_old again)`,
      "",
    ]);
    expect(result.stdout).toBe("  1. retrieve  found key_old (CI pipeline)\n  2. create    created key_new (CI pipeline), which never expires\n");
    // Nothing was verified or deleted: a GET of the old key and the create only.
    expect(scripted.requests.map((request) => request.method)).toEqual(["GET", "POST"]);
  });
});
