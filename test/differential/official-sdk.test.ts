// The official `openai` SDK, pointed at the local server, does the main job and meets the errors
// it should; our client does the same against the same server, and both see the same keys. This
// is the evidence that the server speaks the real API's wire format as OpenAI's own client reads it.

import OpenAI from "openai";
import { afterEach, describe, expect, it } from "vitest";
import { NotFoundError, AuthenticationError, createAdminKeysClient } from "../../src/index.js";
import { startMockServer, type MockServer } from "../../src/testing/index.js";
import { specRecorder } from "../testing/spec.js";

let server: MockServer;
let recorder: ReturnType<typeof specRecorder>;

async function boot(seed: number): Promise<MockServer> {
  recorder = specRecorder();
  server = await startMockServer({ seed, onResponse: recorder.onResponse });
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
