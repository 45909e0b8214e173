// Bad input is refused before anything is sent: the error names the parameter, the value's
// problem and what is allowed, and the server counts zero requests.

import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type AdminKeysClient, createAdminKeysClient, InvalidParameterError, type RequestOptions } from "../../src/index.js";
import { keyObject, type ScriptedServer, sendJson, startServer } from "../helpers/scripted-server.js";

let server: ScriptedServer;
let client: AdminKeysClient;

beforeAll(async () => {
  server = await startServer((req, res) => {
    if (req.method === "POST") sendJson(res, 200, { ...keyObject("key_new"), value: "sk-admin-v" });
    else if (req.url.includes("admin_api_keys?") || req.url.endsWith("admin_api_keys"))
      sendJson(res, 200, { object: "list", data: [], first_id: null, last_id: null, has_more: false });
    else sendJson(res, 200, keyObject("key_1"));
  });
  client = createAdminKeysClient({ apiKey: "sk-admin-validation", baseUrl: server.baseUrl });
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
});

async function refusal(call: () => PromiseLike<unknown>): Promise<InvalidParameterError> {
  const error: unknown = await Promise.resolve()
    .then(call)
    .then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
  expect(error).toBeInstanceOf(InvalidParameterError);
  expect(server.requests).toHaveLength(0);
  return error as InvalidParameterError;
}

const anyValue = (value: unknown) => value as never;

describe("keyId (retrieve and delete)", () => {
  it.each<[unknown, string]>([
    ["", 'keyId must be a non-empty string; got ""'],
    [42, "keyId must be a non-empty string; got 42"],
    [undefined, "keyId is required and must be a non-empty string; got undefined"],
    [null, "keyId must be a non-empty string; got null"],
    [{ id: "key_1" }, "keyId must be a non-empty string; got an object"],
    [() => "key_1", "keyId must be a non-empty string; got a function"],
    [".", 'keyId must not be "." or ".." (they would change the request\'s path); got "."'],
    ["..", 'keyId must not be "." or ".." (they would change the request\'s path); got ".."'],
  ])("%j is refused", async (keyId, message) => {
    for (const call of [() => client.adminApiKeys.retrieve(anyValue(keyId)), () => client.adminApiKeys.delete(anyValue(keyId))]) {
      const error = await refusal(call);
      expect(error.param).toBe("keyId");
      expect(error.message).toBe(message);
    }
  });

  it("describes an array without echoing its contents", async () => {
    const error = await refusal(() => client.adminApiKeys.retrieve(anyValue(["sk-admin-LEAKED"])));
    expect(error.message).toBe("keyId must be a non-empty string; got an array");
  });
});

describe("create", () => {
  it.each<[unknown, string, string]>([
    [{}, "name", "name is required and must be a non-empty string; got undefined"],
    [{ name: "" }, "name", 'name must be a non-empty string; got ""'],
    [{ name: 7 }, "name", "name must be a non-empty string; got 7"],
    [{ name: "k", expires_in_seconds: 0 }, "expires_in_seconds", "expires_in_seconds must be an integer from 1 to 31536000; got 0"],
    [{ name: "k", expires_in_seconds: 31536001 }, "expires_in_seconds", "expires_in_seconds must be an integer from 1 to 31536000; got 31536001"],
    [{ name: "k", expires_in_seconds: 1.5 }, "expires_in_seconds", "expires_in_seconds must be an integer from 1 to 31536000; got 1.5"],
    [{ name: "k", expires_in_seconds: "3600" }, "expires_in_seconds", 'expires_in_seconds must be an integer from 1 to 31536000; got "3600"'],
    [{ name: "k", expires_in_seconds: Number.POSITIVE_INFINITY }, "expires_in_seconds", "expires_in_seconds must be an integer from 1 to 31536000; got Infinity"],
    [{ name: "k", expires_in_seconds: null }, "expires_in_seconds", "expires_in_seconds must be an integer from 1 to 31536000; got null"],
    [{ name: "k", expiresInSeconds: 60 }, "expiresInSeconds", 'create() has no parameter "expiresInSeconds"; allowed: name, expires_in_seconds'],
    [undefined, "create() parameters", "create() parameters must be an object; got undefined"],
    ["my key", "create() parameters", 'create() parameters must be an object; got "my key"'],
  ])("%j is refused", async (params, param, message) => {
    const error = await refusal(() => client.adminApiKeys.create(anyValue(params)));
    expect(error.param).toBe(param);
    expect(error.message).toBe(message);
  });

  it.each([1, 31536000])("accepts expires_in_seconds at the bound %i", async (seconds) => {
    await client.adminApiKeys.create({ name: "k", expires_in_seconds: seconds });
    expect(server.requests).toHaveLength(1);
  });

  it("ignores an unknown field whose value is undefined", async () => {
    await client.adminApiKeys.create(anyValue({ name: "k", note: undefined }));
    expect(JSON.parse(server.requests[0]?.body ?? "")).toEqual({ name: "k" });
  });
});

describe("list", () => {
  it.each<[unknown, string, string]>([
    [{ limit: 0 }, "limit", "limit must be an integer from 1 to 100; got 0"],
    [{ limit: 101 }, "limit", "limit must be an integer from 1 to 100; got 101"],
    [{ limit: 2.5 }, "limit", "limit must be an integer from 1 to 100; got 2.5"],
    [{ limit: "10" }, "limit", 'limit must be an integer from 1 to 100; got "10"'],
    [{ limit: Number.NaN }, "limit", "limit must be an integer from 1 to 100; got NaN"],
    [{ order: "newest" }, "order", 'order must be one of "asc", "desc"; got "newest"'],
    [{ order: "ASC" }, "order", 'order must be one of "asc", "desc"; got "ASC"'],
    [{ after: 5 }, "after", "after must be a string; got 5"],
    [{ lmit: 5 }, "lmit", 'list() has no parameter "lmit"; allowed: after, order, limit'],
    ["limit=5", "list() parameters", 'list() parameters must be an object; got "limit=5"'],
    [{ order: "sk-admin-PASTED-BY-MISTAKE" }, "order", 'order must be one of "asc", "desc"; got "sk-***"'],
    [{ after: "x", limit: 1000 }, "limit", "limit must be an integer from 1 to 100; got 1000"],
  ])("%j is refused, whether awaited or iterated", async (params, param, message) => {
    const awaited = await refusal(() => client.adminApiKeys.list(anyValue(params)));
    expect(awaited.param).toBe(param);
    expect(awaited.message).toBe(message);
    const iterated = await refusal(async () => {
      for await (const key of client.adminApiKeys.list(anyValue(params))) expect(key).toBeUndefined();
    });
    expect(iterated.message).toBe(message);
  });

  it("treats null parameters like none", async () => {
    await client.adminApiKeys.list(anyValue(null));
    expect(server.requests.map((seen) => seen.url)).toEqual(["/v1/organization/admin_api_keys"]);
  });

  it.each([1, 100])("accepts limit at the bound %i", async (limit) => {
    await client.adminApiKeys.list({ limit });
    expect(server.requests).toHaveLength(1);
  });

  it.each([0, -1, 1.5, Number.NaN])("toArray refuses max %s", async (max) => {
    const error = await refusal(() => client.adminApiKeys.list().toArray({ max }));
    expect(error.param).toBe("max");
    expect(error.message).toBe(`max must be an integer of at least 1; got ${max}`);
  });
});

describe("per-call options", () => {
  it.each<[unknown, string, string]>([
    [{ timeoutMs: 0 }, "timeoutMs", "timeoutMs must be a number of milliseconds from 1 to 2147483647; got 0"],
    [{ maxRetries: -2 }, "maxRetries", "maxRetries must be an integer of at least 0; got -2"],
    [{ signal: "stop" }, "signal", "signal must be an AbortSignal; got a string"],
    [{ headers: { "x-a": "1\n2" } }, "headers", `headers["x-a"] must be a string without line breaks or characters beyond Latin-1; got a string that has one`],
    ["fast", "options", "options must be an object; got a string"],
    [null, "options", "options must be an object; got null"],
  ])("%j is refused", async (options, param, message) => {
    for (const call of [
      () => client.adminApiKeys.retrieve("key_1", anyValue(options)),
      () => client.adminApiKeys.create({ name: "k" }, anyValue(options)),
      () => client.adminApiKeys.list({}, anyValue(options)),
    ]) {
      const error = await refusal(call);
      expect(error.param).toBe(param);
      expect(error.message).toBe(message);
    }
  });

  it("accepts null option fields as 'use the client's setting'", async () => {
    const options = { timeoutMs: null, maxRetries: null, signal: null, headers: null } as unknown as RequestOptions;
    await client.adminApiKeys.retrieve("key_1", options);
    expect(server.requests).toHaveLength(1);
  });
});

describe("strings that are not well-formed Unicode are refused before anything is sent", () => {
  // Today a lone surrogate reached encodeURIComponent, which threw "URI malformed": the client
  // then spent its retries (about 1.3 s) on a connection error for a request it never sent.
  it.each<[string, () => PromiseLike<unknown>, string]>([
    ["keyId", () => client.adminApiKeys.retrieve("a\uD800"), 'keyId must be well-formed Unicode text; got a string with a lone surrogate (U+D800) at index 1'],
    ["keyId", () => client.adminApiKeys.delete("\uDC00b"), 'keyId must be well-formed Unicode text; got a string with a lone surrogate (U+DC00) at index 0'],
    ["after", () => client.adminApiKeys.list({ after: "key_\uDBFF" }), 'after must be well-formed Unicode text; got a string with a lone surrogate (U+DBFF) at index 4'],
    ["name", () => client.adminApiKeys.create({ name: "ops \uDFFF\uD800" }), 'name must be well-formed Unicode text; got a string with a lone surrogate (U+DFFF) at index 4'],
  ])("%s: InvalidParameterError naming it, zero requests", async (param, call, message) => {
    const error = await refusal(call);
    expect(error.param).toBe(param);
    expect(error.message).toBe(message);
  });

  it("a surrogate pair is one well-formed character and is sent", async () => {
    await client.adminApiKeys.retrieve("key_\u{1F511}");
    await client.adminApiKeys.create({ name: "key \u{1F511} holder" });
    expect(server.requests.map((seen) => seen.url)).toEqual([
      "/v1/organization/admin_api_keys/key_%F0%9F%94%91",
      "/v1/organization/admin_api_keys",
    ]);
    expect(JSON.parse(server.requests[1]?.body ?? "{}")).toEqual({ name: "key \u{1F511} holder" });
  });
});
