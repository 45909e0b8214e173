// Retries, counted on the server: what is repeated, how often, how long the client waits, and
// the rule that a create is never repeated once the server may have acted on it.

import { getEventListeners } from "node:events";
import { afterEach, describe, expect, it } from "vitest";
import {
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
  BadRequestError,
  ConflictError,
  createAdminKeysClient,
  type ClientOptions,
  InternalServerError,
  NotFoundError,
  RateLimitError,
} from "../../src/index.js";
import { closedPort, type Handler, keyObject, type ScriptedServer, sendError, sendJson, startServer } from "../helpers/scripted-server.js";

let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const NO_WAIT = { "retry-after-ms": "0" };

async function clientWith(handler: Handler, options: ClientOptions = {}) {
  server = await startServer(handler);
  return createAdminKeysClient({ apiKey: "sk-admin-retries", baseUrl: server.baseUrl, ...options }).adminApiKeys;
}

/** Fails with `status` for the first `failures` requests, then answers as the API would. */
function failFirst(failures: number, status: number, headers: Record<string, string> = NO_WAIT): Handler {
  return (req, res, index) => {
    if (index < failures) return sendError(res, status, { message: `failure ${index + 1}` }, headers);
    if (req.method === "POST") return sendJson(res, 200, { ...keyObject("key_new"), value: "sk-admin-created" });
    if (req.method === "DELETE") return sendJson(res, 200, { id: "key_1", object: "organization.admin_api_key.deleted", deleted: true });
    return sendJson(res, 200, keyObject("key_1"));
  };
}

const settle = (promise: Promise<unknown>) => promise.then(() => undefined, (error: unknown) => error);

describe("GET and DELETE", () => {
  it.each([408, 409, 429, 500, 502, 503, 504])("%i is retried and the call then succeeds", async (status) => {
    const keys = await clientWith(failFirst(2, status));
    await expect(keys.retrieve("key_1")).resolves.toMatchObject({ id: "key_1" });
    expect(server?.requests).toHaveLength(3);
  });

  it("DELETE is retried after a 500", async () => {
    const keys = await clientWith(failFirst(1, 500));
    await expect(keys.delete("key_1")).resolves.toMatchObject({ deleted: true });
    expect(server?.requests.map((seen) => seen.method)).toEqual(["DELETE", "DELETE"]);
  });

  it("gives up after maxRetries and throws the last error", async () => {
    const keys = await clientWith(failFirst(100, 503));
    const error = (await settle(keys.retrieve("key_1"))) as InternalServerError;
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error.message).toBe("failure 3");
    expect(server?.requests).toHaveLength(3);
  });

  it("per-call maxRetries overrides the client's", async () => {
    const keys = await clientWith(failFirst(100, 500), { maxRetries: 5 });
    await settle(keys.retrieve("key_1", { maxRetries: 0 }));
    expect(server?.requests).toHaveLength(1);
    await settle(keys.retrieve("key_1"));
    expect(server?.requests).toHaveLength(1 + 6);
  });

  it.each([
    [400, BadRequestError],
    [404, NotFoundError],
  ])("%i is not retried", async (status, ErrorClass) => {
    const keys = await clientWith(failFirst(100, status));
    expect(await settle(keys.retrieve("key_1"))).toBeInstanceOf(ErrorClass);
    expect(server?.requests).toHaveLength(1);
  });

  it("x-should-retry: false forbids retrying a 500", async () => {
    const keys = await clientWith(failFirst(100, 500, { "x-should-retry": "false", ...NO_WAIT }));
    expect(await settle(keys.retrieve("key_1"))).toBeInstanceOf(InternalServerError);
    expect(server?.requests).toHaveLength(1);
  });

  it("x-should-retry: true forces retrying a 400", async () => {
    const keys = await clientWith(failFirst(1, 400, { "x-should-retry": "true", ...NO_WAIT }));
    await expect(keys.retrieve("key_1")).resolves.toMatchObject({ id: "key_1" });
    expect(server?.requests).toHaveLength(2);
  });

  it("a dropped connection is retried", async () => {
    const keys = await clientWith((req, res, index) => (index === 0 ? res.socket?.destroy() : sendJson(res, 200, keyObject("key_1"))));
    await expect(keys.retrieve("key_1")).resolves.toMatchObject({ id: "key_1" });
    expect(server?.requests).toHaveLength(2);
  });

  it("a timed-out attempt is retried", async () => {
    const keys = await clientWith((_req, res, index) => {
      if (index > 0) sendJson(res, 200, keyObject("key_1"));
      // the first request is left unanswered
    }, { timeoutMs: 150 });
    await expect(keys.retrieve("key_1")).resolves.toMatchObject({ id: "key_1" });
    expect(server?.requests).toHaveLength(2);
  });
});

describe("create (POST) is never repeated once the server may have acted", () => {
  it.each([500, 502, 503, 408, 409])("one POST on a %i", async (status) => {
    const keys = await clientWith(failFirst(100, status));
    expect(await settle(keys.create({ name: "once" }))).toBeInstanceOf(APIError);
    expect(server?.requests.map((seen) => seen.method)).toEqual(["POST"]);
  });

  it("one POST on a 500 even when the server sends x-should-retry: true", async () => {
    const keys = await clientWith(failFirst(100, 500, { "x-should-retry": "true", ...NO_WAIT }));
    expect(await settle(keys.create({ name: "once" }))).toBeInstanceOf(InternalServerError);
    expect(server?.requests).toHaveLength(1);
  });

  it("one POST on a timeout, with a message saying the key may exist", async () => {
    const keys = await clientWith(() => undefined, { timeoutMs: 100 });
    const error = (await settle(keys.create({ name: "once" }))) as APIConnectionTimeoutError;
    expect(error).toBeInstanceOf(APIConnectionTimeoutError);
    expect(error.message).toBe(
      "Request timed out after 100 ms. The key may have been created, so the request was not repeated; list the keys to check.",
    );
    expect(server?.requests).toHaveLength(1);
  });

  it("one POST when the connection drops before the answer", async () => {
    const keys = await clientWith((_req, res) => res.socket?.destroy());
    await settle(keys.create({ name: "once" }));
    expect(server?.requests).toHaveLength(1);
  });

  it("retried on 429, and the created key is returned", async () => {
    const keys = await clientWith(failFirst(2, 429));
    await expect(keys.create({ name: "later" })).resolves.toMatchObject({ value: "sk-admin-created" });
    expect(server?.requests.map((seen) => JSON.parse(seen.body))).toEqual([{ name: "later" }, { name: "later" }, { name: "later" }]);
  });

  it("not retried on 429 with x-should-retry: false", async () => {
    const keys = await clientWith(failFirst(100, 429, { "x-should-retry": "false" }));
    expect(await settle(keys.create({ name: "n" }))).toBeInstanceOf(RateLimitError);
    expect(server?.requests).toHaveLength(1);
  });

  it("retried when the connection was refused, so the request never reached the server", async () => {
    const port = await closedPort();
    const keys = createAdminKeysClient({ apiKey: "sk-admin-retries", baseUrl: `http://127.0.0.1:${port}/v1` }).adminApiKeys;
    const pending = keys.create({ name: "after refusal" });
    // The first attempt is refused at once; the retry waits at least 375 ms, by which time the server listens.
    await new Promise((resolve) => setTimeout(resolve, 100));
    server = await startServer(failFirst(0, 200), port);
    await expect(pending).resolves.toMatchObject({ value: "sk-admin-created" });
    expect(server.requests).toHaveLength(1);
  });
});

describe("how long the client waits", () => {
  const gaps = () => {
    const times = server?.requests.map((seen) => seen.at) ?? [];
    return times.slice(1).map((at, i) => at - (times[i] ?? 0));
  };

  it("honours Retry-After in seconds", async () => {
    const keys = await clientWith(failFirst(1, 429, { "retry-after": "1" }));
    await keys.retrieve("key_1");
    expect(gaps()[0]).toBeGreaterThanOrEqual(990);
  });

  it("honours retry-after-ms", async () => {
    const keys = await clientWith(failFirst(1, 503, { "retry-after-ms": "400" }));
    await keys.retrieve("key_1");
    expect(gaps()[0]).toBeGreaterThanOrEqual(390);
  });

  it("honours Retry-After as an HTTP date", async () => {
    const keys = await clientWith((req, res, index) => {
      if (index > 0) return sendJson(res, 200, keyObject("key_1"));
      // Two seconds ahead, rounded down to the second an HTTP date can express: at least 1 s away.
      const date = new Date(Math.floor(Date.now() / 1000) * 1000 + 2000).toUTCString();
      sendError(res, 429, { message: "later" }, { "retry-after": date });
    });
    await keys.retrieve("key_1");
    expect(gaps()[0]).toBeGreaterThanOrEqual(990);
  });

  it("without a server delay, backs off at least 0.375 s then 0.75 s (0.5 s doubling, less up to 25% jitter)", async () => {
    const keys = await clientWith(failFirst(2, 500, {}));
    await keys.retrieve("key_1");
    const [first, second] = gaps();
    expect(first).toBeGreaterThanOrEqual(370);
    expect(second).toBeGreaterThanOrEqual(745);
  });

  it("a caller's abort during the wait ends the call without another request", async () => {
    const keys = await clientWith(failFirst(100, 503, { "retry-after": "30" }));
    const controller = new AbortController();
    const pending = settle(keys.retrieve("key_1", { signal: controller.signal }));
    // The first answer (503, retry in 30 s) has arrived: the client is now waiting.
    await expect.poll(() => server?.requests.length).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 50));
    controller.abort();
    expect(await pending).toBeInstanceOf(APIUserAbortError);
    expect(server?.requests).toHaveLength(1);
    // The wait's listener went with the abort: the caller's signal holds nothing of the call.
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(0);
  });

  it("a caller's signal that does not fire lets the retry happen", async () => {
    const keys = await clientWith(failFirst(1, 503));
    const controller = new AbortController();
    await expect(keys.retrieve("key_1", { signal: controller.signal })).resolves.toMatchObject({ id: "key_1" });
    expect(server?.requests).toHaveLength(2);
    // Each attempt and the wait between them removed their listeners: a long-lived signal
    // shared by many calls does not collect them.
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(0);
  });

  it("ConflictError after retries on a persistent 409 for a read", async () => {
    const keys = await clientWith(failFirst(100, 409));
    expect(await settle(keys.retrieve("key_1", { maxRetries: 1 }))).toBeInstanceOf(ConflictError);
    expect(server?.requests).toHaveLength(2);
  });
});
