// admin-keys rotate against the real local server and as the real process: the happy path
// counted on the server, the confirmation, --dry-run sending no write, --secret-file, --json, and
// a stop at each step leaving exactly the state it prints (checked in the server's store).
import { readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { MockServer } from "../../src/testing/index.js";
import { runCliProcess } from "../helpers/cli-process.js";
import { serverFactory } from "../testing/helpers.js";
import { cli } from "./helpers.js";
import { tempFolder } from "../helpers/temp-folder.js";

const start = serverFactory();
const temp = tempFolder("admin-keys-rotate-", { stem: "new", extension: ".key" });
const folder = temp.path;
const fresh = (): string => temp.fresh();

const OLD = { id: "key_old", name: "CI pipeline", created_at: Math.floor(Date.now() / 1000) - 3 * 86_400 };
const SECRET = /sk-admin-[\w-]{40,}/g;
const env = (server: MockServer): Record<string, string> => ({ OPENAI_ADMIN_KEY: server.apiKey });
const rotate = (server: MockServer, flags: string[], options: Parameters<typeof cli>[1] = {}) =>
  cli(["rotate", "key_old", ...flags, "--base-url", server.url], { env: env(server), ...options });

/** The key the rotation made: the one in the store that is not the old one. */
function newKeyOf(server: MockServer): string {
  const made = server.store.list().filter((key) => key.id !== OLD.id);
  expect(made).toHaveLength(1);
  return made[0]?.id ?? "";
}

/** One create, a verification made with the new key's own secret, one delete: counted on the server. */
function expectRotatedOnServer(server: MockServer, newId: string): void {
  expect(server.requests.count("admin-api-keys-create")).toBe(1);
  expect(server.requests.count("admin-api-keys-delete")).toBe(1);
  expect(server.requests.all("admin-api-keys-get").map((request) => request.params["key_id"])).toEqual(["key_old", newId]);
  // The admin key is the server's own; only the new key's secret can set the new key's last use.
  expect(server.store.get(newId)?.last_used_at).toEqual(expect.any(Number));
  expect(server.store.has("key_old")).toBe(false);
  expect(server.store.get(newId)?.name).toBe("CI pipeline");
}

describe("admin-keys rotate", () => {
  it("rotates with --yes: each step printed, the secret printed once, counted on the server", async () => {
    const server = await start({ keys: [OLD] });
    const result = await rotate(server, ["--yes", "--expires-in", "30d"]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const newId = newKeyOf(server);
    expectRotatedOnServer(server, newId);
    const secrets = result.stdout.match(SECRET) ?? [];
    expect(secrets).toHaveLength(1);
    const lines = result.stdout.split("\n");
    expect(lines[0]).toBe("  1. retrieve  found key_old (CI pipeline)");
    expect(lines[1]).toMatch(new RegExp(`^  2\\. create    created ${newId} \\(CI pipeline\\), which expires at \\d{4}-`));
    expect(result.stdout).toContain("  This is the new key's secret. Store it now: it will not be shown again.\n");
    expect(result.stdout).toContain("  3. deliver   secret handed over: printed above, once\n");
    expect(result.stdout).toContain(`  4. verify    ${newId} retrieved its own record with its own secret\n`);
    expect(result.stdout).toContain("  5. delete    deleted key_old\n");
    expect(result.stdout.endsWith(`Rotated: ${newId} replaces key_old.\n`)).toBe(true);
    const stored = server.store.get(newId);
    expect((stored?.expires_at ?? 0) - (stored?.created_at ?? 0)).toBe(30 * 86_400);
  });

  it("as the real process, with --secret-file and --json: the file 0600, the secret in no output", async () => {
    const server = await start({ keys: [OLD] });
    const path = fresh();
    const result = await runCliProcess(["rotate", "key_old", "--yes", "--secret-file", path, "--json", "--base-url", server.url], { env: env(server) });
    expect(result.stderr.toString()).toBe("");
    expect(result.code).toBe(0);
    const secret = readFileSync(path, "utf8");
    expect(secret).toMatch(/^sk-admin-/);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(result.stdout.toString()).not.toContain(secret);
    const document = JSON.parse(result.stdout.toString());
    const newId = newKeyOf(server);
    expect(document).toMatchObject({ rotated: true, dry_run: false, old_key: { id: "key_old" }, new_key: { id: newId }, secret_file: path, old_key_deleted: true });
    expect(document.new_key).not.toHaveProperty("value");
    expect(document.steps.map((step: { step: string }) => step.step)).toEqual(["retrieve", "create", "deliver", "verify", "delete"]);
    expectRotatedOnServer(server, newId);
  });

  it("with --json and no --secret-file, hands the secret over in the JSON, once", async () => {
    const server = await start({ keys: [OLD] });
    const result = await rotate(server, ["--yes", "--json", "--name", "CI pipeline"]);
    const document = JSON.parse(result.stdout);
    expect(document.new_key.value).toMatch(/^sk-admin-/);
    expect(result.stdout.match(SECRET)).toHaveLength(1);
    expectRotatedOnServer(server, document.new_key.id);
  });

  it("takes --name for the new key", async () => {
    const server = await start({ keys: [OLD] });
    await rotate(server, ["--yes", "--name", "CI pipeline v2"]);
    expect(server.store.get(newKeyOf(server))?.name).toBe("CI pipeline v2");
  });

  it("refuses without --yes when stdin is not a terminal, before sending anything", async () => {
    const server = await start({ keys: [OLD] });
    const result = await rotate(server, [], { tty: false });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      "error: Not rotating key_old: it would be deleted at the end, and standard input is not a terminal, so nobody can confirm. Pass --yes to delete it without asking, or --keep-old to keep it.\n",
    );
    expect(server.requests.count()).toBe(0);
  });

  it("asks on a terminal after reading the old key and before creating; no means nothing is created", async () => {
    const server = await start({ keys: [OLD] });
    const refused = await rotate(server, [], { tty: true, answer: "n" });
    expect(refused.prompts).toEqual([
      "Rotate admin key key_old (CI pipeline, created 3 days ago)? A new key is created, and key_old is deleted once the new secret is verified. [y/N] ",
    ]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe("Cancelled; nothing was created and key_old is unchanged.\n");
    expect(server.requests.count("admin-api-keys-create")).toBe(0);
    server.requests.clear();
    const accepted = await rotate(server, [], { tty: true, answer: "yes" });
    expect(accepted.code).toBe(0);
    expectRotatedOnServer(server, newKeyOf(server));
  });

  it.each([
    ["y", true],
    ["Y", true],
    ["yes", true],
    ["YeS", true],
    ["  yes \t", true],
    ["", false],
    ["n", false],
    ["no", false],
    ["nay", false],
    ["yesterday", false],
    ["yess", false],
    ["y es", false],
  ])("on a terminal, the answer %j rotates: %s", async (answer, rotates) => {
    const server = await start({ keys: [OLD] });
    const result = await rotate(server, [], { tty: true, answer });
    expect(result.prompts).toHaveLength(1);
    if (rotates) {
      expect(result.stderr).toBe("");
      expect(result.code).toBe(0);
      expectRotatedOnServer(server, newKeyOf(server));
    } else {
      expect(result.stderr).toBe("Cancelled; nothing was created and key_old is unchanged.\n");
      expect(result.code).toBe(1);
      expect(server.store.createdCount).toBe(0);
      expect(server.store.has("key_old")).toBe(true);
    }
  });

  it("with --keep-old needs no confirmation and keeps the old key", async () => {
    const server = await start({ keys: [OLD] });
    const result = await rotate(server, ["--keep-old"], { tty: false });
    expect(result.code).toBe(0);
    expect(server.store.has("key_old")).toBe(true);
    expect(server.requests.count("admin-api-keys-delete")).toBe(0);
    expect(result.stdout).toContain("  5. delete    kept key_old\n");
    expect(result.stdout).toMatch(/Rotated: key_\w+ is verified; key_old was kept \(--keep-old\)\.\n$/);
  });

  it("--dry-run reads the old key, prints the plan and sends no write", async () => {
    const server = await start({ keys: [OLD] });
    const path = fresh();
    const result = await rotate(server, ["--dry-run", "--expires-in", "30d", "--secret-file", path], { tty: false });
    expect(result.code).toBe(0);
    expect(server.requests.count()).toBe(1);
    expect(server.requests.count("admin-api-keys-get")).toBe(1);
    expect(server.store.createdCount).toBe(0);
    expect(statSync(path, { throwIfNoEntry: false })).toBeUndefined();
    expect(result.stdout).toBe(
      [
        "Dry run: rotating key_old would take these steps; nothing was created or deleted.",
        "  1. retrieve  found key_old (CI pipeline, created 3 days ago)",
        '  2. create    would create a key named "CI pipeline" that expires in 1 month',
        `  3. deliver   would write its secret to ${path} (mode 0600; checked: it does not exist, its folder is writable)`,
        "  4. verify    would retrieve the new key's own record with the new secret",
        "  5. delete    would delete key_old, after asking (--yes: without asking)",
        "",
      ].join("\n"),
    );
    const json = await rotate(server, ["--dry-run", "--json"]);
    expect(JSON.parse(json.stdout)).toMatchObject({ rotated: false, dry_run: true, old_key: { id: "key_old" }, secret_file: null, plan: [{ step: "retrieve", outcome: "done" }, { step: "create", outcome: "planned" }, {}, {}, {}] });
    expect(server.requests.count("admin-api-keys-create") + server.requests.count("admin-api-keys-delete")).toBe(0);
  });

  it("refuses an existing --secret-file before sending anything", async () => {
    const server = await start({ keys: [OLD] });
    const path = fresh();
    writeFileSync(path, "keep me");
    const result = await rotate(server, ["--yes", "--secret-file", path]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("exists already; --secret-file never overwrites a file.");
    expect(server.requests.count()).toBe(0);
    expect(readFileSync(path, "utf8")).toBe("keep me");
  });
});

describe("admin-keys rotate stopped at each step", () => {
  const connection = (server: MockServer): string => `--base-url ${server.url}`;

  it("1. retrieve: a key that does not exist; nothing created", async () => {
    const server = await start();
    const result = await rotate(server, ["--yes"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error: rotating key_old stopped at step 1 of 5 \(retrieve\): 404 NotFoundError: No admin API key found with ID 'key_old'\. \(request req_\w+\)\n/);
    // Nothing to undo or retry: no "What to do:".
    expect(result.stderr.split("\n").slice(1)).toEqual(["State of the organization now:", "  key_old  does not exist", "  no new key was created", ""]);
    expect(server.requests.count("admin-api-keys-create")).toBe(0);
  });

  it("2. create refused: nothing created, the old key unchanged, the command to retry", async () => {
    const server = await start({ keys: [OLD] });
    server.faults.add("admin-api-keys-create", { kind: "status", status: 403 });
    const result = await rotate(server, ["--yes", "--expires-in", "30d"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error: rotating key_old stopped at step 2 of 5 \(create\): 403 PermissionDeniedError: /);
    expect(result.stderr).toContain("  key_old  exists, unchanged (the old key)\n  no new key was created\n");
    expect(result.stderr).toContain(`  to retry  admin-keys rotate key_old --expires-in 30d ${connection(server)}    (nothing was created;`);
    expect(server.store.list().map((key) => key.id)).toEqual(["key_old"]);
  });

  it("2. create refused: the retry command carries --name, --expires-in, --secret-file and --keep-old", async () => {
    const server = await start({ keys: [OLD] });
    server.faults.add("admin-api-keys-create", { kind: "status", status: 403 });
    const path = fresh();
    const result = await rotate(server, ["--keep-old", "--name", "CI v2", "--expires-in", "30d", "--secret-file", path]);
    expect(result.code).toBe(1);
    expect(result.stderr.split("\n").slice(-2)).toEqual([
      `  to retry  admin-keys rotate key_old --name 'CI v2' --expires-in 30d --secret-file ${path} --keep-old ${connection(server)}    (nothing was created; rotate key_old again once the cause is fixed)`,
      "",
    ]);
    expect(statSync(path, { throwIfNoEntry: false })).toBeUndefined();
    expect(server.store.createdCount).toBe(0);
  });

  it("2. create of unknown outcome (commit-then-fail): the possible duplicate, its id right, and how to delete it", async () => {
    const server = await start({ keys: [OLD] });
    server.faults.add("admin-api-keys-create", { kind: "commit-then-fail" });
    const result = await rotate(server, ["--yes"]);
    expect(result.code).toBe(1);
    const made = newKeyOf(server);
    expect(result.stderr).toMatch(/^error: rotating key_old stopped at step 2 of 5 \(create\): 500 InternalServerError: /);
    // The duplicate found is named, and nothing else is said of a new key.
    expect(result.stderr.split("\n").slice(1)).toEqual([
      "State of the organization now:",
      "  key_old  exists, unchanged (the old key)",
      `  ${made}  may have been made by the failed create; nobody holds its secret`,
      "What to do:",
      `  to undo   admin-keys delete ${made} --yes ${connection(server)}    (${made} may have been made by the failed create; nobody holds its secret)`,
      `  to retry  admin-keys rotate key_old ${connection(server)}    (once the keys above are deleted, rotate key_old again)`,
      "",
    ]);
    expect(server.store.has("key_old")).toBe(true);
    expect(result.stdout).not.toMatch(SECRET);
  });

  it("4. verify fails: both keys exist, the secret is in its file, nothing deleted, how to undo or finish", async () => {
    const server = await start({ keys: [OLD] });
    server.faults.add("admin-api-keys-get", { kind: "delay", ms: 0 });
    server.faults.add("admin-api-keys-get", { kind: "status", status: 401 });
    const path = fresh();
    const result = await rotate(server, ["--yes", "--secret-file", path]);
    expect(result.code).toBe(1);
    const made = newKeyOf(server);
    expect(server.store.has("key_old")).toBe(true);
    expect(server.requests.count("admin-api-keys-delete")).toBe(0);
    const secret = readFileSync(path, "utf8");
    expect(result.stderr).toMatch(/^error: rotating key_old stopped at step 4 of 5 \(verify\): 401 AuthenticationError: /);
    expect(result.stderr).toContain(`  key_old  exists, unchanged (the old key)\n  ${made}  exists (the new key); its secret: written to ${path} (mode 0600)\n`);
    expect(result.stderr).toContain(`  to undo   admin-keys delete ${made} --yes ${connection(server)}    (`);
    expect(result.stderr).toContain(`  to finish admin-keys delete key_old --yes ${connection(server)}    (once ${made}'s secret is known to work; key_old is the old key)\n`);
    for (const stream of [result.stdout, result.stderr]) expect(stream).not.toContain(secret);
    expect(result.stdout).toContain("  3. deliver   secret handed over: written to");
  });

  it("4. verify fails with --json: the state as JSON, with the secret held for it, and none on stderr", async () => {
    const server = await start({ keys: [OLD] });
    server.faults.add("admin-api-keys-get", { kind: "delay", ms: 0 });
    server.faults.add("admin-api-keys-get", { kind: "status", status: 401 });
    const result = await rotate(server, ["--yes", "--json"]);
    expect(result.code).toBe(1);
    const made = newKeyOf(server);
    const document = JSON.parse(result.stdout);
    expect(document).toMatchObject({
      rotated: false,
      failed_step: "verify",
      state: { old_key: { id: "key_old", presence: "exists" }, new_key: { id: made, presence: "exists" }, secret: "delivered", secret_location: "in this run's JSON output, once" },
      next: [
        { purpose: "undo", command: `admin-keys delete ${made} --yes ${connection(server)}` },
        { purpose: "finish", command: `admin-keys delete key_old --yes ${connection(server)}` },
      ],
    });
    expect(document.new_key_value).toMatch(/^sk-admin-/);
    expect(result.stdout.match(SECRET)).toHaveLength(1);
    expect(result.stderr).not.toMatch(SECRET);
  });

  it("5. delete fails: the new key verified and in place, the old one still there, the command to finish", async () => {
    const server = await start({ keys: [OLD] });
    server.faults.add("admin-api-keys-delete", { kind: "status", status: 403 });
    const result = await rotate(server, ["--yes"]);
    expect(result.code).toBe(1);
    const made = newKeyOf(server);
    expect(server.store.has("key_old")).toBe(true);
    expect(server.store.get(made)?.last_used_at).toEqual(expect.any(Number));
    expect(result.stderr).toMatch(/^error: rotating key_old stopped at step 5 of 5 \(delete\): 403 PermissionDeniedError: /);
    expect(result.stderr).toContain(`  key_old  still exists (the old key; not deleted)\n  ${made}  exists (the new key); its secret: printed above, once\n`);
    expect(result.stderr).toContain(`  to finish admin-keys delete key_old --yes ${connection(server)}    (key_old is the old key; ${made} replaces it)\n`);
    expect(result.stdout.match(SECRET)).toHaveLength(1);
  });
});
