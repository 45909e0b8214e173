// Every option refusal of the emulator, word for word and with its error class: each names the
// option, says what was wrong with the value and what is allowed, and never quotes a secret. And
// the edges of each range, which are allowed.

import { describe, expect, it } from "vitest";
import { DEFAULT_MAX_BODY_BYTES, DEFAULT_MOCK_API_KEY, createMockApi, startMockServer } from "../../src/testing/index.js";
import { LIST, call, mockApiFactory, serverFactory } from "./helpers.js";

const makeMock = mockApiFactory();
const start = serverFactory();

const PRINTABLE = "must be a non-empty string of printable ASCII without spaces";
const SECRET_KIND = "a string that is empty, has a space, or has a character outside printable ASCII";

type ErrorClass = TypeErrorConstructor | RangeErrorConstructor;

describe("createMockApi refuses a bad option with a message that names it", () => {
  it.each<[string, Record<string, unknown>, ErrorClass, string]>([
    ["an empty apiKey", { apiKey: "" }, TypeError, `options.apiKey ${PRINTABLE}; got an empty string.`],
    ["an apiKey with a space", { apiKey: "sk-admin has-space" }, TypeError, `options.apiKey ${PRINTABLE}; got a string with a space or a character outside printable ASCII.`],
    ["an apiKey ending in a space", { apiKey: "sk-admin-x " }, TypeError, `options.apiKey ${PRINTABLE}; got a string with a space or a character outside printable ASCII.`],
    ["an apiKey starting with a space", { apiKey: " sk-admin-x" }, TypeError, `options.apiKey ${PRINTABLE}; got a string with a space or a character outside printable ASCII.`],
    ["an apiKey with DEL", { apiKey: "sk-admin\u007f" }, TypeError, `options.apiKey ${PRINTABLE}; got a string with a space or a character outside printable ASCII.`],
    ["an apiKey that is a number", { apiKey: 42 }, TypeError, `options.apiKey ${PRINTABLE}; got 42.`],
    ["an acceptAnyKey that is a string", { acceptAnyKey: "yes" }, TypeError, 'options.acceptAnyKey must be true or false; got "yes".'],
    [
      "acceptAnyKey with an apiKey",
      { acceptAnyKey: true, apiKey: "sk-admin-own" },
      TypeError,
      "options.acceptAnyKey must be false when options.apiKey is given (a server that accepts any key has no key of its own); got true.",
    ],
    ["an owner that is not an object", { owner: "me" }, TypeError, "options.owner must match the spec's AdminApiKeyOwner schema; got a record where the record must be object."],
    ["an owner with a wrong field", { owner: { id: 7 } }, TypeError, "options.owner must match the spec's AdminApiKeyOwner schema; got a record where /id must be string."],
    ["a now that is not a function", { now: 1_700_000_000_000 }, TypeError, "options.now must be a function returning milliseconds; got 1700000000000."],
    ["an onResponse that is not a function", { onResponse: "log" }, TypeError, 'options.onResponse must be a function; got "log".'],
    ["a negative seed", { seed: -1 }, RangeError, "options.seed must be an integer from 0 to 1000000; got -1."],
    ["a seed over a million", { seed: 1_000_001 }, RangeError, "options.seed must be an integer from 0 to 1000000; got 1000001."],
    ["a fractional seed", { seed: 2.5 }, RangeError, "options.seed must be an integer from 0 to 1000000; got 2.5."],
    ["a maxBodyBytes of 0", { maxBodyBytes: 0 }, RangeError, "options.maxBodyBytes must be an integer from 1 to 2147483647; got 0."],
    ["a maxBodyBytes of 2 GiB", { maxBodyBytes: 2 ** 31 }, RangeError, "options.maxBodyBytes must be an integer from 1 to 2147483647; got 2147483648."],
    ["a negative recordLimit", { recordLimit: -1 }, RangeError, "options.recordLimit must be an integer from 0 to 10000000; got -1."],
    ["a recordLimit over ten million", { recordLimit: 10_000_001 }, RangeError, "options.recordLimit must be an integer from 0 to 10000000; got 10000001."],
    ["keys that are not an array", { keys: { id: "key_1" } }, TypeError, "options.keys must be an array of key records (AdminApiKey fields, at least an id); got an object."],
    ["a keys entry that is null", { keys: [null] }, TypeError, "options.keys[0] must be an object with at least an id; got null."],
    ["a keys entry that is an array", { keys: [{ id: "key_1" }, ["key_2"]] }, TypeError, "options.keys[1] must be an object with at least an id; got an array."],
    ["a keys entry with a numeric id", { keys: [{ id: 1 }] }, TypeError, "options.keys[0].id must be a non-empty string (the other fields may be left out); got 1."],
    ["a keys entry with an empty id", { keys: [{ id: "" }] }, TypeError, 'options.keys[0].id must be a non-empty string (the other fields may be left out); got "".'],
    ["a keys entry with a wrong field", { keys: [{ id: "key_1", name: 5 }] }, TypeError, "options.keys[0] must match the spec's AdminApiKey schema; got a record where /name must be string,null."],
    ["two keys with one id", { keys: [{ id: "key_1" }, { id: "key_1" }] }, TypeError, 'options.keys[1].id must be unique; got "key_1" again.'],
    ["a secret that is a number", { keys: [{ id: "key_1", secret: 5 }] }, TypeError, `options.keys[0].secret ${PRINTABLE}; got 5.`],
    ["an empty secret", { keys: [{ id: "key_1", secret: "" }] }, TypeError, `options.keys[0].secret ${PRINTABLE}; got ${SECRET_KIND}.`],
    ["a secret with a space", { keys: [{ id: "key_1", secret: "sk-admin has-space" }] }, TypeError, `options.keys[0].secret ${PRINTABLE}; got ${SECRET_KIND}.`],
    ["a secret ending in a space", { keys: [{ id: "key_1", secret: "sk-admin-x " }] }, TypeError, `options.keys[0].secret ${PRINTABLE}; got ${SECRET_KIND}.`],
    ["a secret starting with a space", { keys: [{ id: "key_1", secret: " sk-admin-x" }] }, TypeError, `options.keys[0].secret ${PRINTABLE}; got ${SECRET_KIND}.`],
    [
      "a secret that is the server's key",
      { keys: [{ id: "key_1", secret: DEFAULT_MOCK_API_KEY }] },
      TypeError,
      "options.keys[0].secret must be unique (not the server's apiKey nor another key's secret); got one already in use.",
    ],
    [
      "a secret that is another key's",
      { keys: [{ id: "key_1", secret: "sk-admin-shared" }, { id: "key_2", secret: "sk-admin-shared" }] },
      TypeError,
      "options.keys[1].secret must be unique (not the server's apiKey nor another key's secret); got one already in use.",
    ],
  ])("%s", (_label, options, errorClass, message) => {
    // An error instance: vitest compares both the class and the exact message.
    expect(() => createMockApi(options as never)).toThrow(new errorClass(message));
  });

  it("never quotes a rejected apiKey or secret", () => {
    const secret = "sk-admin-SECRET-VALUE";
    for (const options of [{ apiKey: `${secret} ` }, { keys: [{ id: "key_1", secret: `${secret} ` }] }, { apiKey: secret, keys: [{ id: "key_1", secret }] }]) {
      let refusal: unknown;
      try {
        createMockApi(options);
      } catch (error) {
        refusal = error;
      }
      expect(refusal).toBeInstanceOf(TypeError);
      expect(String(refusal)).toMatch(/^TypeError: options\.(apiKey|keys\[0\]\.secret) must be /);
      expect(String(refusal)).not.toContain("SECRET-VALUE");
    }
  });

  it("leaves host and port alone: createMockApi does not listen", () => {
    expect(() => createMockApi({ host: 5, port: -1 } as never)).not.toThrow();
  });
});

describe("the edges of each option's range are allowed", () => {
  it("takes every range's bounds and the widest printable-ASCII key", async () => {
    const key = "!sk-admin~";
    const lowest = makeMock({ seed: 0, maxBodyBytes: 1, recordLimit: 0, apiKey: key });
    expect(lowest.apiKey).toBe(key);
    expect(lowest.store.size).toBe(0);
    const response = await lowest.fetch(`${lowest.url}${LIST}`, { headers: { authorization: `Bearer ${key}` } });
    expect(response.status).toBe(200);
    expect(lowest.requests.count()).toBe(1);
    expect(lowest.requests.all()).toEqual([]);
    const highest = makeMock({ maxBodyBytes: 2 ** 31 - 1, recordLimit: 10_000_000, keys: [{ id: "key_1", secret: "~sk-admin!" }] });
    expect((await call(highest, LIST, { key: "~sk-admin!" })).status).toBe(200);
    expect((await call(highest, LIST, { method: "POST", body: { name: "x".repeat(100) } })).status).toBe(200);
    expect(highest.requests.all()).toHaveLength(2);
  });

  it("takes acceptAnyKey false with an apiKey, and acceptAnyKey true without one", async () => {
    const own = makeMock({ acceptAnyKey: false, apiKey: "sk-admin-own" });
    expect((await call(own, LIST, { key: "sk-admin-other" })).status).toBe(401);
    expect((await call(own, LIST)).status).toBe(200);
    const any = makeMock({ acceptAnyKey: true, apiKey: undefined });
    expect(any.apiKey).toBe(DEFAULT_MOCK_API_KEY);
    expect((await call(any, LIST, { key: "sk-admin-other" })).status).toBe(200);
  });

  it("reads the body up to DEFAULT_MAX_BODY_BYTES by default", async () => {
    const mock = makeMock();
    const name = "n".repeat(8);
    const padding = " ".repeat(DEFAULT_MAX_BODY_BYTES - JSON.stringify({ name }).length);
    const exact = await call(mock, LIST, { method: "POST", raw: `${JSON.stringify({ name })}${padding}`, headers: { "content-type": "application/json" } });
    expect(exact.status).toBe(200);
    const over = await call(mock, LIST, { method: "POST", raw: `${JSON.stringify({ name })}${padding} `, headers: { "content-type": "application/json" } });
    expect(over.status).toBe(413);
    expect(over.json.error.message).toBe(`The request body is larger than ${DEFAULT_MAX_BODY_BYTES} bytes.`);
  });
});

describe("startMockServer refuses a bad host or port with a message that names it", () => {
  it.each<[string, Record<string, unknown>, ErrorClass, string]>([
    ["an empty host", { host: "" }, TypeError, 'options.host must be a non-empty string; got "".'],
    ["a host that is not a string", { host: 127 }, TypeError, "options.host must be a non-empty string; got 127."],
    ["a negative port", { port: -1 }, RangeError, "options.port must be an integer from 0 to 65535; got -1."],
    ["a port over 65535", { port: 65_536 }, RangeError, "options.port must be an integer from 0 to 65535; got 65536."],
    ["a fractional port", { port: 80.5 }, RangeError, "options.port must be an integer from 0 to 65535; got 80.5."],
  ])("%s", async (_label, options, errorClass, message) => {
    await expect(startMockServer(options as never)).rejects.toThrow(new errorClass(message));
  });

  it("listens on 127.0.0.1 by default and on the port it is given", async () => {
    const first = await start();
    expect(new URL(first.url).hostname).toBe("127.0.0.1");
    const port = Number(new URL(first.url).port);
    await first.close();
    const second = await start({ port });
    expect(second.url).toBe(`http://127.0.0.1:${port}/v1`);
  });
});
