// create after a failure that leaves its outcome unknown: the keys of that name created while it
// ran are listed, with the command that deletes each, on the real local server's commit-then-fail.
import { describe, expect, it } from "vitest";
import type { MockServer } from "../../src/testing/index.js";
import { runCliProcess } from "../helpers/cli-process.js";
import { serverFactory } from "../testing/helpers.js";
import { cli } from "./helpers.js";

const start = serverFactory();
const env = (server: MockServer): Record<string, string> => ({ OPENAI_ADMIN_KEY: server.apiKey });

describe("create whose outcome is unknown", () => {
  it("reports the one possible duplicate a commit-then-fail made, its id right, and how to delete it", async () => {
    const server = await start({ seed: 120, keys: [{ id: "key_deploy_last_year", name: "deploy", created_at: Math.floor(Date.now() / 1000) - 365 * 86_400 }] });
    server.faults.add("admin-api-keys-create", { kind: "commit-then-fail" });
    const result = await cli(["create", "--name", "deploy", "--base-url", server.url], { env: env(server) });
    expect(result.code).toBe(1);
    expect(server.requests.count("admin-api-keys-create")).toBe(1);
    const made = server.store.list().filter((key) => key.name === "deploy" && key.id !== "key_deploy_last_year");
    expect(made).toHaveLength(1);
    const id = made[0]?.id ?? "";
    const lines = result.stderr.split("\n");
    expect(lines[0]).toMatch(/^error: 500 InternalServerError: /);
    expect(lines[1]).toBe('The create\'s outcome is unknown: a key named "deploy" may exist, and nobody holds its secret.');
    // One candidate is spoken of as the key, in the singular (more than one: see create-failures.test.ts).
    expect(lines[2]).toBe("This key was created while it ran, with that name; unless someone else made it, it is the one, and nobody holds its secret:");
    expect(lines).toHaveLength(5);
    expect(lines.filter((line) => line.startsWith("  key_"))).toEqual([
      expect.stringMatching(new RegExp(`^  ${id}  created \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC  to delete it: admin-keys delete ${id} --yes --base-url ${server.url.replaceAll(".", "\\.")}$`)),
    ]);
    expect(result.stdout).toBe("");
    // The search read the newest page only.
    expect(server.requests.count("admin-api-keys-list")).toBe(1);
  });

  it("with --json, also prints the possible duplicates as JSON on stdout", async () => {
    const server = await start();
    server.faults.add("admin-api-keys-create", { kind: "commit-then-fail", status: 502 });
    const result = await runCliProcess(["create", "--name", "deploy", "--json", "--base-url", server.url], { env: env(server) });
    expect(result.code).toBe(1);
    const [made] = server.store.list();
    expect(JSON.parse(result.stdout.toString())).toEqual({ outcome: "unknown", possible_duplicates: [{ id: made?.id, name: "deploy", created_at: made?.created_at }] });
    expect(result.stderr.toString()).toMatch(/^error: 502 InternalServerError: /);
  });

  it("says none seems to have been made when no such key appeared", async () => {
    const server = await start({ seed: 3 });
    server.faults.add("admin-api-keys-create", { kind: "status", status: 500 });
    const result = await cli(["create", "--name", "deploy", "--base-url", server.url], { env: env(server) });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('No key named "deploy" was created while it ran, so none seems to have been made: creating it again is safe.\n');
    expect(server.store.createdCount).toBe(0);
  });

  it("says how to look when the search fails too", async () => {
    const server = await start();
    server.faults.add("admin-api-keys-create", { kind: "commit-then-fail" });
    server.faults.add("admin-api-keys-list", { kind: "status", status: 403 });
    const result = await cli(["create", "--name", "deploy", "--json", "--base-url", server.url], { env: env(server) });
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toEqual({ outcome: "unknown", possible_duplicates: null });
    expect(result.stderr).toContain("Listing the keys to look for it failed too: 403 PermissionDeniedError: ");
    expect(result.stderr).toContain(`Look for it, newest first, with: admin-keys list --all --order desc --base-url ${server.url}\n`);
  });

  it("does not search after a failure that made nothing for sure (a 4xx)", async () => {
    const server = await start();
    server.faults.add("admin-api-keys-create", { kind: "status", status: 403 });
    const result = await cli(["create", "--name", "deploy", "--base-url", server.url], { env: env(server) });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error: 403 PermissionDeniedError: [^\n]*\n$/);
    expect(server.requests.count("admin-api-keys-list")).toBe(0);
  });
});
