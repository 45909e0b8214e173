// validateResponses against the real local server, whose `malformed` fault sends a 200 body the
// spec's schema refuses: off returns it, warn logs and returns it, strict rejects with an error
// that names the operation, the pointer and what was expected, and never the secret of a create.

import { inspect } from "node:util";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { createAdminKeysClient, InvalidParameterError, type Logger, NotFoundError, ResponseValidationError } from "../../src/index.js";
import { type MockServer, startMockServer } from "../../src/testing/index.js";

let server: MockServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const SECRET = "sk-admin-VALIDATION-SECRET-6T2Q8";

/** A logger that keeps every line it is given, with its details. */
function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const keep = (level: string) => (message: string, details?: object) => void lines.push(`${level} ${message} ${JSON.stringify(details ?? {})}`);
  return { lines, error: keep("error"), warn: keep("warn"), info: keep("info"), debug: keep("debug") };
}

function storedKey(server: MockServer): Record<string, unknown> {
  const [key] = server.store.list();
  if (key === undefined) throw new Error("the server holds no key");
  return { ...key };
}

async function withBrokenRetrieve(body: Record<string, unknown>): Promise<MockServer> {
  server = await startMockServer({ seed: 1 });
  server.faults.add("admin-api-keys-get", { kind: "malformed", status: 200, contentType: "application/json", body: JSON.stringify(body) }, { times: Infinity });
  return server;
}

const INSTALLED = Symbol.for("openai-admin-keys.response-validators");

/** Builds a client while `check` stands where the validators install theirs, then puts theirs back. */
function withCheckInstalled<T>(check: unknown, build: () => T): T {
  const installed: unknown = Reflect.get(globalThis, INSTALLED);
  Reflect.set(globalThis, INSTALLED, check);
  try {
    return build();
  } finally {
    Reflect.set(globalThis, INSTALLED, installed);
  }
}

describe("without the validators imported", () => {
  it('validateResponses: "strict" is refused at construction, naming the import to add', () => {
    // Test files may share a process; make sure no earlier file's import is still installed.
    const installed: unknown = Reflect.get(globalThis, INSTALLED);
    Reflect.deleteProperty(globalThis, INSTALLED);
    try {
      const attempt = () => createAdminKeysClient({ apiKey: "sk-admin-x", validateResponses: "strict" });
      expect(attempt).toThrow(InvalidParameterError);
      expect(attempt).toThrow(
        'validateResponses: "strict" needs the spec\'s validators, which the package root leaves out to stay small: add import "openai-admin-keys/validate-responses"; once, before creating the client.',
      );
      expect(attempt).toThrow(expect.objectContaining({ param: "validateResponses" }));
      expect(createAdminKeysClient({ apiKey: "sk-admin-x", validateResponses: "off" })).toBeDefined();
    } finally {
      if (installed !== undefined) Reflect.set(globalThis, INSTALLED, installed);
    }
  });
});

describe("with the validators imported", () => {
  beforeAll(async () => {
    await import("../../src/validate-responses.js");
  });

  it.each([
    ["a missing redacted_value", (key: Record<string, unknown>): Record<string, unknown> => ({ ...key, redacted_value: undefined }), "", "must have required property 'redacted_value'"],
    ["a string created_at", (key: Record<string, unknown>): Record<string, unknown> => ({ ...key, created_at: "yesterday" }), "/created_at", "must be integer"],
  ])("strict: %s rejects with ResponseValidationError naming the operation, pointer and expectation", async (_label, breakIt, pointer, expected) => {
    const mock = await withBrokenRetrieve({});
    const broken = breakIt(storedKey(mock));
    mock.faults.clear();
    mock.faults.add("admin-api-keys-get", { kind: "malformed", status: 200, contentType: "application/json", body: JSON.stringify(broken) });
    const client = createAdminKeysClient({ apiKey: mock.apiKey, baseUrl: mock.url, validateResponses: "strict", logLevel: "off" });
    const error = (await client.adminApiKeys.retrieve(String(broken["id"])).catch((thrown: unknown) => thrown)) as ResponseValidationError;
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect(error.name).toBe("ResponseValidationError");
    expect(error.operationId).toBe("admin-api-keys-get");
    expect(error.pointer).toBe(pointer);
    expect(error.expected).toBe(expected);
    expect(error.requestId).toMatch(/^req_/);
    expect(error.message).toBe(`The admin-api-keys-get response does not match the spec: at ${pointer === "" ? "the body" : pointer}, ${expected}.`);
    // A malformed answer is not repeated: one request.
    expect(mock.requests.count("admin-api-keys-get")).toBe(1);
  });

  it("warn: logs one warning through the logger and returns the data as it came", async () => {
    const mock = await withBrokenRetrieve({});
    const broken: Record<string, unknown> = { ...storedKey(mock), created_at: "yesterday" };
    mock.faults.clear();
    mock.faults.add("admin-api-keys-get", { kind: "malformed", status: 200, contentType: "application/json", body: JSON.stringify(broken) });
    const logger = recordingLogger();
    const client = createAdminKeysClient({ apiKey: mock.apiKey, baseUrl: mock.url, validateResponses: "warn", logger });
    const key = await client.adminApiKeys.retrieve(String(broken["id"]));
    expect(key.created_at).toBe("yesterday");
    expect(logger.lines).toHaveLength(1);
    expect(logger.lines[0]).toMatch(/^warn openai-admin-keys: The admin-api-keys-get response does not match the spec: at \/created_at, must be integer\./);
  });

  it("warn without a logLevel logs at warn: a failed call's error shows, a success's info line does not", async () => {
    const mock = await withBrokenRetrieve({});
    const broken: Record<string, unknown> = { ...storedKey(mock), created_at: "yesterday" };
    mock.faults.clear();
    mock.faults.add("admin-api-keys-get", { kind: "malformed", status: 200, contentType: "application/json", body: JSON.stringify(broken) });
    const logger = recordingLogger();
    const client = createAdminKeysClient({ apiKey: mock.apiKey, baseUrl: mock.url, validateResponses: "warn", logger, maxRetries: 0 });
    await client.adminApiKeys.retrieve(String(broken["id"]));
    await expect(client.adminApiKeys.retrieve("key_missing")).rejects.toBeInstanceOf(NotFoundError);
    expect(logger.lines.map((line) => line.split(" ")[0])).toEqual(["warn", "error"]);
    expect(logger.lines[1]).toMatch(/^error openai-admin-keys: GET \/organization\/admin_api_keys\/key_missing failed after 1 attempt: NotFoundError/);
    expect(mock.requests.count("admin-api-keys-get")).toBe(2);
  });

  it("off (the default) returns the body without a word", async () => {
    const mock = await withBrokenRetrieve({});
    const broken: Record<string, unknown> = { ...storedKey(mock), redacted_value: 5 };
    mock.faults.clear();
    mock.faults.add("admin-api-keys-get", { kind: "malformed", status: 200, contentType: "application/json", body: JSON.stringify(broken) });
    const logger = recordingLogger();
    const client = createAdminKeysClient({ apiKey: mock.apiKey, baseUrl: mock.url, logger });
    expect((await client.adminApiKeys.retrieve(String(broken["id"]))).redacted_value).toBe(5);
    expect(logger.lines).toEqual([]);
  });

  it("a create's answer that breaks its schema: the error names the place, never the secret", async () => {
    server = await startMockServer();
    const key = { object: "organization.admin_api_key", id: "key_x", name: "n", redacted_value: "sk-admin...Q8", created_at: "now", expires_at: null, owner: {}, value: SECRET };
    server.faults.add("admin-api-keys-create", { kind: "malformed", status: 200, contentType: "application/json", body: JSON.stringify(key) });
    const logger = recordingLogger();
    const client = createAdminKeysClient({ apiKey: server.apiKey, baseUrl: server.url, validateResponses: "strict", logger, logLevel: "debug" });
    const error = (await client.adminApiKeys.create({ name: "n" }).catch((thrown: unknown) => thrown)) as ResponseValidationError;
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect(error.pointer).toBe("/created_at");
    for (const rendering of [error.message, error.stack ?? "", JSON.stringify(error), inspect(error, { depth: Number.POSITIVE_INFINITY, showHidden: true }), ...logger.lines]) {
      expect(rendering).not.toContain("6T2Q8");
    }
    expect(logger.lines.join("\n")).toContain("/created_at");
  });

  it("valid answers pass in strict mode: every operation, against the real server", async () => {
    server = await startMockServer({ seed: 3 });
    const client = createAdminKeysClient({ apiKey: server.apiKey, baseUrl: server.url, validateResponses: "strict" });
    const created = await client.adminApiKeys.create({ name: "valid" });
    await client.adminApiKeys.retrieve(created.id);
    expect((await client.adminApiKeys.list().toArray()).length).toBe(4);
    expect((await client.adminApiKeys.delete(created.id)).deleted).toBe(true);
  });

  it("installs under the global key that the package root's copy reads: removed from there, strict is refused again", () => {
    const installed: unknown = Reflect.get(globalThis, INSTALLED);
    expect(typeof installed).toBe("function");
    Reflect.deleteProperty(globalThis, INSTALLED);
    try {
      expect(() => createAdminKeysClient({ apiKey: "sk-admin-x", validateResponses: "strict" })).toThrow(InvalidParameterError);
    } finally {
      Reflect.set(globalThis, INSTALLED, installed);
    }
    expect(createAdminKeysClient({ apiKey: "sk-admin-x", validateResponses: "strict" })).toHaveProperty("adminApiKeys");
  });

  // Another copy of the package (another version, bundled twice) may have installed its check
  // under the same global key; an answer not in this version's shape counts as "no problem".
  it.each<[string, unknown]>([
    ["null", null],
    ["a string", "/created_at must be integer"],
    ["a numeric pointer", { pointer: 5, expected: "must be integer" }],
    ["a numeric expectation", { pointer: "/created_at", expected: 5 }],
  ])("a foreign check answering %s is ignored: strict returns the data", async (_label, answer) => {
    const mock = await startMockServer({ seed: 1 });
    server = mock;
    const client = withCheckInstalled(
      () => answer,
      () => createAdminKeysClient({ apiKey: mock.apiKey, baseUrl: mock.url, validateResponses: "strict", logLevel: "off" }),
    );
    const stored = storedKey(mock);
    expect(await client.adminApiKeys.retrieve(String(stored["id"]))).toEqual(stored);
    expect(mock.requests.count("admin-api-keys-get")).toBe(1);
  });

  it("has no opinion on an operation it has no schema for (a newer package root may ask)", () => {
    const installed: unknown = Reflect.get(globalThis, INSTALLED);
    if (typeof installed !== "function") throw new Error("the validators are not installed");
    expect(installed("admin-api-keys-rotate", { anything: true })).toBeUndefined();
    expect(installed("admin-api-keys-get", { anything: true })).toEqual({ pointer: "", expected: "must have required property 'object'" });
  });

  it("an unknown mode is refused, naming the option and the modes", () => {
    expect(() => createAdminKeysClient({ apiKey: "sk-admin-x", validateResponses: "loud" as "warn" })).toThrow(
      'validateResponses must be one of "off", "warn", "strict"; got "loud"',
    );
  });
});
