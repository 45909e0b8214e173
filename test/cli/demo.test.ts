import { describe, expect, it } from "vitest";
import { serverFactory } from "../testing/helpers.js";
import { cli } from "./helpers.js";

const start = serverFactory();

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
