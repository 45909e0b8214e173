// Timeouts bound each attempt; a caller's signal ends the call and is never retried.

import { afterEach, describe, expect, it } from "vitest";
import { APIConnectionTimeoutError, APIUserAbortError, createAdminKeysClient, type ClientOptions } from "../../src/index.js";
import { type Handler, keyObject, type ScriptedServer, startServer } from "../helpers/scripted-server.js";

let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function clientWith(handler: Handler, options: ClientOptions = {}) {
  server = await startServer(handler);
  return createAdminKeysClient({ apiKey: "sk-admin-timeouts", baseUrl: server.baseUrl, ...options }).adminApiKeys;
}

const silent: Handler = () => undefined;
const settle = (promise: PromiseLike<unknown>) => Promise.resolve(promise).then(() => undefined, (error: unknown) => error);

describe("timeoutMs", () => {
  it("ends an unanswered attempt with APIConnectionTimeoutError, no sooner than the timeout", async () => {
    const keys = await clientWith(silent, { timeoutMs: 200, maxRetries: 0 });
    const started = performance.now();
    const error = (await settle(keys.retrieve("key_1"))) as APIConnectionTimeoutError;
    expect(performance.now() - started).toBeGreaterThanOrEqual(195);
    expect(error).toBeInstanceOf(APIConnectionTimeoutError);
    expect(error.message).toBe("Request timed out after 200 ms.");
    expect(error.status).toBeUndefined();
    expect(server?.requests).toHaveLength(1);
  });

  it("bounds each attempt, not the whole call: a read is tried 1 + maxRetries times", async () => {
    const keys = await clientWith(silent, { timeoutMs: 100, maxRetries: 2 });
    expect(await settle(keys.retrieve("key_1"))).toBeInstanceOf(APIConnectionTimeoutError);
    expect(server?.requests).toHaveLength(3);
  });

  it("covers the body too: a response that stalls mid-body times out", async () => {
    const keys = await clientWith(
      (_req, res) => {
        res.writeHead(200, { "content-type": "application/json", "content-length": "1000" });
        res.write('{"id":"key_1",');
      },
      { timeoutMs: 200, maxRetries: 0 },
    );
    expect(await settle(keys.retrieve("key_1"))).toBeInstanceOf(APIConnectionTimeoutError);
  });

  it("can be set per call", async () => {
    const keys = await clientWith(silent, { maxRetries: 0 });
    const error = (await settle(keys.list({}, { timeoutMs: 120 }).toArray())) as APIConnectionTimeoutError;
    expect(error).toBeInstanceOf(APIConnectionTimeoutError);
    expect(error.message).toBe("Request timed out after 120 ms.");
  });
});

describe("the caller's signal", () => {
  it("aborting mid-request rejects with APIUserAbortError, carrying the reason, and is not retried", async () => {
    const keys = await clientWith(silent, { maxRetries: 2 });
    const controller = new AbortController();
    const pending = settle(keys.retrieve("key_1", { signal: controller.signal }));
    await expect.poll(() => server?.requests.length).toBe(1);
    const reason = new Error("user pressed stop");
    controller.abort(reason);
    const error = (await pending) as APIUserAbortError;
    expect(error).toBeInstanceOf(APIUserAbortError);
    expect(error.message).toBe("Request was aborted.");
    expect(error.cause).toBe(reason);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(server?.requests).toHaveLength(1);
  });

  it("an already aborted signal sends nothing", async () => {
    const keys = await clientWith(silent);
    for (const call of [
      () => keys.retrieve("key_1", { signal: AbortSignal.abort() }),
      () => keys.create({ name: "n" }, { signal: AbortSignal.abort() }),
      () => keys.delete("key_1", { signal: AbortSignal.abort() }),
      () => keys.list({}, { signal: AbortSignal.abort() }),
    ]) {
      expect(await settle(call())).toBeInstanceOf(APIUserAbortError);
    }
    expect(server?.requests).toHaveLength(0);
  });

  it("aborting a create is not retried either", async () => {
    const keys = await clientWith(silent);
    const controller = new AbortController();
    const pending = settle(keys.create({ name: "n" }, { signal: controller.signal }));
    // Abort once the server holds the request, however long a loaded machine takes to send it.
    await expect.poll(() => server?.requests.length).toBe(1);
    controller.abort();
    expect(await pending).toBeInstanceOf(APIUserAbortError);
    expect(server?.requests).toHaveLength(1);
  });

  it("a signal that never fires changes nothing", async () => {
    const keys = await clientWith((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify(keyObject("key_1")));
    });
    await expect(keys.retrieve("key_1", { signal: new AbortController().signal })).resolves.toMatchObject({ id: "key_1" });
  });

  it("aborts pagination between pages", async () => {
    const controller = new AbortController();
    const keys = await clientWith((req, res) => {
      const after = new URL(req.url, "http://x").searchParams.get("after");
      const id = after === null ? "key_1" : `key_${Number(after.slice(4)) + 1}`;
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ object: "list", data: [keyObject(id)], first_id: id, last_id: id, has_more: true }));
    });
    const seen: string[] = [];
    const error = await settle(
      (async () => {
        for await (const key of keys.list({ limit: 1 }, { signal: controller.signal })) {
          seen.push(key.id);
          if (seen.length === 3) controller.abort();
        }
      })(),
    );
    expect(error).toBeInstanceOf(APIUserAbortError);
    expect(seen).toEqual(["key_1", "key_2", "key_3"]);
    expect(server?.requests).toHaveLength(3);
  });
});
