// After a create whose outcome is unknown: which failures leave it unknown, and the search for the
// key it may have made, against the real local server's commit-then-fail fault.
import { describe, expect, it } from "vitest";
import {
  APIError,
  APIConnectionError,
  APIConnectionTimeoutError,
  APIUserAbortError,
  BadRequestError,
  InternalServerError,
  InvalidParameterError,
  PermissionDeniedError,
  RateLimitError,
  ResponseValidationError,
  createAdminKeysClient,
  createOutcomeUnknown,
  findKeysFromUnknownCreate,
} from "../../src/index.js";
import { closedPort } from "../helpers/scripted-server.js";
import { serverFactory } from "../testing/helpers.js";

const start = serverFactory();

describe("createOutcomeUnknown", () => {
  it.each([
    ["a 500", new InternalServerError("boom", { status: 500 }), true],
    ["a 503", new InternalServerError("boom", { status: 503 }), true],
    ["a timeout", new APIConnectionTimeoutError("slow"), true],
    ["an abort", new APIUserAbortError("stopped"), true],
    ["a connection that broke", new APIConnectionError("reset", { cause: new TypeError("fetch failed", { cause: Object.assign(new Error("socket"), { code: "UND_ERR_SOCKET" }) }) }), true],
    ["a 2xx body that did not match", new ResponseValidationError("admin-api-keys-create", { pointer: "/id", expected: "string" }, undefined), true],
    ["a 200 that could not be read", new InternalServerError("bad body", { status: 200 }), true],
    ["a 300 redirect, not followed", new APIError("moved", { status: 300 }), false],
    ["a 400", new BadRequestError("no", { status: 400 }), false],
    ["a 403", new PermissionDeniedError("no", { status: 403 }), false],
    ["a 429", new RateLimitError("later", { status: 429 }), false],
    ["a connection refused", new APIConnectionError("refused", { cause: new TypeError("fetch failed", { cause: Object.assign(new Error("refused"), { code: "ECONNREFUSED" }) }) }), false],
    ["a check before sending", new InvalidParameterError("name", "name must be a non-empty string"), false],
    ["something else", new Error("?"), false],
  ])("%s: %s", (_case, error, expected) => {
    expect(createOutcomeUnknown(error)).toBe(expected);
  });

  it("holds for what the client throws against a closed port (nothing sent) and a commit-then-fail (sent)", async () => {
    const refused = createAdminKeysClient({ apiKey: "sk-admin-x", baseUrl: `http://127.0.0.1:${await closedPort()}/v1`, maxRetries: 0 });
    const notSent = await refused.adminApiKeys.create({ name: "x" }).catch((error: unknown) => error);
    expect(notSent).toBeInstanceOf(APIConnectionError);
    expect(createOutcomeUnknown(notSent)).toBe(false);
    const server = await start();
    server.faults.add("admin-api-keys-create", { kind: "commit-then-fail" });
    const client = createAdminKeysClient({ apiKey: server.apiKey, baseUrl: server.url });
    const sent = await client.adminApiKeys.create({ name: "x" }).catch((error: unknown) => error);
    expect(createOutcomeUnknown(sent)).toBe(true);
  }, 30_000);
});

describe("findKeysFromUnknownCreate", () => {
  it("finds the one key a commit-then-fail create made, by name and window, reading only the newest page", async () => {
    const now = Math.floor(Date.now() / 1000);
    const server = await start({
      seed: 500,
      keys: [
        { id: "key_same_name_last_week", name: "deploy", created_at: now - 7 * 86_400 },
        { id: "key_other_name_now", name: "other", created_at: now },
      ],
    });
    server.faults.add("admin-api-keys-create", { kind: "commit-then-fail" });
    const client = createAdminKeysClient({ apiKey: server.apiKey, baseUrl: server.url });
    const startedAt = Date.now();
    await expect(client.adminApiKeys.create({ name: "deploy" })).rejects.toBeInstanceOf(InternalServerError);
    const endedAt = Date.now();
    expect(server.requests.count("admin-api-keys-create")).toBe(1);
    const made = server.store.list("desc").find((key) => key.name === "deploy" && key.id !== "key_same_name_last_week");

    const found = await findKeysFromUnknownCreate(client, { name: "deploy", startedAt, endedAt });
    expect(found.map((key) => key.id)).toEqual([made?.id]);
    // 502 keys, 100 a page, newest first: the window ends inside the first page.
    expect(server.requests.all("admin-api-keys-list").map((request) => request.url)).toEqual(["/v1/organization/admin_api_keys?order=desc&limit=100"]);

    expect(await findKeysFromUnknownCreate(client, { name: "deploy", startedAt, endedAt, excludeIds: [made?.id ?? ""] })).toEqual([]);
    // A window wide enough reaches last week's key too.
    const wide = await findKeysFromUnknownCreate(client, { name: "deploy", startedAt, endedAt, slackSeconds: 8 * 86_400 });
    expect(wide.map((key) => key.id)).toEqual([made?.id, "key_same_name_last_week"]);
  });

  it("finds nothing when the create made nothing", async () => {
    const server = await start({ seed: 3 });
    server.faults.add("admin-api-keys-create", { kind: "status", status: 500 });
    const client = createAdminKeysClient({ apiKey: server.apiKey, baseUrl: server.url, maxRetries: 0 });
    const startedAt = Date.now();
    await expect(client.adminApiKeys.create({ name: "deploy" })).rejects.toBeInstanceOf(InternalServerError);
    expect(await findKeysFromUnknownCreate(client, { name: "deploy", startedAt, endedAt: Date.now() })).toEqual([]);
  });

  it("takes the window's bounds as inclusive, by name, with slackSeconds 0 allowed, excluding the ids asked", async () => {
    // The attempt ran from T to T+10 s; with no slack the window is exactly [T, T+10].
    const T = 1_700_000_000;
    const server = await start({
      keys: [
        { id: "key_after_window", name: "deploy", created_at: T + 11 },
        { id: "key_window_end", name: "deploy", created_at: T + 10 },
        { id: "key_other_name", name: "other", created_at: T + 5 },
        { id: "key_excluded", name: "deploy", created_at: T + 5 },
        { id: "key_window_start", name: "deploy", created_at: T },
        { id: "key_before_window", name: "deploy", created_at: T - 1 },
      ],
    });
    const client = createAdminKeysClient({ apiKey: server.apiKey, baseUrl: server.url });
    const attempt = { name: "deploy", startedAt: T * 1000, endedAt: (T + 10) * 1000, slackSeconds: 0 };
    const found = await findKeysFromUnknownCreate(client, { ...attempt, excludeIds: ["key_excluded"] });
    expect(found.map((key) => key.id)).toEqual(["key_window_end", "key_window_start"]);
    const all = await findKeysFromUnknownCreate(client, attempt);
    expect(all.map((key) => key.id)).toEqual(["key_window_end", "key_excluded", "key_window_start"]);
    // One second of slack reaches one second further each way; an attempt of no duration is one.
    const slack = await findKeysFromUnknownCreate(client, { name: "deploy", startedAt: T * 1000, endedAt: T * 1000, slackSeconds: 1 });
    expect(slack.map((key) => key.id)).toEqual(["key_window_start", "key_before_window"]);
  });

  it.each([
    ["a start after the end", { startedAt: 2, endedAt: 1 }, "endedAt", "startedAt and endedAt must be times in milliseconds, endedAt not before startedAt"],
    ["a start that is no time", { startedAt: Number.NaN, endedAt: 1 }, "endedAt", "startedAt and endedAt must be times in milliseconds, endedAt not before startedAt"],
    ["an end that is no time", { startedAt: 1, endedAt: Number.POSITIVE_INFINITY }, "endedAt", "startedAt and endedAt must be times in milliseconds, endedAt not before startedAt"],
    ["a negative slack", { startedAt: 1, endedAt: 2, slackSeconds: -1 }, "slackSeconds", "slackSeconds must be a number of seconds, 0 or more; got -1"],
    ["a slack that is no number", { startedAt: 1, endedAt: 2, slackSeconds: Number.NaN }, "slackSeconds", "slackSeconds must be a number of seconds, 0 or more; got NaN"],
  ])("refuses %s, naming the parameter, before sending anything", async (_case, window, param, message) => {
    const server = await start();
    const client = createAdminKeysClient({ apiKey: server.apiKey, baseUrl: server.url });
    const error = await findKeysFromUnknownCreate(client, { name: "x", ...window }).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(InvalidParameterError);
    expect(error).toMatchObject({ param, message });
    expect(server.requests.count()).toBe(0);
  });
});
