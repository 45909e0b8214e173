import { connect } from "node:net";
import { describe, expect, it } from "vitest";
import { serverFactory } from "../testing/helpers.js";
import { cli } from "./helpers.js";

const start = serverFactory();

/** The error code of a fresh TCP connection to 127.0.0.1:`port`; "connected" when something listens. */
function connectionError(port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve("connected");
    });
    socket.once("error", (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
  });
}

describe("admin-keys demo", () => {
  it("walks through list, audit, create, retrieve, rotate, delete and a caught NotFoundError on a local server", async () => {
    const result = await cli(["demo"]);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe("");
    const out = result.stdout;
    expect(out).toMatch(/listening at http:\/\/127\.0\.0\.1:\d+\/v1/);
    expect(out).toMatch(/page 1: 100 keys, key_\w+ … key_\w+\n/);
    expect(out).toMatch(/page 2: 100 keys/);
    expect(out).toMatch(/page 3: 50 keys, .* \(last page\)/);
    expect(out).toContain("250 keys in 3 requests.");
    // The audit finds the seed's never-used, old and never-expiring keys, each rule counted.
    expect(out).toContain("2. Audit every key");
    const audit = /(\d+) findings in 250 keys: (\d+) unused, (\d+) no-expiry, (\d+) old\./.exec(out);
    expect(audit).not.toBeNull();
    const [, total, unused, noExpiry, old] = (audit ?? []).map(Number);
    expect(unused! + noExpiry! + old!).toBe(total);
    // Every third seeded key never expires.
    expect(noExpiry).toBe(84);
    expect(out).toMatch(/never used; created \d+ days ago/);
    const id = /created (key_[0-9a-f]{16})/.exec(out)?.[1];
    expect(id).toBeDefined();
    expect(out).toContain(`4. Retrieve ${id}:`);
    expect(out).toContain("created just now, last used never, expires in 1 hour");
    expect(out).toContain("no secret, only redacted_value");
    // The rotation: verified with the new key's own secret, then the old key deleted.
    expect(out).toContain(`5. Rotate ${id}`);
    const rotated = /2\. create +created (key_[0-9a-f]{16})/.exec(out)?.[1];
    expect(rotated).toBeDefined();
    expect(rotated).not.toBe(id);
    expect(out).toContain(`4. verify    ${rotated} retrieved its own record with its own secret`);
    expect(out).toContain(`5. delete    deleted ${id}`);
    expect(out).toContain(`${rotated} (its secret 73 characters) is now shown as last used just now`);
    expect(out).toContain(`6. Delete ${rotated}, the rotated key:`);
    expect(out).toContain("deleted: true");
    expect(out).toMatch(new RegExp(`NotFoundError 404: No admin API key found with ID '${rotated}'\\. \\(request req_[0-9a-f]{32}\\)`));
    // 3 list + 3 audit + create, retrieve + rotation (retrieve, create, verify, delete) + retrieve + delete + retrieve.
    expect(out).toContain("The local server answered 15 requests.");
    // The secret is never printed, only its length and the redacted form.
    expect(out).not.toMatch(/sk-admin-[A-Za-z0-9_-]{10,}/);
  });

  it("prints every line of the local walk-through, and closes its server at the end", async () => {
    const result = await cli(["demo"]);
    expect(result.code).toBe(0);
    const lines = result.stdout.split("\n");
    const url = /^ {2}listening at (http:\/\/127\.0\.0\.1:\d+\/v1)$/.exec(lines[1] ?? "")?.[1] ?? "";
    expect(url).not.toBe("");
    const created = /^ {3}created (key_[0-9a-f]{16}) /m.exec(result.stdout)?.[1] ?? "";
    const rotated = /^ {3}2\. create {4}created (key_[0-9a-f]{16}) /m.exec(result.stdout)?.[1] ?? "";
    expect(created).not.toBe("");
    expect(rotated).not.toBe("");
    expect(lines).toEqual([
      "Starting a local admin-keys server seeded with 250 keys…",
      `  listening at ${url}`,
      "",
      "1. List every key, 100 per page, following the cursor:",
      "   page 1: 100 keys, key_b5c4a8da494d5bcd … key_0f1c7803a3e70e01",
      "   page 2: 100 keys, key_b1509c38b56430b9 … key_12deece7dcc8d821",
      "   page 3: 50 keys, key_add399f60d26e8ab … key_7be1195ebe502e72 (last page)",
      "   250 keys in 3 requests.",
      "",
      "2. Audit every key, page by page (auditKeys; the CLI's admin-keys audit --unused-for 3d --older-than 4d --no-expiry --expiring-within 14d):",
      "   the seeded keys are at most 5 days old, so the demo shortens the default policy's 90 and 180 days.",
      "   policy: unused for more than 3 days; never expires; expires within 14 days (or has expired); older than 4 days",
      "   191 findings in 250 keys: 46 unused, 84 no-expiry, 61 old. The first 5:",
      "   key_b5c4a8da494d5bcd  CI pipeline 1         Ada Lovelace    unused     never used; created 5 days ago",
      "   key_b5c4a8da494d5bcd  CI pipeline 1         Ada Lovelace    no-expiry  never expires",
      "   key_b5c4a8da494d5bcd  CI pipeline 1         Ada Lovelace    old        created 5 days ago",
      "   key_1a0ced8360dfbc3a  Terraform 2           Deploy bot      old        created 5 days ago",
      "   key_4ed0daa08f8bc3ae  Billing export 3      Grace Hopper    unused     last used 3 days ago",
      "   admin-keys audit exits 3 when it finds something, so CI can gate on it.",
      "",
      "3. Create a key that expires in an hour:",
      expect.stringMatching(new RegExp(`^ {3}created ${created} \\(admin-keys demo\\), shown as sk-admin\\.\\.\\.\\w+$`)),
      "   its secret (73 characters) came back this once; the demo does not print it.",
      "",
      `4. Retrieve ${created}:`,
      "   admin-keys demo: created just now, last used never, expires in 1 hour",
      "   the answer holds no secret, only redacted_value.",
      "",
      `5. Rotate ${created} (rotateKey; the CLI's admin-keys rotate): a new key, its secret handed over, a request`,
      "   made with the new secret, and only then the old key deleted:",
      `   1. retrieve  found ${created} (admin-keys demo)`,
      expect.stringMatching(new RegExp(`^ {3}2\\. create {4}created ${rotated} \\(admin-keys demo\\), which expires at \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.000Z$`)),
      "   3. deliver   secret handed over: kept in the demo's memory, not printed",
      `   4. verify    ${rotated} retrieved its own record with its own secret`,
      `   5. delete    deleted ${created}`,
      `   ${rotated} (its secret 73 characters) is now shown as last used just now:`,
      "   the verification was made with its own secret, not the admin key.",
      "",
      `6. Delete ${rotated}, the rotated key:`,
      "   deleted: true",
      "",
      "7. Retrieve the deleted key, and catch the NotFoundError:",
      expect.stringMatching(new RegExp(`^ {3}NotFoundError 404: No admin API key found with ID '${rotated}'\\. \\(request req_[0-9a-f]{32}\\)$`)),
      "",
      "The local server answered 15 requests. Try the CLI yourself:",
      "  admin-keys mock --seed 40                       a local server of your own, in one terminal",
      "  OPENAI_ADMIN_KEY=sk-admin-… admin-keys audit    a real organization's keys against the default policy",
      "",
    ]);
    // The server the demo started is closed once it is done: nothing answers at its address.
    expect(await connectionError(Number(new URL(url).port))).toBe("ECONNREFUSED");
  });

  it("against --base-url only lists without --yes", async () => {
    const server = await start({ seed: 120 });
    const result = await cli(["demo", "--base-url", server.url], { env: { OPENAI_ADMIN_KEY: server.apiKey } });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Talking to ${server.url}`);
    expect(result.stdout).toContain("120 keys in 2 requests.");
    expect(result.stdout).toContain("Skipping create, retrieve, rotate and delete");
    // Reads are allowed: the audit runs, against the default policy.
    expect(result.stdout).toContain("policy: unused for more than 90 days; never expires; expires within 14 days (or has expired); older than 180 days");
    expect(result.stdout).toContain("NotFoundError 404");
    expect(server.store.createdCount).toBe(0);
    expect(server.requests.count("admin-api-keys-create")).toBe(0);
    expect(server.requests.count("admin-api-keys-delete")).toBe(0);
  });

  it("against --base-url with --yes creates one short-lived key, rotates it, and deletes both again", async () => {
    const server = await start({ seed: 5 });
    const before = server.store.list().map((key) => key.id);
    const result = await cli(["demo", "--base-url", server.url, "--yes"], { env: { OPENAI_ADMIN_KEY: server.apiKey } });
    expect(result.code).toBe(0);
    expect(server.store.createdCount).toBe(2);
    expect(server.store.deletedCount).toBe(2);
    // Only the demo's own keys were touched.
    expect(server.store.list().map((key) => key.id)).toEqual(before);
    expect(result.stdout).toContain("5 keys in 1 request.");
  });

  it("deletes its own keys when the rotation stops, and exits 1", async () => {
    const server = await start({ seed: 2 });
    const before = server.store.list().map((key) => key.id);
    // GETs: the demo's retrieve, the rotation's retrieve, then the verification, which fails.
    server.faults.add("admin-api-keys-get", { kind: "delay", ms: 0 }, { times: 2 });
    server.faults.add("admin-api-keys-get", { kind: "status", status: 401 });
    const result = await cli(["demo", "--base-url", server.url, "--yes"], { env: { OPENAI_ADMIN_KEY: server.apiKey } });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error: Rotating key_\w+ stopped at verify: .*401 AuthenticationError/);
    expect(result.stdout).toMatch(/the rotation stopped at verify; the demo deleted its key key_\w+\.\n.*the rotation stopped at verify; the demo deleted its key key_\w+\./);
    expect(server.store.createdCount).toBe(2);
    expect(server.store.list().map((key) => key.id)).toEqual(before);
  });

  it("against --base-url needs OPENAI_ADMIN_KEY", async () => {
    const server = await start();
    const result = await cli(["demo", "--base-url", server.url]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("OPENAI_ADMIN_KEY");
    expect(server.requests.count()).toBe(0);
  });

  it("reports a failure mid-walk as one line and exits 1", async () => {
    const server = await start({ seed: 3 });
    server.faults.add("admin-api-keys-create", { kind: "status", status: 403 });
    const result = await cli(["demo", "--base-url", server.url, "--yes"], { env: { OPENAI_ADMIN_KEY: server.apiKey } });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error: 403 PermissionDeniedError: /);
  });

  it("passes on an error other than NotFoundError at the last step", async () => {
    const server = await start({ seed: 1 });
    server.faults.add("admin-api-keys-get", { kind: "status", status: 400 });
    const result = await cli(["demo", "--base-url", server.url], { env: { OPENAI_ADMIN_KEY: server.apiKey } });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error: 400 BadRequestError/);
  });
});
