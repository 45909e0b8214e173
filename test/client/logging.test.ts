// The client's log against the real local server: what each level shows, the level from the
// environment, and a whole run at debug (creates with their secret, failures, retries, a server
// that echoes the key) whose output holds neither the admin key nor any created value.

import { afterEach, describe, expect, it, vi } from "vitest";
import { createAdminKeysClient, InvalidParameterError, LOG_LEVEL_ENV, type Logger, NotFoundError, ResponseValidationError } from "../../src/index.js";
import { type MockServer, startMockServer } from "../../src/testing/index.js";
import { closedPort } from "../helpers/scripted-server.js";
import { createClientLog } from "../../src/logger.js";

let server: MockServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

const ADMIN_KEY = "sk-admin-LOGGING-KEY-4H9D3";

interface Line {
  level: string;
  message: string;
  details: Record<string, unknown> | undefined;
}

function recordingLogger(): Logger & { lines: Line[]; text(): string } {
  const lines: Line[] = [];
  const keep = (level: string) => (message: string, details?: Record<string, unknown>) => void lines.push({ level, message, details });
  return {
    lines,
    text: () => lines.map((line) => `${line.level} ${line.message} ${JSON.stringify(line.details)}`).join("\n"),
    error: keep("error"),
    warn: keep("warn"),
    info: keep("info"),
    debug: keep("debug"),
  };
}

describe("a whole run logged at debug", () => {
  it("shows each attempt, retry and outcome, and holds neither the admin key nor any created value", async () => {
    server = await startMockServer({ apiKey: ADMIN_KEY, seed: 3 });
    const logger = recordingLogger();
    const client = createAdminKeysClient({ apiKey: ADMIN_KEY, baseUrl: server.url, logger, logLevel: "debug" }).adminApiKeys;
    const values: string[] = [];

    const first = await client.create({ name: "logged" });
    values.push(first.value);
    server.faults.add("admin-api-keys-get", { kind: "status", status: 503, retryAfterMs: 0 });
    await client.retrieve(first.id);
    server.faults.add("admin-api-keys-create", { kind: "commit-then-fail" });
    await client.create({ name: "lost answer" }).catch((error: unknown) => error);
    // A server that echoes the key and a value into its error and its request id.
    server.faults.add("admin-api-keys-delete", {
      kind: "status",
      status: 400,
      error: { message: `bad key ${ADMIN_KEY}, value ${first.value}` },
      headers: { "x-request-id": `req_${first.value}` },
    });
    await client.delete(first.id).catch((error: unknown) => error);
    const missing = await client.retrieve("key_missing").catch((error: unknown) => error);
    expect(missing).toBeInstanceOf(NotFoundError);
    const second = await client.create({ name: "second" });
    values.push(second.value);
    for await (const key of client.list({ limit: 2 })) void key;

    // What the server holds is the truth about every secret that was made.
    for (const key of server.store.list()) expect(key.id).toMatch(/^key_/);
    const text = logger.text();
    expect(text).not.toContain(ADMIN_KEY);
    expect(text).not.toContain("4H9D3");
    for (const value of values) {
      expect(text).not.toContain(value);
      expect(text).not.toContain(value.slice(-12));
    }
    // ...and it says what happened.
    expect(text).toMatch(/debug openai-admin-keys: GET \/organization\/admin_api_keys\/key_\w+ attempt 1: 503 InternalServerError in \d+ ms; retrying in 0 ms: 503 is worth another try/);
    expect(text).toMatch(/debug openai-admin-keys: GET \/organization\/admin_api_keys\/key_\w+ attempt 2: 200 in \d+ ms/);
    expect(text).toMatch(/debug openai-admin-keys: POST \/organization\/admin_api_keys attempt 1: 500 InternalServerError in \d+ ms; not retrying: 500 on a create: the key may exist already/);
    expect(text).toMatch(/error openai-admin-keys: DELETE \/organization\/admin_api_keys\/key_\w+ failed after 1 attempt: BadRequestError: bad key \*\*\*, value sk-\*\*\*/);
    expect(text).toMatch(/info openai-admin-keys: GET \/organization\/admin_api_keys\?limit=2: 200 in \d+ ms/);
    const deleteFailure = logger.lines.find((line) => line.level === "error" && line.message.includes("DELETE"));
    expect(deleteFailure?.details).toMatchObject({ operationId: "admin-api-keys-delete", status: 400, requestId: "req_sk-***" });
    const success = logger.lines.find((line) => line.level === "info" && line.message.startsWith("openai-admin-keys: GET /organization/admin_api_keys/"));
    expect(success?.details).toMatchObject({ operationId: "admin-api-keys-get", status: 200, attempts: 2 });
    expect(String(success?.details?.["requestId"])).toMatch(/^req_[0-9a-f]{32}$/);
  });
});

describe("the client's log itself", () => {
  // The call log asks enabled() before building a line; the log must drop a line below its level
  // all the same, whoever calls it.
  it.each([
    ["off", []],
    ["error", ["error"]],
    ["warn", ["error", "warn"]],
    ["info", ["error", "warn", "info"]],
    ["debug", ["error", "warn", "info", "debug"]],
  ] as const)("at %s passes on %j of one line at each level", (level, passed) => {
    const logger = recordingLogger();
    const log = createClientLog(level, logger, (text) => text);
    for (const at of ["error", "warn", "info", "debug"] as const) log[at](`a line at ${at}`, {});
    expect(logger.lines.map((line) => line.level)).toEqual(passed);
  });
});

describe("levels", () => {
  async function runAt(level: "off" | "error" | "warn" | "info" | "debug" | undefined) {
    server ??= await startMockServer({ seed: 1 });
    const logger = recordingLogger();
    const client = createAdminKeysClient({ apiKey: server.apiKey, baseUrl: server.url, logger, logLevel: level, maxRetries: 0 }).adminApiKeys;
    await client.list();
    await client.retrieve("key_missing").catch(() => undefined);
    return new Set(logger.lines.map((line) => line.level));
  }

  it.each([
    ["off", []],
    ["error", ["error"]],
    ["warn", ["error"]],
    ["info", ["error", "info"]],
    ["debug", ["error", "info", "debug"]],
  ] as const)("%s shows %j", async (level, shown) => {
    expect([...(await runAt(level))].sort()).toEqual([...shown].sort());
  });

  it("default: nothing, so the errors a caller catches are not printed twice", async () => {
    expect([...(await runAt(undefined))]).toEqual([]);
  });

  it(`${LOG_LEVEL_ENV} sets the level when the option is not given, and the option wins`, async () => {
    vi.stubEnv(LOG_LEVEL_ENV, "info");
    expect(await runAt(undefined)).toEqual(new Set(["info", "error"]));
    expect([...(await runAt("off"))]).toEqual([]);
  });

  it(`a bad ${LOG_LEVEL_ENV} or logLevel is refused, naming where it came from and what is allowed`, () => {
    vi.stubEnv(LOG_LEVEL_ENV, "verbose");
    expect(() => createAdminKeysClient({ apiKey: "sk-admin-x" })).toThrow(
      `${LOG_LEVEL_ENV} must be one of "off", "error", "warn", "info", "debug"; got "verbose"`,
    );
    vi.unstubAllEnvs();
    expect(() => createAdminKeysClient({ apiKey: "sk-admin-x", logLevel: "loud" as "info" })).toThrow(InvalidParameterError);
    expect(() => createAdminKeysClient({ apiKey: "sk-admin-x", logger: { info: () => undefined } as unknown as Logger })).toThrow(
      "logger must be an object with error, warn, info and debug methods, such as console; got an object",
    );
  });

  it.each([
    ["a name that is no level", "loud", 'got "loud"'],
    ["a list holding a level name", ["debug"], "got an array"],
    ["an object that prints as a level name", { toString: (): string => "debug" }, "got an object"],
  ])("refuses as logLevel %s, saying what it got", (_case, logLevel, got) => {
    const error: unknown = (() => {
      try {
        // The wrong types are the point: a caller without TypeScript can pass them.
        createAdminKeysClient({ apiKey: "sk-admin-x", logLevel: logLevel as unknown as "info" });
      } catch (thrown) {
        return thrown;
      }
    })();
    expect(error).toBeInstanceOf(InvalidParameterError);
    expect(error).toMatchObject({ param: "logLevel", message: `logLevel must be one of "off", "error", "warn", "info", "debug"; ${got}` });
  });

  it("the default logger is the console", async () => {
    server = await startMockServer({ seed: 1 });
    const info = vi.spyOn(console, "info").mockImplementation(() => undefined);
    await createAdminKeysClient({ apiKey: server.apiKey, baseUrl: server.url, logLevel: "info" }).adminApiKeys.list();
    expect(info).toHaveBeenCalledTimes(1);
    expect(String(info.mock.calls[0]?.[0])).toMatch(/^openai-admin-keys: GET \/organization\/admin_api_keys: 200 in \d+ ms$/);
  });

  it("a logger that throws does not fail the call", async () => {
    server = await startMockServer({ seed: 1 });
    const throwing: Logger = {
      error: () => {
        throw new Error("logger down");
      },
      warn: () => undefined,
      info: () => {
        throw new Error("logger down");
      },
      debug: () => undefined,
    };
    const page = await createAdminKeysClient({ apiKey: server.apiKey, baseUrl: server.url, logger: throwing, logLevel: "debug" }).adminApiKeys.list();
    expect(page.data).toHaveLength(1);
  });
});

describe("what a line says", () => {
  it("gives each duration as the time the call and the attempt took, no more than the caller measured", async () => {
    server = await startMockServer({ seed: 1 });
    const logger = recordingLogger();
    const client = createAdminKeysClient({ apiKey: server.apiKey, baseUrl: server.url, logger, logLevel: "debug" }).adminApiKeys;
    const before = performance.now();
    await client.list();
    const measured = performance.now() - before;
    expect(logger.lines.map((line) => `${line.level} ${line.message.replace(/\d+ ms$/, "N ms")}`)).toEqual([
      "debug openai-admin-keys: GET /organization/admin_api_keys attempt 1: 200 in N ms",
      "info openai-admin-keys: GET /organization/admin_api_keys: 200 in N ms",
    ]);
    for (const line of logger.lines) {
      const figure = Number(/ (\d+) ms$/.exec(line.message)?.[1]);
      expect(figure).toBeGreaterThanOrEqual(0);
      expect(figure).toBeLessThanOrEqual(Math.ceil(measured));
    }
  });

  it("shows a list query as sent: parameters left undefined are not part of it", async () => {
    server = await startMockServer({ seed: 3 });
    const logger = recordingLogger();
    const client = createAdminKeysClient({ apiKey: server.apiKey, baseUrl: server.url, logger, logLevel: "info" }).adminApiKeys;
    await client.list({ limit: 2, after: undefined, order: "desc" });
    expect(server.requests.all("admin-api-keys-list").map((request) => request.url)).toEqual(["/v1/organization/admin_api_keys?limit=2&order=desc"]);
    expect(logger.lines.map((line) => line.message)).toEqual([expect.stringMatching(/^openai-admin-keys: GET \/organization\/admin_api_keys\?limit=2&order=desc: 200 in \d+ ms$/)]);
  });

  it("names a failure without a status by its class alone", async () => {
    const logger = recordingLogger();
    const client = createAdminKeysClient({ apiKey: "sk-admin-x", baseUrl: `http://127.0.0.1:${await closedPort()}/v1`, logger, logLevel: "debug", maxRetries: 0 }).adminApiKeys;
    const error = await client.retrieve("key_abc").catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(Error);
    const { name, message } = error as Error;
    expect(name).toBe("APIConnectionError");
    expect(logger.lines.map((line) => `${line.level} ${line.message.replace(/ \d+ ms;/, " N ms;")}`)).toEqual([
      "debug openai-admin-keys: GET /organization/admin_api_keys/key_abc attempt 1: APIConnectionError in N ms; not retrying: 0 retries spent",
      `error openai-admin-keys: GET /organization/admin_api_keys/key_abc failed after 1 attempt: APIConnectionError: ${message}`,
    ]);
  });

  it.each([
    [0, "0 retries spent"],
    [1, "1 retry spent"],
    [2, "2 retries spent"],
  ])("with maxRetries %i, says at debug why the last attempt is not retried: %s", async (maxRetries, spent) => {
    server = await startMockServer({ seed: 1 });
    const logger = recordingLogger();
    const client = createAdminKeysClient({ apiKey: server.apiKey, baseUrl: server.url, logger, logLevel: "debug", maxRetries }).adminApiKeys;
    server.faults.add("admin-api-keys-get", { kind: "status", status: 503, retryAfterMs: 0 }, { times: Infinity });
    const id = server.store.list()[0]?.id ?? "";
    await client.retrieve(id).catch((thrown: unknown) => thrown);
    expect(server.requests.count("admin-api-keys-get")).toBe(maxRetries + 1);
    const debug = logger.lines.filter((line) => line.level === "debug").map((line) => line.message.replace(/ \d+ ms;/, " N ms;"));
    expect(debug.at(-1)).toBe(`openai-admin-keys: GET /organization/admin_api_keys/${id} attempt ${maxRetries + 1}: 503 InternalServerError in N ms; not retrying: ${spent}`);
  });

  it.each([
    ["warn", "warn", true],
    ["strict", "error", false],
  ] as const)("with validateResponses %s, logs the mismatch at %s with the operation and request id as details", async (mode, level, withPointer) => {
    await import("../../src/validate-responses.js");
    server = await startMockServer({ seed: 1 });
    const key = { ...server.store.list()[0], created_at: "yesterday" };
    server.faults.add("admin-api-keys-get", { kind: "malformed", status: 200, contentType: "application/json", body: JSON.stringify(key) });
    const logger = recordingLogger();
    const client = createAdminKeysClient({ apiKey: server.apiKey, baseUrl: server.url, logger, logLevel: "warn", validateResponses: mode }).adminApiKeys;
    // warn returns the data with its request id; strict rejects with an error that carries it.
    const requestId = await client
      .retrieve(String(key.id))
      .withResponse()
      .then(
        (answer) => (mode === "warn" ? answer.requestId : "strict resolved"),
        (error: unknown) => (mode === "strict" && error instanceof ResponseValidationError ? error.requestId : `warn rejected: ${String(error)}`),
      );
    expect(requestId).toMatch(/^req_/);
    expect(logger.lines).toHaveLength(1);
    expect(logger.lines[0]).toMatchObject({ level, message: expect.stringMatching(/^openai-admin-keys: The admin-api-keys-get response does not match the spec: at \/created_at, must be integer/) });
    // The details say which call it was; the warning also where the body went wrong.
    expect(logger.lines[0]?.details).toEqual({ operationId: "admin-api-keys-get", ...(withPointer ? { pointer: "/created_at" } : {}), requestId });
  });

  it("logs a call that failed once, at its end, counting its attempts; a retried attempt is no error", async () => {
    server = await startMockServer({ seed: 1 });
    const logger = recordingLogger();
    const client = createAdminKeysClient({ apiKey: server.apiKey, baseUrl: server.url, logger, logLevel: "error", maxRetries: 1 }).adminApiKeys;
    server.faults.add("admin-api-keys-get", { kind: "status", status: 503, retryAfterMs: 0 });
    server.faults.add("admin-api-keys-get", { kind: "status", status: 503, retryAfterMs: 0 });
    const id = server.store.list()[0]?.id ?? "";
    const error = await client.retrieve(id).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(Error);
    expect(server.requests.count("admin-api-keys-get")).toBe(2);
    const { name, message } = error as Error;
    expect(name).toBe("InternalServerError");
    expect(logger.lines.map((line) => `${line.level} ${line.message}`)).toEqual([
      `error openai-admin-keys: GET /organization/admin_api_keys/${id} failed after 2 attempts: InternalServerError: ${message}`,
    ]);
    expect(logger.lines[0]?.details).toMatchObject({ operationId: "admin-api-keys-get", attempt: 2, status: 503 });
  });
});
