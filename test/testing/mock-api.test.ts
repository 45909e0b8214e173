// The emulator's core in process: createMockApi's fetch, with no port and no socket. What a socket
// would do is expressed the way fetch expresses it: a drop or a close is a rejected TypeError with
// undici's cause codes, an abort rejects with the signal's reason while the server side carries
// on, and the body limit applies to the body read from the Request.

import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inspect } from "node:util";
import OpenAI from "openai";
import { afterEach, describe, expect, it, vi } from "vitest";
import { APIConnectionError, NotFoundError, createAdminKeysClient } from "../../src/index.js";
import { DEFAULT_MOCK_API_KEY, MOCK_API_URL, type MockResponseRecord, RESPONSE_LOG_ENV, createMockApi } from "../../src/testing/index.js";
import { LIST, call, createKey, expectError, mockApiFactory, serverFactory } from "./helpers.js";
import { assertMatchesSpec } from "./spec.js";

const make = mockApiFactory();
const start = serverFactory();
const auth = { authorization: `Bearer ${DEFAULT_MOCK_API_KEY}` };

/** A body of `chunks` × 64 KiB, counting what the emulator pulled from it. */
function counted(chunks: number): { body: ReadableStream<Uint8Array>; pulled: () => number } {
  let pulled = 0;
  const body = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (pulled >= chunks * 65_536) return controller.close();
        pulled += 65_536;
        controller.enqueue(new Uint8Array(65_536).fill(0x20));
      },
    },
    { highWaterMark: 0 },
  );
  return { body, pulled: () => pulled };
}

function streamingInit(body: ReadableStream<Uint8Array>, headers: Record<string, string>): RequestInit & { duplex: "half" } {
  return { method: "POST", body, headers: { ...auth, "content-type": "application/json", ...headers }, duplex: "half" };
}

describe("createMockApi", () => {
  it("has an https base URL the client takes as it is, and keeps its key out of inspection", () => {
    const mock = make({ apiKey: "sk-admin-hidden-value" });
    expect(mock.url).toBe(MOCK_API_URL);
    expect(MOCK_API_URL).toBe("https://admin-keys.test/v1");
    expect(() => createAdminKeysClient({ apiKey: mock.apiKey, baseUrl: mock.url, fetch: mock.fetch })).not.toThrow();
    expect(mock.apiKey).toBe("sk-admin-hidden-value");
    expect(inspect(mock, { depth: 0 })).not.toContain("hidden-value");
  });

  it("checks its options as startMockServer does, and has no host or port to check", () => {
    expect(() => createMockApi({ seed: -1 })).toThrow(/options.seed/);
    expect(() => createMockApi({ acceptAnyKey: true, apiKey: "sk-admin-own" })).toThrow(/options.acceptAnyKey must be false when options.apiKey is given/);
    // A JavaScript caller passing server options gets them ignored, not refused.
    expect(() => createMockApi({ port: 70_000, host: "" } as never)).not.toThrow();
  });

  it("serves the client with no port and no socket: list, create, retrieve, delete, 404", async () => {
    const mock = make({ seed: 30 });
    const { adminApiKeys } = createAdminKeysClient({ apiKey: mock.apiKey, baseUrl: mock.url, fetch: mock.fetch, maxRetries: 0 });
    expect((await adminApiKeys.list({ limit: 20 }).toArray()).length).toBe(30);
    const created = await adminApiKeys.create({ name: "in process" });
    expect((await adminApiKeys.retrieve(created.id)).name).toBe("in process");
    await adminApiKeys.delete(created.id);
    await expect(adminApiKeys.retrieve(created.id)).rejects.toBeInstanceOf(NotFoundError);
    expect(mock.requests.count("admin-api-keys-list")).toBe(2);
    expect(mock.store).toMatchObject({ size: 30, createdCount: 1, deletedCount: 1 });
  });

  it("is a fetch the official openai SDK takes too", async () => {
    const mock = make({ seed: 5 });
    const sdk = new OpenAI({ apiKey: "sk-unused", adminAPIKey: mock.apiKey, baseURL: mock.url, fetch: mock.fetch, maxRetries: 0 });
    const ids: string[] = [];
    for await (const key of sdk.admin.organization.adminAPIKeys.list({ limit: 2 })) ids.push(key.id);
    expect(ids).toEqual(mock.store.list().map((key) => key.id));
    expect(mock.requests.count("admin-api-keys-list")).toBe(3);
  });

  it("takes fetch's arguments: a Request, a string with init, a URL; and refuses a relative URL as fetch does", async () => {
    const mock = make({ seed: 1 });
    expect((await mock.fetch(new Request(`${mock.url}${LIST}`, { headers: auth }))).status).toBe(200);
    expect((await mock.fetch(`${mock.url}${LIST}`, { headers: auth })).status).toBe(200);
    expect((await mock.fetch(new URL(`${mock.url}${LIST}?limit=1`), { headers: auth })).status).toBe(200);
    expect((await mock.fetch(`${mock.url}${LIST}`)).status).toBe(401);
    // init applies over a Request's own, as with fetch.
    expect((await mock.fetch(new Request(`${mock.url}${LIST}`), { headers: auth })).status).toBe(200);
    expect((await mock.fetch(new Request(`${mock.url}${LIST}`, { headers: auth }), { method: "PUT" })).status).toBe(405);
    await expect(mock.fetch("/v1/organization/admin_api_keys")).rejects.toBeInstanceOf(TypeError);
    expect(mock.requests.all().map((record) => [record.method, record.url])).toEqual([
      ["GET", `/v1${LIST}`],
      ["GET", `/v1${LIST}`],
      ["GET", `/v1${LIST}?limit=1`],
      ["GET", `/v1${LIST}`],
      ["GET", `/v1${LIST}`],
      ["PUT", `/v1${LIST}`],
    ]);
  });

  it("logs a request's headers without its authorization", async () => {
    const mock = make();
    await mock.fetch(`${mock.url}${LIST}`, { headers: { ...auth, "x-trace": "t1" } });
    const [record] = mock.requests.all();
    expect(record?.headers).toMatchObject({ "x-trace": "t1" });
    expect(record?.headers).not.toHaveProperty("authorization");
    expect(JSON.stringify(mock.requests.all())).not.toContain(DEFAULT_MOCK_API_KEY);
  });

  it("refuses a Request whose body is already used as fetch does, sending and counting nothing", async () => {
    const mock = make();
    const used = () => new Request(`${mock.url}${LIST}`, { method: "POST", headers: { ...auth, "content-type": "application/json" }, body: '{"name":"x"}' });
    const forFetch = used();
    const forMock = used();
    await forFetch.text();
    await forMock.text();
    const fetchError = await fetch(forFetch).catch((error: unknown) => error);
    expect(fetchError).toBeInstanceOf(TypeError);
    const mockError = await mock.fetch(forMock).catch((error: unknown) => error);
    expect(mockError).toBeInstanceOf(TypeError);
    expect((mockError as TypeError).message).toBe((fetchError as TypeError).message);
    expect([mock.requests.count(), mock.store.createdCount]).toEqual([0, 0]);
  });

  it("routes on the path alone, whatever the host", async () => {
    const mock = make({ seed: 1 });
    expect((await mock.fetch(`http://127.0.0.1/v1${LIST}`, { headers: auth })).status).toBe(200);
    expect((await mock.fetch(`https://api.openai.com/v1${LIST}`, { headers: auth })).status).toBe(200);
  });

  it("answers Responses as node:http would send them: status text, x-request-id, Allow, and no body where none is allowed", async () => {
    const mock = make();
    const missing = await mock.fetch(`${mock.url}${LIST}/key_x`, { headers: auth });
    expect([missing.status, missing.statusText]).toEqual([404, "Not Found"]);
    expect(missing.headers.get("x-request-id")).toMatch(/^req_[0-9a-f]{32}$/);
    expect(missing.headers.get("content-length")).toBe(String((await missing.text()).length));
    const put = await mock.fetch(`${mock.url}${LIST}`, { method: "PUT" });
    expect([put.status, put.headers.get("allow")]).toEqual([405, "GET, POST"]);
    mock.faults.add("admin-api-keys-list", { kind: "malformed", status: 204 });
    const empty = await mock.fetch(`${mock.url}${LIST}`, { headers: auth });
    expect([empty.status, await empty.text()]).toEqual([204, ""]);
  });

  it.each([503, 499, 599])("gives a %i fault the status text a server sends for it", async (status) => {
    const mock = make();
    const server = await start();
    const statusText = async (target: { url: string; fetch: typeof fetch; faults: typeof mock.faults }) => {
      target.faults.add("admin-api-keys-list", { kind: "status", status });
      const answer = await target.fetch(`${target.url}${LIST}`, { headers: auth });
      expect(answer.status).toBe(status);
      return answer.statusText;
    };
    const overHttp = await statusText({ url: server.url, fetch, faults: server.faults });
    expect(overHttp).toBe(status === 503 ? "Service Unavailable" : "unknown");
    expect(await statusText(mock)).toBe(overHttp);
  });

  it("answers a reply Fetch refuses to build (a fault header with a newline) with the emulator-bug 500, as node:http does", async () => {
    const mock = make({ seed: 1 });
    mock.faults.add("admin-api-keys-list", { kind: "status", status: 503, headers: { "x-bad": "a\nb" } });
    const answer = await call(mock, LIST);
    expectError(answer, 500, null);
    expect(answer.json.error.message).toMatch(/^Local server bug: /);
    expect((await call(mock, LIST)).status).toBe(200);
  });
});

describe("faults in process", () => {
  it("rejects a drop as fetch rejects a reset connection: a TypeError whose cause.code is UND_ERR_SOCKET", async () => {
    const records: MockResponseRecord[] = [];
    const mock = make({ onResponse: (record) => records.push(record) });
    mock.faults.add("admin-api-keys-list", { kind: "drop" });
    const error = await mock.fetch(`${mock.url}${LIST}`, { headers: auth }).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(TypeError);
    expect(error).toMatchObject({
      name: "TypeError",
      message: "fetch failed",
      reason: "dropped",
      cause: { code: "UND_ERR_SOCKET", message: "other side closed (the mock API dropped the connection: a scripted drop fault)" },
    });
    expect(mock.requests.count("admin-api-keys-list")).toBe(1);
    expect(records).toEqual([]);
    expect((await call(mock, LIST)).status).toBe(200);
  });

  it("drops a create after reading its body, committing nothing, and the client calls it a connection error", async () => {
    const mock = make();
    mock.faults.add("admin-api-keys-create", { kind: "drop", delayMs: 10 });
    const client = createAdminKeysClient({ apiKey: mock.apiKey, baseUrl: mock.url, fetch: mock.fetch, maxRetries: 2 });
    await expect(client.adminApiKeys.create({ name: "x" })).rejects.toBeInstanceOf(APIConnectionError);
    // A create whose connection broke is not repeated: the key might exist.
    expect(mock.requests.count("admin-api-keys-create")).toBe(1);
    expect(mock.store.createdCount).toBe(0);
  });

  it("waits out a delay, and rejects at once with the signal's reason when the caller aborts, while the create still commits", async () => {
    const records: MockResponseRecord[] = [];
    const mock = make({ onResponse: (record) => records.push(record) });
    mock.faults.add("admin-api-keys-list", { kind: "delay", ms: 120 });
    const started = performance.now();
    expect((await call(mock, LIST)).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(115);

    mock.faults.add("admin-api-keys-create", { kind: "delay", ms: 150 });
    const aborted = performance.now();
    const gaveUp = await mock
      .fetch(`${mock.url}${LIST}`, { method: "POST", headers: { ...auth, "content-type": "application/json" }, body: '{"name":"late"}', signal: AbortSignal.timeout(30) })
      .catch((error: Error) => error);
    expect(gaveUp).toMatchObject({ name: "TimeoutError" });
    expect(performance.now() - aborted).toBeLessThan(140);
    expect(mock.store.createdCount).toBe(0);
    await vi.waitFor(() => expect(mock.store.createdCount).toBe(1), { timeout: 5_000, interval: 20 });
    // Only the list was a response anyone received.
    expect(records.map((record) => record.operationId)).toEqual(["admin-api-keys-list"]);
  });

  it("sends nothing and counts nothing for a signal that has already aborted", async () => {
    const mock = make();
    const reason = new Error("stopped before sending");
    await expect(mock.fetch(`${mock.url}${LIST}`, { headers: auth, signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
    expect(mock.requests.count()).toBe(0);
  });
});

describe("the body limit in process", () => {
  it("answers 413 once a streamed body passes maxBodyBytes, having pulled no more than one chunk past it", async () => {
    const mock = make({ maxBodyBytes: 200_000 });
    const { body, pulled } = counted(256);
    const answer = await mock.fetch(`${mock.url}${LIST}`, streamingInit(body, {}));
    expect(answer.status).toBe(413);
    expect(answer.headers.get("connection")).toBe("close");
    expect((await answer.json()).error.code).toBe("request_too_large");
    expect(pulled()).toBeLessThanOrEqual(200_000 + 65_536);
    expect(mock.store.createdCount).toBe(0);
  });

  it("answers 413 on a declared Content-Length over the limit without pulling a byte", async () => {
    const mock = make({ maxBodyBytes: 1000 });
    const { body, pulled } = counted(1);
    expect((await mock.fetch(`${mock.url}${LIST}`, streamingInit(body, { "content-length": "65536" }))).status).toBe(413);
    expect(pulled()).toBe(0);
  });

  it("applies the limit to a plain string body too", async () => {
    const mock = make({ maxBodyBytes: 16 });
    expectError(await call(mock, LIST, { method: "POST", body: { name: "a name longer than sixteen bytes" } }), 413, null);
    expect((await call(mock, LIST, { method: "POST", body: { name: "short" } })).status).toBe(200);
  });

  it("rejects, as fetch does, a request whose body stream fails, and counts it", async () => {
    const mock = make();
    const failing = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.error(new Error("source broke"));
      },
    });
    const error = await mock.fetch(`${mock.url}${LIST}`, streamingInit(failing, {})).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(TypeError);
    expect(error).toMatchObject({ cause: { message: "source broke" } });
    expect(mock.requests.count("admin-api-keys-create")).toBe(1);
    expect(mock.store.createdCount).toBe(0);
  });
});

describe("close", () => {
  it("rejects requests waiting on a delay with UND_ERR_SOCKET, and later ones with ECONNREFUSED, counting none of the later", async () => {
    const mock = createMockApi({ seed: 1 });
    mock.faults.add("admin-api-keys-list", { kind: "delay", ms: 60_000 });
    const waiting = mock.fetch(`${mock.url}${LIST}`, { headers: auth }).catch((thrown: unknown) => thrown);
    await new Promise((resolve) => setTimeout(resolve, 10));
    await Promise.all([mock.close(), mock.close()]);
    expect(await waiting).toMatchObject({ name: "TypeError", cause: { code: "UND_ERR_SOCKET" } });
    const refused = await mock.fetch(`${mock.url}${LIST}`, { headers: auth }).catch((thrown: unknown) => thrown);
    expect(refused).toMatchObject({ name: "TypeError", cause: { code: "ECONNREFUSED" } });
    expect(mock.requests.count()).toBe(1);
  });
});

describe("response hooks in process", () => {
  const previous = process.env[RESPONSE_LOG_ENV];
  afterEach(() => {
    if (previous === undefined) delete process.env[RESPONSE_LOG_ENV];
    else process.env[RESPONSE_LOG_ENV] = previous;
  });

  it(`appends in-process responses to the file named by ${RESPONSE_LOG_ENV} too, secrets replaced`, async () => {
    const directory = mkdtempSync(join(tmpdir(), "mock-api-log-"));
    const file = join(directory, "responses.ndjson");
    process.env[RESPONSE_LOG_ENV] = file;
    try {
      const mock = make();
      const created = await createKey(mock);
      await call(mock, `${LIST}/${created.id}`);
      const lines = readFileSync(file, "utf8").trim().split("\n").map((line) => JSON.parse(line) as MockResponseRecord);
      expect(lines.map((line) => [line.operationId, line.url])).toEqual([
        ["admin-api-keys-create", `/v1${LIST}`],
        ["admin-api-keys-get", `/v1${LIST}/${created.id}`],
      ]);
      expect(readFileSync(file, "utf8")).not.toContain(created.value);
      for (const line of lines) assertMatchesSpec(line);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });

  it("keeps answering when an onResponse listener throws", async () => {
    const mock = make({
      seed: 1,
      onResponse: () => {
        throw new Error("listener bug");
      },
    });
    expect((await call(mock, LIST)).status).toBe(200);
  });
});
