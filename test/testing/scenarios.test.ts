// One table of scenarios, run against each way of reaching the emulator's core: the node:http
// adapter (startMockServer on 127.0.0.1), the in-process fetch (createMockApi's own fetch, no
// socket), and MSW's setupServer with adminKeysHandlers. Each scenario drives the real client
// and/or plain fetch and checks error classes, statuses and what the emulator counted; every
// response the core produced is checked against the spec after each scenario.

import { setupServer } from "msw/node";
import { afterEach, describe, expect, it, vi } from "vitest";
import { adminKeysHandlers } from "../../src/msw.js";
import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  type AdminKeysClient,
  AuthenticationError,
  InternalServerError,
  InvalidParameterError,
  NotFoundError,
  RateLimitError,
  type ClientOptions,
  createAdminKeysClient,
} from "../../src/index.js";
import { type MockApi, type MockApiFetch, type MockApiOptions, createMockApi, startMockServer } from "../../src/testing/index.js";
import { LIST, call, expectError } from "./helpers.js";
import { specRecorder } from "./spec.js";

/** The emulator behind one adapter, as a scenario sees it. */
interface Running extends Pick<MockApi, "url" | "apiKey" | "store" | "faults" | "requests"> {
  /** The fetch for plain calls: undefined means the global one (a socket, or MSW's interception). */
  readonly fetch: MockApiFetch | undefined;
  close(): Promise<void>;
}

interface Adapter {
  readonly name: string;
  start(options: MockApiOptions): Promise<Running>;
}

function running(source: Pick<MockApi, "url" | "apiKey" | "store" | "faults" | "requests">, fetch: MockApiFetch | undefined, close: () => Promise<void>): Running {
  const { url, store, faults, requests } = source;
  return { url, apiKey: source.apiKey, store, faults, requests, fetch, close };
}

const adapters: readonly Adapter[] = [
  {
    name: "node:http (startMockServer)",
    async start(options) {
      const server = await startMockServer(options);
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
      return running(server, undefined, () => server.close());
    },
  },
  {
    name: "in-process fetch (createMockApi)",
    async start(options) {
      const mock = createMockApi(options);
      return running(mock, mock.fetch, () => mock.close());
    },
  },
  {
    name: "MSW setupServer (adminKeysHandlers)",
    async start(options) {
      const mock = createMockApi(options);
      const server = setupServer(...adminKeysHandlers(mock));
      server.listen({ onUnhandledRequest: "error" });
      return running(mock, undefined, async () => {
        server.close();
        await mock.close();
      });
    },
  },
];

interface Scenario {
  readonly name: string;
  readonly options?: MockApiOptions;
  run(emulator: Running, client: (options?: ClientOptions) => AdminKeysClient): Promise<void>;
}

const LIST_OP = "admin-api-keys-list";

/** What a call rejected with; fails the test when it resolved. */
async function rejection(call: PromiseLike<unknown>): Promise<unknown> {
  try {
    await call;
  } catch (error) {
    return error;
  }
  throw new Error("expected a rejection");
}

const scenarios: readonly Scenario[] = [
  // ── pagination ─────────────────────────────────────────────────────────────────────────────
  {
    name: "pages 250 keys at limit 100 in 3 requests, each key once, in the store's order",
    options: { seed: 250 },
    async run(emulator, client) {
      const ids = (await client().adminApiKeys.list({ limit: 100 }).toArray()).map((key) => key.id);
      expect(ids).toEqual(emulator.store.list().map((key) => key.id));
      expect(emulator.requests.count(LIST_OP)).toBe(3);
      const urls = emulator.requests.all(LIST_OP).map((record) => record.url);
      expect(urls[0]).toBe(`/v1${LIST}?limit=100`);
      expect(urls[2]).toMatch(/[?&]after=key_/);
    },
  },
  {
    name: "pages 40 keys at limit 20 in 2 requests, stopping at has_more false on a full page",
    options: { seed: 40 },
    async run(emulator, client) {
      const pages = [];
      for await (const page of client().adminApiKeys.list({ limit: 20, order: "desc" }).pages()) pages.push(page.data.length);
      expect(pages).toEqual([20, 20]);
      expect(emulator.requests.count(LIST_OP)).toBe(2);
    },
  },
  // ── faults ─────────────────────────────────────────────────────────────────────────────────
  {
    name: "a 429 with Retry-After is a RateLimitError without retries, then a retried success",
    options: { seed: 3 },
    async run(emulator, client) {
      emulator.faults.add(LIST_OP, { kind: "status", status: 429, retryAfter: 0 });
      const limited = await rejection(client().adminApiKeys.list());
      expect(limited).toBeInstanceOf(RateLimitError);
      expect(limited).toMatchObject({ status: 429, code: "rate_limit_exceeded", requestId: expect.stringMatching(/^req_[0-9a-f]{32}$/) });
      expect(limited instanceof APIError ? limited.headers?.get("retry-after") : undefined).toBe("0");
      emulator.faults.add(LIST_OP, { kind: "status", status: 429, retryAfter: 0 });
      expect((await client({ maxRetries: 1 }).adminApiKeys.list()).data).toHaveLength(3);
      expect(emulator.requests.count(LIST_OP)).toBe(3);
      expect(emulator.faults.pending()).toBe(0);
    },
  },
  {
    name: "a 500 on create is an InternalServerError, not retried, nothing created",
    async run(emulator, client) {
      emulator.faults.add("admin-api-keys-create", { kind: "status", status: 500 });
      const failed = await rejection(client({ maxRetries: 2 }).adminApiKeys.create({ name: "x" }));
      expect(failed).toBeInstanceOf(InternalServerError);
      expect(failed).toMatchObject({ status: 500, type: "server_error" });
      expect(emulator.requests.count("admin-api-keys-create")).toBe(1);
      expect(emulator.store.createdCount).toBe(0);
    },
  },
  {
    name: "a drop is a connection error (TypeError to plain fetch); a GET is retried past it",
    options: { keys: [{ id: "key_a" }] },
    async run(emulator, client) {
      emulator.faults.add("admin-api-keys-get", { kind: "drop" });
      await expect(call(emulator, `${LIST}/key_a`)).rejects.toBeInstanceOf(TypeError);
      emulator.faults.add("admin-api-keys-get", { kind: "drop" });
      const dropped = await rejection(client().adminApiKeys.retrieve("key_a"));
      expect(dropped).toBeInstanceOf(APIConnectionError);
      expect(dropped).not.toBeInstanceOf(APIConnectionTimeoutError);
      emulator.faults.add("admin-api-keys-get", { kind: "drop" });
      expect((await client({ maxRetries: 1 }).adminApiKeys.retrieve("key_a")).id).toBe("key_a");
      expect(emulator.requests.count("admin-api-keys-get")).toBe(4);
    },
  },
  {
    name: "a malformed body is an APIError that is not retried; the next request is served",
    options: { seed: 2 },
    async run(emulator, client) {
      emulator.faults.add(LIST_OP, { kind: "malformed" });
      const broken = await rejection(client({ maxRetries: 2 }).adminApiKeys.list());
      expect(broken).toBeInstanceOf(APIError);
      expect(broken).toMatchObject({ status: 200 });
      expect(emulator.requests.count(LIST_OP)).toBe(1);
      expect((await client().adminApiKeys.list()).data).toHaveLength(2);
    },
  },
  {
    name: "commit-then-fail commits the create and answers 500",
    async run(emulator, client) {
      emulator.faults.add("admin-api-keys-create", { kind: "commit-then-fail" });
      expect(await rejection(client().adminApiKeys.create({ name: "ghost" }))).toBeInstanceOf(InternalServerError);
      expect(emulator.store.createdCount).toBe(1);
      expect(emulator.store.list().map((key) => key.name)).toEqual(["ghost"]);
    },
  },
  {
    name: "a delay past the client's timeout is a timeout error, and the create still commits",
    async run(emulator, client) {
      emulator.faults.add("admin-api-keys-create", { kind: "delay", ms: 200 });
      const late = await rejection(client({ timeoutMs: 40 }).adminApiKeys.create({ name: "late" }));
      expect(late).toBeInstanceOf(APIConnectionTimeoutError);
      expect(emulator.store.createdCount).toBe(0);
      await vi.waitFor(() => expect(emulator.store.createdCount).toBe(1), { timeout: 5_000, interval: 20 });
      expect(emulator.requests.count("admin-api-keys-create")).toBe(1);
      // The answer nobody waited for is not a response sent (the spec check sees only this list).
      expect((await client().adminApiKeys.list()).data.map((key) => key.name)).toEqual(["late"]);
    },
  },
  {
    name: "a body over maxBodyBytes is a 413 and creates nothing",
    options: { maxBodyBytes: 64 },
    async run(emulator, client) {
      const refused = await rejection(client().adminApiKeys.create({ name: "n".repeat(100) }));
      expect(refused).toBeInstanceOf(APIError);
      expect(refused).toMatchObject({ status: 413, code: "request_too_large" });
      expect((await client().adminApiKeys.create({ name: "short" })).name).toBe("short");
      expect(emulator.store.createdCount).toBe(1);
      expect(emulator.requests.count("admin-api-keys-create")).toBe(2);
    },
  },
  // ── auth ───────────────────────────────────────────────────────────────────────────────────
  {
    name: "no Authorization header is 401 missing_api_key",
    async run(emulator) {
      const answer = await call(emulator, LIST, { key: null });
      expectError(answer, 401, null);
      expect(answer.json.error.code).toBe("missing_api_key");
      expect(emulator.requests.count(LIST_OP)).toBe(1);
    },
  },
  {
    name: "a wrong key is an AuthenticationError, the key not echoed, nothing created",
    async run(emulator, client) {
      const refused = await rejection(client({ apiKey: "sk-admin-wrong-one" }).adminApiKeys.create({ name: "x" }));
      expect(refused).toBeInstanceOf(AuthenticationError);
      expect(refused).toMatchObject({ status: 401, code: "invalid_api_key" });
      expect(String(refused instanceof Error ? refused.message : "")).not.toContain("wrong-one");
      expect(emulator.store.createdCount).toBe(0);
      expect(emulator.requests.count("admin-api-keys-create")).toBe(1);
    },
  },
  {
    name: "a malformed Authorization header is 401 invalid_api_key, echoing nothing of it",
    async run(emulator) {
      const answer = await call(emulator, LIST, { key: null, headers: { authorization: `Basic ${emulator.apiKey}` } });
      expectError(answer, 401, null);
      expect(answer.json.error.code).toBe("invalid_api_key");
      expect(answer.text).not.toContain(emulator.apiKey);
    },
  },
  {
    name: "acceptAnyKey lets any bearer credential in, placeholders with spaces too",
    options: { acceptAnyKey: true, keys: [{ id: "key_id" }] },
    async run(emulator, client) {
      expect((await client({ apiKey: "sk-any-placeholder" }).adminApiKeys.retrieve("key_id")).id).toBe("key_id");
      expect((await call(emulator, LIST, { key: null, headers: { authorization: "Bearer My Admin API Key" } })).status).toBe(200);
      expect((await call(emulator, LIST, { key: null })).json.error.code).toBe("missing_api_key");
      expect(emulator.requests.count()).toBe(3);
    },
  },
  // ── garbage ────────────────────────────────────────────────────────────────────────────────
  {
    name: "invalid JSON is 400 invalid_json without echoing the body",
    async run(emulator) {
      const answer = await call(emulator, LIST, { method: "POST", raw: '{"name": "secret-ish', headers: { "content-type": "application/json" } });
      expectError(answer, 400, null);
      expect(answer.json.error.code).toBe("invalid_json");
      expect(answer.text).not.toContain("secret-ish");
      expect(emulator.store.createdCount).toBe(0);
      expect(emulator.requests.all("admin-api-keys-create")[0]?.body).toBeUndefined();
    },
  },
  {
    name: "a wrong content type is 400 unsupported_content_type",
    async run(emulator) {
      const answer = await call(emulator, LIST, { method: "POST", raw: '{"name":"x"}', headers: { "content-type": "text/plain" } });
      expectError(answer, 400, null);
      expect(answer.json.error.code).toBe("unsupported_content_type");
      expect(emulator.store.createdCount).toBe(0);
    },
  },
  {
    name: "an unknown route beneath the API is 404 unknown_url, counted but routed nowhere",
    async run(emulator) {
      const answer = await call(emulator, `${LIST}/key_x/extra`);
      expectError(answer, 404, null);
      expect(answer.json.error).toMatchObject({ code: "unknown_url", message: `Invalid URL (GET /v1${LIST}/key_x/extra)` });
      expect(emulator.requests.count()).toBe(1);
      expect(emulator.requests.count("admin-api-keys-get")).toBe(0);
    },
  },
  {
    name: "a wrong method is 405 with Allow",
    async run(emulator) {
      const answer = await call(emulator, LIST, { method: "PUT", body: { name: "x" } });
      expectError(answer, 405, null);
      expect(answer.headers.get("allow")).toBe("GET, POST");
      expect(emulator.store.createdCount).toBe(0);
    },
  },
  {
    name: "a non-numeric query is 400 naming limit; the client refuses it before sending",
    options: { seed: 1 },
    async run(emulator, client) {
      const answer = await call(emulator, `${LIST}?limit=abc`);
      expectError(answer, 400, "limit");
      expect(emulator.requests.count(LIST_OP)).toBe(1);
      // @ts-expect-error: a string where the types want a number, as untyped callers send.
      expect(await rejection(client().adminApiKeys.list({ limit: "abc" }))).toBeInstanceOf(InvalidParameterError);
      expect(emulator.requests.count(LIST_OP)).toBe(1);
    },
  },
  // ── delete ─────────────────────────────────────────────────────────────────────────────────
  {
    name: "after delete, retrieve and delete are NotFoundError naming the id, and list no longer has it",
    options: { seed: 2 },
    async run(emulator, client) {
      const { adminApiKeys } = client();
      const created = await adminApiKeys.create({ name: "short-lived" });
      expect(await adminApiKeys.delete(created.id)).toEqual({ id: created.id, object: "organization.admin_api_key.deleted", deleted: true });
      const retrieved = await rejection(adminApiKeys.retrieve(created.id));
      expect(retrieved).toBeInstanceOf(NotFoundError);
      expect(retrieved).toMatchObject({ status: 404, param: "key_id" });
      expect(await rejection(adminApiKeys.delete(created.id))).toBeInstanceOf(NotFoundError);
      expect((await adminApiKeys.list().toArray()).map((key) => key.id)).not.toContain(created.id);
      expect(emulator.store).toMatchObject({ size: 2, createdCount: 1, deletedCount: 1 });
      expect([emulator.requests.count("admin-api-keys-delete"), emulator.requests.count("admin-api-keys-get")]).toEqual([2, 1]);
    },
  },
];

describe.each(adapters)("$name", (adapter) => {
  let started: Running | undefined;
  let recorder = specRecorder();

  afterEach(async () => {
    await started?.close();
    started = undefined;
    // Every response the core produced in the scenario matches the spec.
    expect(recorder.check()).toBeGreaterThan(0);
  });

  it.each(scenarios)("$name", async (scenario) => {
    recorder = specRecorder();
    const emulator = await adapter.start({ ...scenario.options, onResponse: recorder.onResponse });
    started = emulator;
    // A client as a user would make one: over a socket and under MSW it keeps the global fetch
    // (MSW's, since the client is made after listen()); in process it is handed the mock's.
    const client = (options: ClientOptions = {}) =>
      createAdminKeysClient({
        apiKey: emulator.apiKey,
        baseUrl: emulator.url,
        maxRetries: 0,
        ...(emulator.fetch === undefined ? {} : { fetch: emulator.fetch }),
        ...options,
      });
    await scenario.run(emulator, client);
  });
});

describe("the table", () => {
  it("runs every scenario against three adapters", () => {
    expect(adapters).toHaveLength(3);
    expect(scenarios.length).toBeGreaterThanOrEqual(19);
  });
});
