// A server whose key records break the spec's types (a number for a name, a word for a time, no
// owner), against every command that shows a record. The client does not check answers against
// the spec unless asked to, so the CLI's human output must show such a record as it came and
// never end with a TypeError; above all, a create must still hand its secret over.
import { describe, expect, it } from "vitest";
import { scriptedServerFactory, sendJson } from "../helpers/scripted-server.js";
import { cli } from "./helpers.js";

const script = scriptedServerFactory();
const ADMIN_KEY = "sk-admin-hostile-records-0123456789";
const SECRET = "sk-admin-NEW-SECRET-OF-AN-ODD-RECORD-42";
const PATH = "/v1/organization/admin_api_keys";

/** Every field of the record typed wrong, or missing where the spec requires it. */
const ODD = { object: "organization.admin_api_key", name: 42, created_at: "yesterday", last_used_at: "x", expires_at: {}, owner: null, redacted_value: 5 };

/** Answers with `record` under the id asked for: a list of it, it, its create (with a secret) and its delete. */
async function oddServer(record: Record<string, unknown> = ODD) {
  return script((request, res) => {
    const id = request.url.startsWith(`${PATH}/`) ? request.url.slice(PATH.length + 1) : "key_odd";
    if (request.method === "POST") return sendJson(res, 200, { ...record, id: "key_new", value: SECRET });
    if (request.method === "DELETE") return sendJson(res, 200, { object: "organization.admin_api_key.deleted", id, deleted: true });
    if (request.url === PATH || request.url.startsWith(`${PATH}?`)) return sendJson(res, 200, { object: "list", data: [{ ...record, id: "key_odd" }], first_id: "key_odd", last_id: "key_odd", has_more: false });
    return sendJson(res, 200, { ...record, id });
  });
}

async function run(args: string[], record?: Record<string, unknown>) {
  const server = await oddServer(record);
  const result = await cli([...args, "--base-url", server.baseUrl], { env: { OPENAI_ADMIN_KEY: ADMIN_KEY }, now: 1_800_000_000_000 });
  return { ...result, requests: server.requests };
}

describe("records whose fields break the spec's types", () => {
  it("get shows each field as it came, an unknown time as unknown, no owner as unknown", async () => {
    const result = await run(["get", "key_odd"]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      [
        "id              key_odd",
        "name            42",
        "redacted value  5",
        "created         unknown (not a date: yesterday)",
        "last used       unknown (not a date: x)",
        "expires         unknown (not a date: {})",
        "owner           unknown",
        "",
      ].join("\n"),
    );
  });

  it("get shows an owner that is no object as unknown, and a name that is an object as JSON, its controls escaped", async () => {
    const result = await run(["get", "key_odd"], { ...ODD, owner: "someone", name: { first: "a\u001b[2Jb\nc" } });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('\nname            {"first":"a\\u001b[2Jb\\nc"}\n');
    expect(result.stdout).toContain("\nowner           unknown\n");
  });

  it("get leaves out the owner's fields that are null or missing", async () => {
    const result = await run(["get", "key_odd"], { ...ODD, owner: { id: "user_x", type: null, name: null } });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("\nowner           user_x (user_x)\n");
  });

  it("list shows the record in its row", async () => {
    const result = await run(["list"]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(["ID       NAME  CREATED  LAST USED  EXPIRES  OWNER", "key_odd  42    unknown  unknown    unknown  unknown", ""].join("\n"));
  });

  it("audit checks the record and finds nothing it can prove", async () => {
    const result = await run(["audit"]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("No findings in 1 key.");
  });

  it("create prints the new key's secret once, whatever else its record holds", async () => {
    const result = await run(["create", "--name", "odd"]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`Created admin key key_new (42); it expires unknown.\n\n  ${SECRET}\n\nThis is the key's secret. Store it now: it will not be shown again.\n`);
    expect(result.requests.map((request) => request.method)).toEqual(["POST"]);
  });

  it("rotate without --name takes a name that is no string for none, and asks for --name before creating anything", async () => {
    const result = await run(["rotate", "key_odd", "--yes"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe("error: --name is required: key_odd has no name for the new key to take over\n");
    expect(result.requests.map((request) => request.method)).toEqual(["GET"]);
  });

  it("rotate hands the new secret over, verifies it and deletes the old key", async () => {
    const result = await run(["rotate", "key_odd", "--yes", "--name", "odd"]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout.split(SECRET)).toHaveLength(2);
    expect(result.stdout).toContain("  2. create    created key_new (odd), which expires at a time that is not a date ({})\n");
    expect(result.stdout).toContain("Rotated: key_new replaces key_odd.\n");
    expect(result.requests.map((request) => `${request.method} ${request.url}`)).toEqual([
      `GET ${PATH}/key_odd`,
      `POST ${PATH}`,
      `GET ${PATH}/key_new`,
      `DELETE ${PATH}/key_odd`,
    ]);
  });
});
