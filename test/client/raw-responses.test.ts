// What users of the official SDK reach for, against the real local server: .withResponse() and
// .asResponse() on every method, the request id of a successful call, and a Page's request id.

import { afterEach, describe, expect, it } from "vitest";
import { APIPromise, createAdminKeysClient, NotFoundError, Page } from "../../src/index.js";
import { type MockServer, startMockServer } from "../../src/testing/index.js";

let server: MockServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function boot(seed = 5) {
  server = await startMockServer({ seed });
  const client = createAdminKeysClient({ apiKey: server.apiKey, baseUrl: server.url, maxRetries: 0 });
  return { server, keys: client.adminApiKeys };
}

const REQUEST_ID = /^req_[0-9a-f]{32}$/;

describe(".withResponse()", () => {
  it("gives the data, the Response it came in and the request id, for each method, in one request each", async () => {
    const { server, keys } = await boot();
    const created = await keys.create({ name: "with response" }).withResponse();
    expect(created.data.name).toBe("with response");
    expect(created.response).toBeInstanceOf(Response);
    expect(created.response.status).toBe(200);
    expect(created.response.bodyUsed).toBe(true);
    expect(created.requestId).toMatch(REQUEST_ID);
    expect(created.requestId).toBe(server.requests.all("admin-api-keys-create")[0]?.requestId);

    const retrieved = await keys.retrieve(created.data.id).withResponse();
    expect(retrieved.data.id).toBe(created.data.id);
    expect(retrieved.requestId).toBe(retrieved.response.headers.get("x-request-id"));

    const deleted = await keys.delete(created.data.id).withResponse();
    expect(deleted.data.deleted).toBe(true);
    expect(deleted.requestId).toMatch(REQUEST_ID);

    const page = await keys.list({ limit: 2 }).withResponse();
    expect(page.data).toBeInstanceOf(Page);
    expect(page.data.data).toHaveLength(2);
    expect(page.requestId).toBe(page.data.requestId);
    expect(server.requests.count()).toBe(4);
  });

  it("is asked once: calling it twice gives the same promise, and awaiting the call too sends nothing more", async () => {
    const { server, keys } = await boot();
    const call = keys.retrieve(server.store.list()[0]?.id ?? "");
    const first = call.withResponse();
    expect(call.withResponse()).toBe(first);
    const data = await call;
    expect(data).toBe((await first).data);
    expect(server.requests.count("admin-api-keys-get")).toBe(1);
  });

  it("rejects with the same error class as awaiting the call", async () => {
    const { keys } = await boot();
    await expect(keys.retrieve("key_missing").withResponse()).rejects.toBeInstanceOf(NotFoundError);
    await expect(keys.retrieve("key_missing")).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe(".asResponse()", () => {
  it("gives the raw Response with its body unread, for each method", async () => {
    const { server, keys } = await boot();
    const [first] = server.store.list();
    const response = await keys.retrieve(first?.id ?? "").asResponse();
    expect(response.bodyUsed).toBe(false);
    expect(response.headers.get("x-request-id")).toMatch(REQUEST_ID);
    expect(((await response.json()) as { id: string }).id).toBe(first?.id);

    const created = await keys.create({ name: "raw" }).asResponse();
    expect(created.bodyUsed).toBe(false);
    expect(((await created.json()) as { value: string }).value).toMatch(/^sk-admin-/);
    expect(server.store.createdCount).toBe(1);

    const listed = await keys.list({ limit: 3 }).asResponse();
    expect(((await listed.json()) as { data: unknown[] }).data).toHaveLength(3);
    expect(server.requests.count()).toBe(3);
  });

  it("still refuses a failure: a 404 rejects with NotFoundError, not a Response", async () => {
    const { keys } = await boot();
    await expect(keys.retrieve("key_missing").asResponse()).rejects.toBeInstanceOf(NotFoundError);
  });

  it("is retried like any call: a 429 then a 200 gives the 200's Response", async () => {
    const { server, keys } = await boot();
    server.faults.add("admin-api-keys-get", { kind: "status", status: 429, retryAfterMs: 0 });
    const client = createAdminKeysClient({ apiKey: server.apiKey, baseUrl: server.url, maxRetries: 1 }).adminApiKeys;
    const response = await client.retrieve(server.store.list()[0]?.id ?? "").asResponse();
    expect(response.status).toBe(200);
    expect(server.requests.count("admin-api-keys-get")).toBe(2);
    void keys;
  });

  it("is asked once: calling it twice gives the same promise and sends one request", async () => {
    const { server, keys } = await boot();
    const call = keys.retrieve(server.store.list()[0]?.id ?? "");
    const first = call.asResponse();
    expect(call.asResponse()).toBe(first);
    expect((await first).status).toBe(200);
    expect(server.requests.count("admin-api-keys-get")).toBe(1);
  });

  const ASK_ONE = "ask for one or the other, on the promise the method returned.";
  it.each([
    ["asResponse() after the data was awaited", "data", "asResponse", `asResponse() came after the call was sent for its data; ${ASK_ONE}`],
    ["withResponse() after asResponse()", "response", "withResponse", `withResponse() came after the call was sent for its raw response (asResponse); ${ASK_ONE}`],
    ["awaiting the call after asResponse()", "response", "then", `then() came after the call was sent for its raw response (asResponse); ${ASK_ONE}`],
  ] as const)("%s: rejects with an Error that says why, and sends nothing more", async (_case, sentFor, asked, message) => {
    const { server, keys } = await boot();
    const call = keys.retrieve(server.store.list()[0]?.id ?? "");
    if (sentFor === "data") expect((await call).id).toBe(server.store.list()[0]?.id);
    else expect((await call.asResponse()).status).toBe(200);
    const late = asked === "then" ? call : asked === "asResponse" ? call.asResponse() : call.withResponse();
    const error = await late.then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(Error);
    expect(error).toHaveProperty("message", message);
    expect(server.requests.count("admin-api-keys-get")).toBe(1);
  });
});

describe("the promise every method returns", () => {
  it("is a Promise, so it can be stored where a Promise<T> is expected and combined with Promise.all", async () => {
    const { server, keys } = await boot(3);
    const ids = server.store.list().map((key) => key.id);
    const calls: Promise<{ id: string }>[] = ids.map((id) => keys.retrieve(id));
    expect(calls[0]).toBeInstanceOf(Promise);
    expect(calls[0]).toBeInstanceOf(APIPromise);
    const found = await Promise.all(calls);
    expect(found.map((key) => key.id)).toEqual(ids);
    // then() makes plain promises, not more APIPromises.
    const derived = keys.retrieve(ids[0] ?? "").then((key) => key.id);
    expect(derived).not.toBeInstanceOf(APIPromise);
    expect(await derived).toBe(ids[0]);
  });

  it("is sent even when nobody awaits it, as a promise's work would be", async () => {
    const { server, keys } = await boot(1);
    void keys.delete(server.store.list()[0]?.id ?? "").catch(() => undefined);
    await expect.poll(() => server.store.deletedCount).toBe(1);
  });

  it("a Page's requestId is not part of its JSON", async () => {
    const { keys } = await boot(2);
    const page = await keys.list();
    expect(page.requestId).toMatch(REQUEST_ID);
    expect(Object.keys(JSON.parse(JSON.stringify(page)))).toEqual(["object", "data", "has_more", "first_id", "last_id"]);
    const next = await (await keys.list({ limit: 1 })).getNextPage();
    expect(next.requestId).toMatch(REQUEST_ID);
    expect(next.requestId).not.toBe(page.requestId);
  });
});
