import { describe, expect, it } from "vitest";
import { DEFAULT_MOCK_API_KEY } from "../../src/testing/index.js";
import { LIST, call, createKey, expectError, serverFactory } from "./helpers.js";

const start = serverFactory();

describe("retrieve and delete", () => {
  it("retrieves a key by id and answers 404 naming key_id for an unknown one", async () => {
    const server = await start({ seed: 3 });
    const [first] = server.store.list();
    const found = await call(server, `${LIST}/${first?.id}`);
    expect(found.json).toEqual(first);
    const missing = await call(server, `${LIST}/key_missing`);
    expectError(missing, 404, "key_id");
    expect(missing.json.error.message).toContain("key_missing");
  });

  it("deletes a key; then retrieve, delete and list no longer see it", async () => {
    const server = await start({ seed: 2 });
    const created = await createKey(server);
    const deleted = await call(server, `${LIST}/${created.id}`, { method: "DELETE" });
    expect(deleted.json).toEqual({ id: created.id, object: "organization.admin_api_key.deleted", deleted: true });
    expectError(await call(server, `${LIST}/${created.id}`), 404, "key_id");
    expectError(await call(server, `${LIST}/${created.id}`, { method: "DELETE" }), 404, "key_id");
    const page = await call(server, LIST);
    expect(page.json.data.map((k: { id: string }) => k.id)).not.toContain(created.id);
    expect(server.store.has(created.id)).toBe(false);
    expect(server.store.deletedCount).toBe(1);
    expect(server.store.size).toBe(2);
  });

  it("decodes the key id as one path segment", async () => {
    const server = await start();
    const answer = await call(server, `${LIST}/a%2Fb%3Fc`);
    expectError(answer, 404, "key_id");
    expect(answer.json.error.message).toContain("'a/b?c'");
    expect(server.requests.all("admin-api-keys-get")[0]).toMatchObject({ url: "/v1/organization/admin_api_keys/a%2Fb%3Fc", params: { key_id: "a/b?c" } });
  });

  it("answers 400 naming key_id for a path segment that is not valid percent-encoding", async () => {
    const server = await start();
    expectError(await call(server, `${LIST}/%E0%A4%A`), 400, "key_id");
  });
});

describe("authentication", () => {
  it("answers 401 to a request without a key, or with a key it does not know, without echoing it", async () => {
    const server = await start({ seed: 1 });
    const missing = await call(server, LIST, { key: null });
    expectError(missing, 401, null);
    expect(missing.json.error.message).toContain("Authorization");
    const wrong = await call(server, LIST, { key: "sk-admin-not-the-right-one" });
    expectError(wrong, 401, null);
    expect(wrong.json.error.code).toBe("invalid_api_key");
    expect(wrong.text).not.toContain("not-the-right-one");
    const notBearer = await call(server, LIST, { key: null, headers: { authorization: `Basic ${server.apiKey}` } });
    expectError(notBearer, 401, null);
    expect(notBearer.text).not.toContain(server.apiKey);
  });

  it("answers missing_api_key only when there is no Authorization header at all", async () => {
    const server = await start();
    const missing = await call(server, LIST, { key: null });
    expectError(missing, 401, null);
    expect(missing.json.error).toMatchObject({ type: "invalid_request_error", code: "missing_api_key" });
  });

  it.each<[string, string]>([
    ["a Basic scheme", "Basic c2stYWRtaW4tbG9jYWwtbW9jay1rZXk6"],
    ["the right key under a Basic scheme", `Basic ${DEFAULT_MOCK_API_KEY}`],
    ["a bearer token with spaces", "Bearer sk-admin-has spaces-inside"],
    ["an empty bearer token", "Bearer "],
    ["the bare word Bearer", "Bearer"],
    ["no space after the scheme", `Bearer${DEFAULT_MOCK_API_KEY}`],
    ["an empty header value", ""],
  ])("answers a present but malformed header (%s) with 401 invalid_api_key, echoing nothing of it", async (_label, header) => {
    const server = await start({ seed: 1 });
    const answer = await call(server, LIST, { key: null, headers: { authorization: header } });
    expectError(answer, 401, null);
    expect(answer.json.error).toMatchObject({ type: "invalid_request_error", code: "invalid_api_key" });
    expect(answer.json.error.message).toContain("Bearer <key>");
    for (const part of header.split(/\s+/).filter((word) => word.length > 6)) expect(answer.text).not.toContain(part);
    expect(answer.text).not.toContain(DEFAULT_MOCK_API_KEY);
  });

  // A no-break space (byte 0xA0) is one whitespace node:http and Fetch keep at the edge of a header
  // value; the server reads it as whitespace, as it reads a space.
  const MALFORMED = {
    message: "Incorrect API key provided: the Authorization header must be `Bearer <key>`.",
    type: "invalid_request_error",
    param: null,
    code: "invalid_api_key",
  };
  it.each<[string, boolean, (key: string) => string, number]>([
    ["the key followed by a no-break space", false, (key) => `Bearer ${key}\u00a0`, 200],
    ["the key preceded by a no-break space", false, (key) => `Bearer \u00a0${key}`, 401],
    ["a credential that is only a no-break space", false, () => "Bearer \u00a0", 401],
    ["a credential that is only a no-break space, with acceptAnyKey", true, () => "Bearer \u00a0", 401],
  ])("reads %s as whitespace around the credential", async (_label, acceptAnyKey, header, status) => {
    const server = await start({ acceptAnyKey, seed: 1 });
    const answer = await call(server, LIST, { key: null, headers: { authorization: header(server.apiKey) } });
    expect(answer.status).toBe(status);
    if (status === 200) expect(answer.json).toMatchObject({ object: "list", data: [expect.objectContaining({ object: "organization.admin_api_key" })] });
    else expect(answer.json).toEqual({ error: MALFORMED });
  });

  it("refuses a bad key before it changes anything", async () => {
    const server = await start();
    expectError(await call(server, LIST, { method: "POST", body: { name: "x" }, key: "wrong" }), 401, null);
    expect(server.store.createdCount).toBe(0);
  });

  it("uses the configured key and accepts a lower-case bearer scheme", async () => {
    const server = await start({ apiKey: "sk-admin-custom" });
    expect(server.apiKey).toBe("sk-admin-custom");
    expect((await call(server, LIST, { key: null, headers: { authorization: "bearer sk-admin-custom" } })).status).toBe(200);
  });

  it("accepts a created key until it is deleted, and records when it was last used", async () => {
    let clock = 1_700_000_000_000;
    const server = await start({ now: () => clock });
    const created = await createKey(server);
    clock += 60_000;
    expect((await call(server, LIST, { key: created.value })).status).toBe(200);
    expect(server.store.get(created.id)?.last_used_at).toBe(clock / 1000);
    // The new last_used_at is what list and retrieve show from then on.
    expect((await call(server, `${LIST}/${created.id}`)).json.last_used_at).toBe(clock / 1000);
    await call(server, `${LIST}/${created.id}`, { method: "DELETE" });
    expectError(await call(server, LIST, { key: created.value }), 401, null);
  });

  it("refuses a created key once it has expired", async () => {
    let clock = 1_700_000_000_000;
    const server = await start({ now: () => clock });
    const created = await createKey(server, { name: "short", expires_in_seconds: 10 });
    expect((await call(server, LIST, { key: created.value })).status).toBe(200);
    clock += 10_000;
    expectError(await call(server, LIST, { key: created.value }), 401, null);
  });
});

describe("acceptAnyKey", () => {
  it("accepts any non-empty bearer credential, spaces included, for every operation", async () => {
    const server = await start({ acceptAnyKey: true, keys: [{ id: "key_id" }] });
    const placeholder = { key: null, headers: { authorization: "Bearer My Admin API Key" } };
    expect((await call(server, LIST, placeholder)).status).toBe(200);
    expect((await call(server, LIST, { key: "sk-anything-at-all" })).status).toBe(200);
    expect((await call(server, LIST, { key: null, headers: { authorization: "bearer x" } })).status).toBe(200);
    expect((await call(server, LIST, { ...placeholder, method: "POST", body: { name: "made with a placeholder" } })).status).toBe(200);
    expect((await call(server, `${LIST}/key_id`, placeholder)).json.id).toBe("key_id");
    expect((await call(server, `${LIST}/key_id`, { ...placeholder, method: "DELETE" })).json).toMatchObject({ id: "key_id", deleted: true });
    // server.apiKey is still a key it accepts, so a client configured from it works unchanged.
    expect(server.apiKey).toBe(DEFAULT_MOCK_API_KEY);
    expect((await call(server, LIST)).status).toBe(200);
    expect(server.store.createdCount).toBe(1);
  });

  it("still answers a missing header with missing_api_key and a non-bearer one with invalid_api_key", async () => {
    const server = await start({ acceptAnyKey: true });
    const missing = await call(server, LIST, { key: null });
    expectError(missing, 401, null);
    expect(missing.json.error.code).toBe("missing_api_key");
    for (const header of ["Basic dXNlcjpwYXNz", "Bearer ", "Bearer", ""]) {
      const malformed = await call(server, LIST, { key: null, headers: { authorization: header } });
      expectError(malformed, 401, null);
      expect(malformed.json.error.code).toBe("invalid_api_key");
    }
    expect(server.store.createdCount).toBe(0);
  });

  it("still records last_used_at for a created key that authenticates, and only for it", async () => {
    let clock = 1_700_000_000_000;
    const server = await start({ acceptAnyKey: true, now: () => clock });
    const created = await createKey(server, { name: "real" });
    clock += 30_000;
    expect((await call(server, LIST, { key: null, headers: { authorization: "Bearer My Admin API Key" } })).status).toBe(200);
    expect(server.store.get(created.id)?.last_used_at).toBeNull();
    clock += 30_000;
    expect((await call(server, LIST, { key: created.value })).status).toBe(200);
    expect(server.store.get(created.id)?.last_used_at).toBe(clock / 1000);
  });

  it("is off by default and with false: a token with spaces or an unknown one is refused", async () => {
    for (const server of [await start(), await start({ acceptAnyKey: false, apiKey: "sk-admin-own" })]) {
      const spaced = await call(server, LIST, { key: null, headers: { authorization: "Bearer My Admin API Key" } });
      expectError(spaced, 401, null);
      expect(spaced.json.error.code).toBe("invalid_api_key");
      expect(spaced.text).not.toContain("My Admin API Key");
      expect((await call(server, LIST, { key: "sk-unknown" })).json.error.code).toBe("invalid_api_key");
      expect((await call(server, LIST)).status).toBe(200);
    }
  });
});

describe("routing", () => {
  it("answers 404 for an unknown path, inside or outside /v1", async () => {
    const server = await start();
    const unknown = await call(server, "/organization/projects");
    expectError(unknown, 404, null);
    expect(unknown.json.error.message).toBe("Invalid URL (GET /v1/organization/projects)");
    const outside = await fetch(server.url.replace(/\/v1$/, "/other"));
    expect(outside.status).toBe(404);
    expect(outside.headers.get("x-request-id")).toMatch(/^req_/);
    expectError(await call(server, `${LIST}/`), 404, null);
    expectError(await call(server, `${LIST}/a/b`), 404, null);
  });

  it("answers 405 with Allow for a method a path does not take", async () => {
    const server = await start();
    const put = await call(server, LIST, { method: "PUT" });
    expectError(put, 405, null);
    expect(put.headers.get("allow")).toBe("GET, POST");
    const patch = await call(server, `${LIST}/key_x`, { method: "PATCH" });
    expect(patch.headers.get("allow")).toBe("GET, DELETE");
  });

  it("gives every response its own x-request-id", async () => {
    const server = await start({ seed: 1 });
    const answers = await Promise.all([call(server, LIST), call(server, `${LIST}/nope`), call(server, "/x", { key: null })]);
    const ids = answers.map((answer) => answer.headers.get("x-request-id"));
    expect(new Set(ids).size).toBe(3);
  });
});
