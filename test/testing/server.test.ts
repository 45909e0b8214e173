import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { AdminApiKey } from "../../generated/client.js";
import { DEFAULT_MOCK_API_KEY, type MockResponseRecord, RESPONSE_LOG_ENV, startMockServer } from "../../src/testing/index.js";
import { LIST, call, createKey, serverFactory } from "./helpers.js";
import { assertMatchesSpec, schemaErrors } from "./spec.js";

const start = serverFactory();

const sample: AdminApiKey = {
  object: "organization.admin_api_key",
  id: "key_given",
  name: "Given",
  redacted_value: "sk-admin...xyz",
  created_at: 1711471533,
  expires_at: null,
  last_used_at: 1711471534,
  owner: { type: "user", object: "organization.user", id: "user_123", name: "John Doe", created_at: 1711471533, role: "owner" },
};

describe("startMockServer options", () => {
  it("listens on 127.0.0.1 with an ephemeral port and a /v1 base URL, with the default key", async () => {
    const server = await start();
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
    expect(server.apiKey).toBe(DEFAULT_MOCK_API_KEY);
  });

  it("listens on an IPv6 host, with the address in brackets in its URL", async () => {
    const server = await start({ host: "::1", seed: 1 });
    expect(server.url).toMatch(/^http:\/\/\[::1\]:\d+\/v1$/);
    const answer = await call(server, `${LIST}?limit=1`);
    expect(answer.status).toBe(200);
    expect(answer.json.data).toHaveLength(1);
  });

  it("keeps the key out of inspection and JSON of the server object", async () => {
    const server = await start({ apiKey: "sk-admin-hidden-value" });
    expect(JSON.stringify(Object.keys(server))).not.toContain("hidden");
    const { inspect } = await import("node:util");
    expect(inspect(server, { depth: 0 })).not.toContain("sk-admin-hidden-value");
  });

  it("preloads exact records and serves them unchanged", async () => {
    const server = await start({ keys: [sample] });
    expect((await call(server, `${LIST}/key_given`)).json).toEqual(sample);
    expect(server.store.get("key_given")).toEqual(sample);
    // The server keeps its own copy: changing the caller's object changes nothing.
    const copy = structuredClone(sample);
    const other = await start({ keys: [copy] });
    copy.name = "changed";
    expect(other.store.get("key_given")?.name).toBe("Given");
  });

  it("fills a partial key's required fields with the same defaults on every start, valid against the spec", async () => {
    const now = () => 1_800_000_000_000;
    const first = await start({ keys: [{ id: "key_id" }, { id: "key_named", name: "CI", expires_at: 1_900_000_000 }], now });
    const bare = first.store.get("key_id");
    expect(bare).toEqual({
      object: "organization.admin_api_key",
      id: "key_id",
      redacted_value: expect.stringMatching(/^sk-admin\.\.\.[\w-]{3}$/),
      created_at: 1_800_000_000,
      expires_at: null,
      owner: expect.objectContaining({ id: "user_mock_owner", object: "organization.user" }),
    });
    // Optional fields stay out unless given, as the spec allows.
    expect(bare).not.toHaveProperty("name");
    expect(bare).not.toHaveProperty("last_used_at");
    expect(first.store.get("key_named")).toMatchObject({ id: "key_named", name: "CI", expires_at: 1_900_000_000, created_at: 1_800_000_000 });
    for (const key of first.store.list()) expect(schemaErrors("AdminApiKey", key)).toBeNull();
    // Served over HTTP as stored, and the same on the next start.
    expect((await call(first, `${LIST}/key_id`)).json).toEqual(bare);
    const second = await start({ keys: [{ id: "key_id" }], now });
    expect(second.store.get("key_id")).toEqual(bare);
    // Equal created_at: the list orders them by id.
    expect((await call(first, LIST)).json.data.map((key: AdminApiKey) => key.id)).toEqual(["key_id", "key_named"]);
  });

  it("gives a partial key the server's owner, and keeps a complete record byte for byte", async () => {
    const owner = sample.owner;
    const server = await start({ owner, keys: [{ id: "key_owned" }, sample] });
    expect(server.store.get("key_owned")?.owner).toEqual(owner);
    expect((await call(server, `${LIST}/key_given`)).text).toBe(JSON.stringify(sample));
    // A record the spec accepts without its optional fields is not given any.
    const { name: _name, last_used_at: _used, ...sparse } = sample;
    const other = await start({ keys: [sparse] });
    expect((await call(other, `${LIST}/key_given`)).text).toBe(JSON.stringify(sparse));
  });

  it("seeds the same deterministic keys on every start, valid against the spec, alongside given keys", async () => {
    const first = await start({ seed: 60, now: () => 1_800_000_000_000 });
    const second = await start({ seed: 60, keys: [sample], now: () => 1_800_000_000_000 });
    expect(first.store.list()).toEqual(second.store.list().filter((key) => key.id !== "key_given"));
    expect(second.store.size).toBe(61);
    for (const key of first.store.list()) expect(schemaErrors("AdminApiKey", key)).toBeNull();
    const names = first.store.list().map((key) => key.name);
    expect(names).toContain(null);
    const expiries = first.store.list().map((key) => key.expires_at);
    expect(expiries).toContain(null);
    expect(expiries.some((value) => value !== null)).toBe(true);
    // Pairs share a creation second, so the id tie-break is exercised.
    const seconds = first.store.list().map((key) => key.created_at);
    expect(new Set(seconds).size).toBeLessThan(seconds.length);
  });

  it.each<[string, Record<string, unknown>, RegExp]>([
    ["apiKey", { apiKey: "" }, /options.apiKey/],
    ["apiKey with a space", { apiKey: "a b" }, /options.apiKey/],
    ["host", { host: "" }, /options.host/],
    ["port", { port: 70_000 }, /options.port must be an integer from 0 to 65535; got 70000/],
    ["seed", { seed: -1 }, /options.seed/],
    ["seed fraction", { seed: 2.5 }, /options.seed/],
    ["maxBodyBytes", { maxBodyBytes: 0 }, /options.maxBodyBytes/],
    ["recordLimit", { recordLimit: -1 }, /options.recordLimit/],
    ["now", { now: 5 }, /options.now/],
    ["onResponse", { onResponse: "log" }, /options.onResponse/],
    ["keys", { keys: "key_1" }, /options.keys must be an array/],
    ["keys entry", { keys: [{ ...sample, created_at: "yesterday" }] }, /options.keys\[0\] must match the spec's AdminApiKey schema; got a record where \/created_at must be integer/],
    ["keys entry without an id", { keys: [{ name: "no id" }] }, /options.keys\[0\].id must be a non-empty string \(the other fields may be left out\); got undefined/],
    ["keys entry with an empty id", { keys: [{ id: "" }] }, /options.keys\[0\].id must be a non-empty string .*; got ""/],
    ["keys entry that is not an object", { keys: [{ id: "key_1" }, "key_2"] }, /options.keys\[1\] must be an object with at least an id; got "key_2"/],
    ["partial keys entry with a wrong field", { keys: [{ id: "key_1", expires_at: "never" }] }, /options.keys\[0\] must match the spec's AdminApiKey schema; got a record where \/expires_at must be integer/],
    ["partial keys repeating an id", { keys: [{ id: "key_1" }, { id: "key_1", name: "again" }] }, /options.keys\[1\].id must be unique; got "key_1" again/],
    ["acceptAnyKey", { acceptAnyKey: "yes" }, /options.acceptAnyKey must be true or false; got "yes"/],
    ["acceptAnyKey as a number", { acceptAnyKey: 1 }, /options.acceptAnyKey must be true or false; got 1/],
    ["acceptAnyKey with apiKey", { acceptAnyKey: true, apiKey: "sk-admin-own" }, /options.acceptAnyKey must be false when options.apiKey is given/],
    ["duplicate keys", { keys: [sample, sample] }, /options.keys\[1\].id must be unique; got "key_given" again/],
    ["keys entry secret with a space", { keys: [{ id: "key_1", secret: "sk-admin bad" }] }, /options.keys\[0\].secret must be a non-empty string of printable ASCII without spaces; got a string that/],
    ["keys entry secret that is the server's key", { keys: [{ id: "key_1", secret: "sk-admin-local-mock-key" }] }, /options.keys\[0\].secret must be unique .*; got one already in use/],
    ["owner", { owner: { name: 5 } }, /options.owner must match the spec's AdminApiKeyOwner schema; got a record where \/name must be string/],
    ["owner that is not an object", { owner: 5 }, /^options.owner must match the spec's AdminApiKeyOwner schema; got a record where the record must be object\.$/],
  ])("refuses a bad %s option, naming it", async (_label, options, message) => {
    await expect(startMockServer(options as never)).rejects.toThrow(message);
  });

  it("reports a port already in use", async () => {
    const server = await start();
    const port = Number(new URL(server.url).port);
    await expect(startMockServer({ port })).rejects.toThrow(/EADDRINUSE/);
  });
});

describe("server.store", () => {
  it("counts creates and deletes, and its records cannot be changed", async () => {
    const server = await start({ seed: 3 });
    const created = await createKey(server);
    await call(server, `${LIST}/${created.id}`, { method: "DELETE" });
    await createKey(server);
    expect(server.store).toMatchObject({ size: 4, createdCount: 2, deletedCount: 1 });
    const record = server.store.list()[0];
    expect(Object.isFrozen(record)).toBe(true);
    expect(Object.isFrozen(record?.owner)).toBe(true);
    expect(server.store.list("desc").map((key) => key.id)).toEqual(server.store.list().map((key) => key.id).reverse());
    expect(server.store.get("key_nope")).toBeUndefined();
  });
});

describe("server.requests", () => {
  it("counts per route by operation id or METHOD path, and keeps requests without the Authorization header", async () => {
    const server = await start({ seed: 1 });
    await call(server, `${LIST}?limit=1`, { headers: { "user-agent": "probe/1" } });
    await call(server, LIST, { method: "POST", body: { name: "x" } });
    await call(server, "/unknown");
    expect(server.requests.count()).toBe(3);
    expect(server.requests.count("*")).toBe(3);
    expect(server.requests.count("admin-api-keys-list")).toBe(1);
    expect(server.requests.count("POST /organization/admin_api_keys")).toBe(1);
    expect(server.requests.count("admin-api-keys-delete")).toBe(0);
    const [list] = server.requests.all("GET /organization/admin_api_keys");
    expect(list).toMatchObject({ method: "GET", url: "/v1/organization/admin_api_keys?limit=1", operationId: "admin-api-keys-list", body: undefined });
    expect(list?.headers["user-agent"]).toBe("probe/1");
    expect(list?.headers).not.toHaveProperty("authorization");
    expect(JSON.stringify(server.requests.all())).not.toContain(server.apiKey);
    expect(server.requests.all("admin-api-keys-create")[0]?.body).toEqual({ name: "x" });
    expect(server.requests.all().map((record) => record.operationId)).toEqual(["admin-api-keys-list", "admin-api-keys-create", null]);
    server.requests.clear();
    expect(server.requests.count()).toBe(0);
    expect(server.requests.all()).toEqual([]);
    expect(() => server.requests.count("nope" as never)).toThrow(/; got "nope" \(an unknown route\)/);
  });

  it("keeps only the newest recordLimit requests but counts all of them", async () => {
    const server = await start({ recordLimit: 3 });
    for (let index = 0; index < 8; index++) await call(server, `${LIST}?limit=${index + 1}`);
    expect(server.requests.count()).toBe(8);
    expect(server.requests.all().map((record) => record.url)).toEqual([6, 7, 8].map((n) => `/v1/organization/admin_api_keys?limit=${n}`));
    const none = await start({ recordLimit: 0 });
    await call(none, LIST);
    expect(none.requests.count()).toBe(1);
    expect(none.requests.all()).toEqual([]);
  });
});

describe("response hooks", () => {
  const previous = process.env[RESPONSE_LOG_ENV];
  afterEach(() => {
    if (previous === undefined) delete process.env[RESPONSE_LOG_ENV];
    else process.env[RESPONSE_LOG_ENV] = previous;
  });

  it("hands every response to onResponse with its operation, status and parsed body", async () => {
    const records: MockResponseRecord[] = [];
    const server = await start({ seed: 1, onResponse: (record) => records.push(record) });
    await call(server, `${LIST}?limit=1`);
    await call(server, `${LIST}/missing`);
    server.faults.add("admin-api-keys-list", { kind: "malformed" });
    await call(server, LIST);
    expect(records.map((record) => [record.operationId, record.status, record.fault])).toEqual([
      ["admin-api-keys-list", 200, null],
      ["admin-api-keys-get", 404, null],
      ["admin-api-keys-list", 200, "malformed"],
    ]);
    expect(records[0]?.body).toMatchObject({ object: "list", has_more: false });
    expect(typeof records[2]?.body).toBe("string");
    expect(records[1]?.headers["x-request-id"]).toMatch(/^req_/);
  });

  it(`appends every response to the file named by ${RESPONSE_LOG_ENV}, with created secrets replaced`, async () => {
    const directory = mkdtempSync(join(tmpdir(), "mock-log-"));
    const file = join(directory, "responses.ndjson");
    process.env[RESPONSE_LOG_ENV] = file;
    try {
      const heard: MockResponseRecord[] = [];
      const server = await start({ onResponse: (record) => heard.push(record) });
      const created = await createKey(server);
      const fetched = await call(server, `${LIST}/${created.id}`);
      server.faults.add("admin-api-keys-list", { kind: "malformed", body: "{not json" });
      server.faults.add("admin-api-keys-list", { kind: "malformed", body: "null" });
      await call(server, LIST);
      await call(server, LIST);
      const lines = readFileSync(file, "utf8").trim().split("\n").map((line) => JSON.parse(line) as MockResponseRecord);
      expect(lines.map((line) => line.operationId)).toEqual(["admin-api-keys-create", "admin-api-keys-get", "admin-api-keys-list", "admin-api-keys-list"]);
      // The secret is replaced, the rest of the created key is there as sent.
      expect(readFileSync(file, "utf8")).not.toContain(created.value);
      expect(lines[0]?.body).toEqual({ ...created, value: "sk-admin-[redacted]" });
      // A body without a secret, one that is not JSON at all and a JSON null are logged as they were sent.
      expect(lines[1]?.body).toEqual(fetched.json);
      expect(lines[2]?.body).toBe("{not json");
      expect(lines[3]?.body).toBeNull();
      // onResponse hears the same responses, the created secret included (its caller's to guard).
      expect(heard.map((record) => record.body)).toEqual([created, fetched.json, "{not json", null]);
      for (const line of lines.slice(0, 2)) assertMatchesSpec(line);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });

  it("the spec check itself fails on a body that breaks the spec, naming operation, status and problem", () => {
    const broken: MockResponseRecord = {
      requestId: "req_1",
      operationId: "admin-api-keys-list",
      method: "GET",
      url: "/v1/organization/admin_api_keys",
      status: 200,
      headers: { "x-request-id": "req_1" },
      body: { object: "list", data: [{ id: "key_1" }], has_more: "no" },
      fault: null,
    };
    expect(() => assertMatchesSpec(broken)).toThrow(/admin-api-keys-list 200 breaks #\/components\/schemas\/ApiKeyList: .*has_more must be boolean/);
    expect(() => assertMatchesSpec({ ...broken, status: 404, body: { error: { message: "x" } } })).toThrow(/ErrorResponse/);
    expect(() => assertMatchesSpec({ ...broken, headers: {}, body: { object: "list", data: [], has_more: false } })).toThrow(/x-request-id/);
  });
});

describe("keys given with their secret", () => {
  it("authenticate with that secret, which is never served", async () => {
    const server = await start({ keys: [{ id: "key_returning", secret: "sk-admin-RETURNING-SECRET" }] });
    const withSecret = await call(server, "/organization/admin_api_keys/key_returning", { key: "sk-admin-RETURNING-SECRET" });
    expect(withSecret.status).toBe(200);
    expect(withSecret.text).not.toContain("RETURNING-SECRET");
    expect(withSecret.json.last_used_at).toEqual(expect.any(Number));
    const listed = await call(server, "/organization/admin_api_keys");
    expect(listed.text).not.toContain("RETURNING-SECRET");
    expect((await call(server, "/organization/admin_api_keys", { key: "sk-admin-OTHER" })).status).toBe(401);
  });
});
