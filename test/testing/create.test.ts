import { describe, expect, it } from "vitest";
import { LIST, call, createKey, expectError, serverFactory } from "./helpers.js";

const start = serverFactory();
const NOW_MS = 1_800_000_000_000;

describe("create", () => {
  it("returns the secret once, with a redacted value derived from it and expiry from expires_in_seconds", async () => {
    const server = await start({ now: () => NOW_MS });
    const created = await createKey(server, { name: "deploy", expires_in_seconds: 3600 });
    expect(created).toMatchObject({
      object: "organization.admin_api_key",
      name: "deploy",
      created_at: NOW_MS / 1000,
      expires_at: NOW_MS / 1000 + 3600,
      last_used_at: null,
    });
    expect(created.id).toMatch(/^key_[0-9a-f]{16}$/);
    expect(created.value).toMatch(/^sk-admin-[A-Za-z0-9_-]{64}$/);
    expect(created.redacted_value).toBe(`sk-admin...${created.value.slice(-3)}`);
    // The default owner, made 400 days before the server's clock.
    expect(created.owner).toEqual({
      type: "user",
      object: "organization.user",
      id: "user_mock_owner",
      name: "Mock Owner",
      created_at: NOW_MS / 1000 - 400 * 86_400,
      role: "owner",
    });

    const retrieved = await call(server, `${LIST}/${created.id}`);
    const { value: _value, ...withoutValue } = created;
    expect(retrieved.json).toEqual(withoutValue);
    expect(retrieved.text).not.toContain(created.value);
    expect(server.store.get(created.id)).toEqual(withoutValue);
    expect(server.store.createdCount).toBe(1);
  });

  it("makes a key that never expires when expires_in_seconds is left out", async () => {
    const server = await start();
    const created = await createKey(server, { name: "forever" });
    expect(created.expires_at).toBeNull();
    // Stored as null too, not only sent as one.
    expect(server.store.get(created.id)?.expires_at).toBeNull();
  });

  it("records a created key's use of its secret, keeping the rest of its record", async () => {
    let nowMs = NOW_MS;
    const server = await start({ now: () => nowMs });
    const created = await createKey(server, { name: "used" });
    const { value, ...record } = created;
    nowMs += 90_000;
    expect((await call(server, LIST, { key: value })).status).toBe(200);
    const used = { ...record, last_used_at: NOW_MS / 1000 + 90 };
    expect(server.store.get(created.id)).toEqual(used);
    expect((await call(server, `${LIST}/${created.id}`)).json).toEqual(used);
  });

  it("makes a fresh id and secret every time", async () => {
    const server = await start();
    const keys = await Promise.all(Array.from({ length: 20 }, () => createKey(server)));
    expect(new Set(keys.map((k) => k.id)).size).toBe(20);
    expect(new Set(keys.map((k) => k.value)).size).toBe(20);
    expect(server.store.size).toBe(20);
  });

  it("records the configured owner on created keys", async () => {
    const owner = { type: "service_account", object: "organization.service_account", id: "sa_1", name: "bot", created_at: 5, role: "member" };
    const server = await start({ owner });
    expect((await createKey(server)).owner).toEqual(owner);
  });

  it.each([
    [{}, "name"],
    [{ name: "" }, "name"],
    [{ name: 5 }, "name"],
    [{ name: "x", expires_in_seconds: 0 }, "expires_in_seconds"],
    [{ name: "x", expires_in_seconds: 31_536_001 }, "expires_in_seconds"],
    [{ name: "x", expires_in_seconds: 1.5 }, "expires_in_seconds"],
    [{ name: "x", expires_in_seconds: "60" }, "expires_in_seconds"],
  ])("refuses %j with a 400 naming %s, and creates nothing", async (body, param) => {
    const server = await start();
    const answer = await call(server, LIST, { method: "POST", body });
    expectError(answer, 400, param);
    expect(answer.json.error.message).toContain(param);
    expect(server.store.size).toBe(0);
    expect(server.store.createdCount).toBe(0);
  });

  it("states the bound it broke", async () => {
    const server = await start();
    const answer = await call(server, LIST, { method: "POST", body: { name: "x", expires_in_seconds: 31_536_001 } });
    expect(answer.json.error.message).toMatch(/31536000/);
  });

  it.each([
    ["[1,2]", "an array"],
    ['"name"', "a string"],
    ["null", "null"],
    ["42", "a number"],
  ])("refuses a JSON body that is not an object (%s)", async (raw, described) => {
    const server = await start();
    const answer = await call(server, LIST, { method: "POST", raw, headers: { "content-type": "application/json" } });
    expectError(answer, 400, null);
    expect(answer.json.error.message).toContain(described);
  });

  it("refuses invalid JSON without echoing the body", async () => {
    const server = await start();
    const answer = await call(server, LIST, { method: "POST", raw: '{"name": "secret-ish', headers: { "content-type": "application/json" } });
    expectError(answer, 400, null);
    expect(answer.json.error.code).toBe("invalid_json");
    expect(answer.text).not.toContain("secret-ish");
  });

  it("refuses an empty body and a wrong or missing content type", async () => {
    const server = await start();
    expectError(await call(server, LIST, { method: "POST", raw: "", headers: { "content-type": "application/json" } }), 400, null);
    const text = await call(server, LIST, { method: "POST", raw: '{"name":"x"}', headers: { "content-type": "text/plain" } });
    expectError(text, 400, null);
    expect(text.json.error.message).toContain("application/json");
    expectError(await call(server, LIST, { method: "POST", raw: '{"name":"x"}' }), 400, null);
    expect(server.store.size).toBe(0);
  });

  it("accepts JSON content types with parameters", async () => {
    const server = await start();
    const answer = await call(server, LIST, { method: "POST", raw: '{"name":"x"}', headers: { "content-type": "Application/JSON; charset=utf-8" } });
    expect(answer.status).toBe(200);
  });

  it("keeps extra body fields out of the stored key", async () => {
    const server = await start();
    const created = await createKey(server, { name: "x", colour: "blue" });
    expect(created).not.toHaveProperty("colour");
  });
});
