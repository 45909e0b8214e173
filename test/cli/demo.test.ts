import { describe, expect, it } from "vitest";
import { serverFactory } from "../testing/helpers.js";
import { cli } from "./helpers.js";

const start = serverFactory();

describe("admin-keys demo", () => {
  it("walks through list, create, retrieve, delete and a caught NotFoundError on a local server", async () => {
    const result = await cli(["demo"]);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe("");
    const out = result.stdout;
    expect(out).toMatch(/listening at http:\/\/127\.0\.0\.1:\d+\/v1/);
    expect(out).toMatch(/page 1: 100 keys, key_\w+ … key_\w+\n/);
    expect(out).toMatch(/page 2: 100 keys/);
    expect(out).toMatch(/page 3: 50 keys, .* \(last page\)/);
    expect(out).toContain("250 keys in 3 requests.");
    const id = /created (key_[0-9a-f]{16})/.exec(out)?.[1];
    expect(id).toBeDefined();
    expect(out).toContain(`3. Retrieve ${id}:`);
    expect(out).toContain("created just now, last used never, expires in 1 hour");
    expect(out).toContain("no secret, only redacted_value");
    expect(out).toContain("deleted: true");
    expect(out).toMatch(new RegExp(`NotFoundError 404: No admin API key found with ID '${id}'\\. \\(request req_[0-9a-f]{32}\\)`));
    expect(out).toContain("The local server answered 7 requests.");
    // The secret is never printed, only its length and the redacted form.
    expect(out).not.toMatch(/sk-admin-[A-Za-z0-9_-]{10,}/);
  });

  it("against --base-url only lists without --yes", async () => {
    const server = await start({ seed: 120 });
    const result = await cli(["demo", "--base-url", server.url], { env: { OPENAI_ADMIN_KEY: server.apiKey } });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Talking to ${server.url}`);
    expect(result.stdout).toContain("120 keys in 2 requests.");
    expect(result.stdout).toContain("Skipping create, retrieve and delete");
    expect(result.stdout).toContain("NotFoundError 404");
    expect(server.store.createdCount).toBe(0);
    expect(server.requests.count("admin-api-keys-create")).toBe(0);
    expect(server.requests.count("admin-api-keys-delete")).toBe(0);
  });

  it("against --base-url with --yes creates one short-lived key and deletes it again", async () => {
    const server = await start({ seed: 5 });
    const result = await cli(["demo", "--base-url", server.url, "--yes"], { env: { OPENAI_ADMIN_KEY: server.apiKey } });
    expect(result.code).toBe(0);
    expect(server.store.createdCount).toBe(1);
    expect(server.store.deletedCount).toBe(1);
    expect(server.store.size).toBe(5);
    expect(result.stdout).toContain("5 keys in 1 request.");
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
