// The official `openai` SDK, pointed at the local server, does the main job and meets the errors
// it should; our client does the same against the same server, and both see the same keys. This
// is the evidence that the server speaks the real API's wire format as OpenAI's own client reads it.

import OpenAI from "openai";
import { afterEach, describe, expect, it } from "vitest";
import { NotFoundError, AuthenticationError, createAdminKeysClient } from "../../src/index.js";
import { startMockServer, type MockServer, type MockServerOptions } from "../../src/testing/index.js";
import { specRecorder } from "../testing/spec.js";

let server: MockServer;
let recorder: ReturnType<typeof specRecorder>;

async function boot(seed: number): Promise<MockServer> {
  return bootWith({ seed });
}

async function bootWith(options: MockServerOptions): Promise<MockServer> {
  recorder = specRecorder();
  server = await startMockServer({ ...options, onResponse: recorder.onResponse });
  return server;
}

afterEach(async () => {
  await server.close();
  expect(recorder.check()).toBeGreaterThan(0);
});

function official(key = server.apiKey): OpenAI {
  // apiKey is unused by admin endpoints; it is set so the SDK does not look in the environment.
  return new OpenAI({ apiKey: "sk-unused", adminAPIKey: key, baseURL: server.url, maxRetries: 0 });
}

function ours(key = server.apiKey) {
  return createAdminKeysClient({ apiKey: key, baseUrl: server.url, maxRetries: 0 });
}

describe("the official openai SDK against startMockServer", () => {
  it("lists every key across pages with for await, the same keys in the same order as our client", async () => {
    await boot(230);
    const theirs: string[] = [];
    for await (const key of official().admin.organization.adminAPIKeys.list({ limit: 50 })) theirs.push(key.id);
    expect(server.requests.count("admin-api-keys-list")).toBe(5);

    const mine: string[] = [];
    for await (const key of ours().adminApiKeys.list({ limit: 50 })) mine.push(key.id);
    expect(server.requests.count("admin-api-keys-list")).toBe(10);
    expect(theirs).toHaveLength(230);
    expect(mine).toEqual(theirs);
    expect(theirs).toEqual(server.store.list().map((key) => key.id));

    const descending: string[] = [];
    for await (const key of official().admin.organization.adminAPIKeys.list({ order: "desc", limit: 100 })) descending.push(key.id);
    expect(descending).toEqual([...theirs].reverse());
  });

  it("creates, retrieves and deletes, and each client sees the other's keys", async () => {
    await boot(3);
    const sdk = official().admin.organization.adminAPIKeys;
    const client = ours().adminApiKeys;

    const fromSdk = await sdk.create({ name: "made by the SDK", expires_in_seconds: 86_400 });
    expect(fromSdk.value).toMatch(/^sk-admin-/);
    expect(fromSdk.redacted_value).toBe(`sk-admin...${fromSdk.value.slice(-3)}`);
    expect(fromSdk.expires_at).toBe(fromSdk.created_at + 86_400);
    const fromUs = await client.create({ name: "made by ours" });
    expect(server.store.createdCount).toBe(2);

    const seenBySdk = await sdk.retrieve(fromUs.id);
    const seenByUs = await client.retrieve(fromSdk.id);
    expect(seenBySdk).toEqual(await client.retrieve(fromUs.id));
    expect(seenByUs).toEqual(await sdk.retrieve(fromSdk.id));
    expect(seenBySdk).not.toHaveProperty("value");
    expect(seenByUs.name).toBe("made by the SDK");

    const sdkIds: string[] = [];
    for await (const key of sdk.list()) sdkIds.push(key.id);
    const ourIds = (await client.list().toArray()).map((key) => key.id);
    expect(sdkIds).toEqual(ourIds);
    expect(sdkIds).toEqual(expect.arrayContaining([fromSdk.id, fromUs.id]));

    expect(await sdk.delete(fromUs.id)).toEqual({ id: fromUs.id, object: "organization.admin_api_key.deleted", deleted: true });
    expect(await client.delete(fromSdk.id)).toEqual({ id: fromSdk.id, object: "organization.admin_api_key.deleted", deleted: true });
    expect(server.store.size).toBe(3);
  });

  it("gets a NotFoundError for a deleted or unknown key, as our client does", async () => {
    await boot(1);
    const sdk = official().admin.organization.adminAPIKeys;
    const created = await sdk.create({ name: "short-lived" });
    await sdk.delete(created.id);

    const theirs = await sdk.retrieve(created.id).catch((error: unknown) => error);
    expect(theirs).toBeInstanceOf(OpenAI.NotFoundError);
    const theirError = theirs as InstanceType<typeof OpenAI.NotFoundError>;
    expect(theirError.status).toBe(404);
    expect(theirError.param).toBe("key_id");
    expect(theirError.code).toBe("not_found");
    expect(theirError.requestID).toMatch(/^req_[0-9a-f]{32}$/);

    const mine = await ours().adminApiKeys.retrieve(created.id).catch((error: unknown) => error);
    expect(mine).toBeInstanceOf(NotFoundError);
    const myError = mine as NotFoundError;
    expect(myError).toMatchObject({ status: 404, param: "key_id", code: "not_found" });
    expect(myError.message).toContain(created.id);

    await expect(sdk.delete("key_never_was")).rejects.toBeInstanceOf(OpenAI.NotFoundError);
    await expect(ours().adminApiKeys.delete("key_never_was")).rejects.toBeInstanceOf(NotFoundError);
  });

  it("gets an AuthenticationError for a wrong key, as our client does, and neither error holds the key", async () => {
    await boot(1);
    const wrong = "sk-admin-definitely-wrong-key";
    const theirs = await official(wrong).admin.organization.adminAPIKeys.list().catch((error: unknown) => error);
    expect(theirs).toBeInstanceOf(OpenAI.AuthenticationError);
    expect((theirs as InstanceType<typeof OpenAI.AuthenticationError>).code).toBe("invalid_api_key");
    const mine = await ours(wrong).adminApiKeys.list().catch((error: unknown) => error);
    expect(mine).toBeInstanceOf(AuthenticationError);
    expect((mine as AuthenticationError).code).toBe("invalid_api_key");
    expect(String((mine as Error).message)).not.toContain(wrong);
    expect(server.store.size).toBe(1);
  });

  it("reads a 400 naming limit as BadRequestError in the SDK", async () => {
    await boot(1);
    const error = await official().admin.organization.adminAPIKeys.list({ limit: 1000 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect((error as InstanceType<typeof OpenAI.BadRequestError>).param).toBe("limit");
  });
});

// The openai SDK's own generated tests for these endpoints (openai/openai-node,
// tests/api-resources/admin/organization/admin-api-keys.test.ts) run against a mock server with
// placeholder credentials and the literal id `key_id`. These tests are ours, not a copy: they make
// the same kinds of calls with the client configured as those tests configure it, against a
// server started with the two options that exist for this.
/** What the SDK returns for one call: awaitable, and readable as the raw Response too. */
interface SdkCall<T> extends PromiseLike<T> {
  asResponse(): Promise<Response>;
  withResponse(): Promise<{ data: T; response: Response }>;
}

describe("the openai SDK configured as its own generated tests configure it", () => {
  const placeholderServer = { acceptAnyKey: true, keys: [{ id: "key_id" }] } satisfies MockServerOptions;

  function generatedStyleClient(): OpenAI {
    // Placeholders with spaces, and the SDK's default retries, exactly as the generated tests have them.
    return new OpenAI({ apiKey: "My API Key", adminAPIKey: "My Admin API Key", baseURL: server.url });
  }

  /** The three ways the generated tests read one call: the raw Response, the parsed data, and both, all from one request. */
  async function readAllWays<T>(call: SdkCall<T>): Promise<{ data: T; raw: Response }> {
    const raw = await call.asResponse();
    expect(raw).toBeInstanceOf(Response);
    expect(raw.status).toBe(200);
    const data = await call;
    expect(data).not.toBeInstanceOf(Response);
    const both = await call.withResponse();
    expect(both.data).toBe(data);
    expect(both.response).toBe(raw);
    return { data, raw };
  }

  it("creates a key with only the required params, read as Response, data and both", async () => {
    await bootWith(placeholderServer);
    const before = server.requests.count("admin-api-keys-create");
    const { data, raw } = await readAllWays(generatedStyleClient().admin.organization.adminAPIKeys.create({ name: "New Admin Key" }));
    expect(data).toMatchObject({ object: "organization.admin_api_key", name: "New Admin Key", expires_at: null });
    expect(data.value).toMatch(/^sk-admin-/);
    expect(raw.headers.get("x-request-id")).toMatch(/^req_[0-9a-f]{32}$/);
    // One request for all three readings.
    expect(server.requests.count("admin-api-keys-create") - before).toBe(1);
    expect(server.store.createdCount).toBe(1);
  });

  it("creates a key with every param", async () => {
    await bootWith(placeholderServer);
    const created = await generatedStyleClient().admin.organization.adminAPIKeys.create({ name: "New Admin Key", expires_in_seconds: 2_592_000 });
    expect(created.expires_at).toBe(created.created_at + 2_592_000);
    expect(server.store.get(created.id)?.name).toBe("New Admin Key");
  });

  it("retrieves key_id", async () => {
    await bootWith(placeholderServer);
    const { data } = await readAllWays(generatedStyleClient().admin.organization.adminAPIKeys.retrieve("key_id"));
    expect(data).toEqual(server.store.get("key_id"));
    expect(data).toMatchObject({ id: "key_id", object: "organization.admin_api_key", expires_at: null });
  });

  it("lists without params, and with params", async () => {
    await bootWith({ ...placeholderServer, keys: [{ id: "key_id" }, { id: "key_other", name: "Other" }] });
    const adminAPIKeys = generatedStyleClient().admin.organization.adminAPIKeys;
    const { data } = await readAllWays(adminAPIKeys.list());
    expect(data.data.map((key) => key.id)).toEqual(["key_id", "key_other"]);
    const page = await adminAPIKeys.list({ after: "key_id", limit: 1, order: "asc" });
    expect(page.data.map((key) => key.id)).toEqual(["key_other"]);
    expect(server.requests.all("admin-api-keys-list").at(-1)?.url).toBe("/v1/organization/admin_api_keys?after=key_id&limit=1&order=asc");
    // The generated test's check that request options reach the wire: a path the API does not have is a NotFoundError.
    await expect(adminAPIKeys.list({ after: "after", limit: 0, order: "asc" }, { path: "/_stainless_unknown_path" })).rejects.toThrow(OpenAI.NotFoundError);
  });

  it("deletes key_id, after which it is gone", async () => {
    await bootWith(placeholderServer);
    const adminAPIKeys = generatedStyleClient().admin.organization.adminAPIKeys;
    const { data } = await readAllWays(adminAPIKeys.delete("key_id"));
    expect(data).toEqual({ id: "key_id", object: "organization.admin_api_key.deleted", deleted: true });
    expect(server.store.has("key_id")).toBe(false);
    await expect(adminAPIKeys.retrieve("key_id")).rejects.toBeInstanceOf(OpenAI.NotFoundError);
  });

  it("without acceptAnyKey the same client is refused with an AuthenticationError, invalid_api_key, not missing_api_key", async () => {
    await bootWith({ keys: [{ id: "key_id" }] });
    const error = await generatedStyleClient().admin.organization.adminAPIKeys.retrieve("key_id").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.AuthenticationError);
    expect((error as InstanceType<typeof OpenAI.AuthenticationError>).code).toBe("invalid_api_key");
    expect(String((error as Error).message)).not.toContain("My Admin API Key");
  });
});
