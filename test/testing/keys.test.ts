import { describe, expect, it } from "vitest";
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
