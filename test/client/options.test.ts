// Construction: the admin key, the base URL (with the transport-security rule) and the numeric
// options are checked once, with errors that name the option and never quote the key.

import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createAdminKeysClient, type ClientOptions, InvalidParameterError, LOG_LEVEL_ENV } from "../../src/index.js";
import { isLoopbackHost, resolveClientOptions } from "../../src/client-options.js";
import { installResponseCheck } from "../../src/response-check.js";

const KEY = "sk-admin-options-test-5678";
// Where openai-admin-keys/validate-responses installs the validators (response-check.ts).
const INSTALLED_CHECK = Symbol.for("openai-admin-keys.response-validators");
let savedEnv: string | undefined;

beforeEach(() => {
  savedEnv = process.env.OPENAI_ADMIN_KEY;
  delete process.env.OPENAI_ADMIN_KEY;
});
afterEach(() => {
  if (savedEnv === undefined) delete process.env.OPENAI_ADMIN_KEY;
  else process.env.OPENAI_ADMIN_KEY = savedEnv;
});

function rejection(options: unknown): InvalidParameterError {
  try {
    createAdminKeysClient(options as ClientOptions);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidParameterError);
    return error as InvalidParameterError;
  }
  throw new Error("createAdminKeysClient accepted the options");
}

describe("the admin key", () => {
  it("is required: without apiKey or OPENAI_ADMIN_KEY the error names both", () => {
    const error = rejection({});
    expect(error.param).toBe("apiKey");
    expect(error.message).toBe(
      "No admin API key: pass apiKey to createAdminKeysClient() or set the OPENAI_ADMIN_KEY environment variable.",
    );
    expect(() => createAdminKeysClient()).toThrow(InvalidParameterError);
  });

  it("comes from OPENAI_ADMIN_KEY when apiKey is absent", () => {
    process.env.OPENAI_ADMIN_KEY = KEY;
    expect(() => createAdminKeysClient()).not.toThrow();
  });

  it("empty in the environment is refused, naming the variable", () => {
    process.env.OPENAI_ADMIN_KEY = "  ";
    const error = rejection({});
    expect(error.param).toBe("apiKey");
    expect(error.message).toBe("OPENAI_ADMIN_KEY is empty; it must hold an admin API key (sk-admin-…).");
  });

  it("empty as an option is refused, naming apiKey", () => {
    const error = rejection({ apiKey: "" });
    expect(error.param).toBe("apiKey");
    expect(error.message).toBe("apiKey is empty; it must hold an admin API key (sk-admin-…).");
  });

  it("must be a string", () => {
    const error = rejection({ apiKey: 1234 });
    expect(error.param).toBe("apiKey");
    expect(error.message).toBe("apiKey must be a string; got a number");
  });

  it.each([
    ["a line break", `${KEY}\nX-Injected: 1`, 27],
    ["a space", `sk-admin ${KEY}`, 9],
    ["a non-ASCII character", `sk-admin-…${KEY}`, 10],
    ["a quote mark", `"${KEY}"`, 1],
    ["padding inside", "sk-admin=options-test", 9],
  ])("holding %s is refused without quoting the key", (_label, apiKey, position) => {
    const error = rejection({ apiKey });
    expect(error.param).toBe("apiKey");
    expect(error.message).toContain(`at position ${position}`);
    expect(error.message).not.toContain("options-test");
  });

  it("surrounding whitespace (a key read from a file) is trimmed", () => {
    expect(() => createAdminKeysClient({ apiKey: `  ${KEY}\n` })).not.toThrow();
  });
});

describe("baseUrl", () => {
  it.each([
    "https://api.openai.com/v1",
    "https://proxy.example.com/openai/v1/",
    "http://localhost:8080/v1",
    "http://127.0.0.1:3000",
    "http://127.10.20.30/v1",
    "http://[::1]:4000/v1",
  ])("accepts %s", (baseUrl) => {
    expect(() => createAdminKeysClient({ apiKey: KEY, baseUrl })).not.toThrow();
  });

  it.each(["http://api.openai.com/v1", "http://10.0.0.5/v1", "http://localhost.example.com/v1", "http://[::2]/v1", "http://128.0.0.1/"])(
    "refuses plain http to the non-loopback %s: the key would travel in cleartext",
    (baseUrl) => {
      const error = rejection({ apiKey: KEY, baseUrl });
      expect(error.param).toBe("baseUrl");
      expect(error.message).toContain("is plain http on a host that is not loopback");
      expect(error.message).toContain("allowInsecureHttp: true");
    },
  );

  it("allows plain http to any host with allowInsecureHttp: true", () => {
    expect(() => createAdminKeysClient({ apiKey: KEY, baseUrl: "http://10.0.0.5/v1", allowInsecureHttp: true })).not.toThrow();
  });

  it.each<[unknown, string]>([
    ["api.openai.com/v1", 'baseUrl must be an absolute http(s) URL such as "https://api.openai.com/v1"; got "api.openai.com/v1"'],
    [42, 'baseUrl must be an absolute http(s) URL such as "https://api.openai.com/v1"; got a number'],
    ["ftp://example.com/v1", "baseUrl must use https: (or http: on loopback); got ftp:"],
    ["https://user:pass@example.com/v1", "baseUrl must not hold a user name or password; send the admin key as apiKey."],
    ["https://user@example.com/v1", "baseUrl must not hold a user name or password; send the admin key as apiKey."],
    ["https://:pass@example.com/v1", "baseUrl must not hold a user name or password; send the admin key as apiKey."],
    // A URL object reads as an absolute URL to URL.canParse; the option takes the URL's text.
    [new URL("https://example.com/v1"), 'baseUrl must be an absolute http(s) URL such as "https://api.openai.com/v1"; got an object'],
    ["https://example.com/v1?x=1", 'baseUrl must not have a query or fragment; got "?x=1"'],
    ["https://example.com/v1#top", 'baseUrl must not have a query or fragment; got "#top"'],
  ])("refuses %j", (baseUrl, message) => {
    const error = rejection({ apiKey: KEY, baseUrl });
    expect(error.param).toBe("baseUrl");
    expect(error.message).toBe(message);
  });
});

describe("what the options resolve to", () => {
  it.each([
    ["https://proxy.example.com/openai/v1/", "https://proxy.example.com/openai/v1"],
    ["https://proxy.example.com/openai/v1///", "https://proxy.example.com/openai/v1"],
    ["https://proxy.example.com", "https://proxy.example.com"],
  ])("baseUrl %s is used as %s: the paths are joined after it without a double slash", (baseUrl, resolved) => {
    expect(resolveClientOptions({ apiKey: KEY, baseUrl }).baseUrl).toBe(resolved);
  });

  it.each([1, 2 ** 28])("takes maxResponseBytes %i, the edges of what is allowed", (maxResponseBytes) => {
    expect(resolveClientOptions({ apiKey: KEY, maxResponseBytes }).maxResponseBytes).toBe(maxResponseBytes);
  });

  it.each([
    [undefined, "off"],
    ["off", "off"],
    ["warn", "warn"],
  ] as const)("without logLevel or %s, validateResponses %s logs at %s", (validateResponses, level) => {
    vi.stubEnv(LOG_LEVEL_ENV, "");
    const installed: unknown = Reflect.get(globalThis, INSTALLED_CHECK);
    try {
      // "warn" needs the validators installed; any check function will do for the level.
      if (validateResponses === "warn") installResponseCheck(() => undefined);
      expect(resolveClientOptions({ apiKey: KEY, validateResponses }).logLevel).toBe(level);
    } finally {
      vi.unstubAllEnvs();
      Reflect.set(globalThis, INSTALLED_CHECK, installed);
    }
  });
});

describe("isLoopbackHost", () => {
  it.each([
    ["localhost", true],
    ["127.0.0.1", true],
    ["127.255.255.254", true],
    ["[::1]", true],
    ["::1", false],
    ["127.0.0.1.nip.io", false],
    ["x127.0.0.1", false],
    ["0.0.0.0", false],
    ["example.com", false],
  ])("%s → %s", (host, expected) => {
    expect(isLoopbackHost(host)).toBe(expected);
  });
});

describe("numbers, fetch and headers", () => {
  it.each<[Record<string, unknown>, string, string]>([
    [{ maxRetries: -1 }, "maxRetries", "maxRetries must be an integer of at least 0; got -1"],
    [{ maxRetries: 1.5 }, "maxRetries", "maxRetries must be an integer of at least 0; got 1.5"],
    [{ maxRetries: "2" }, "maxRetries", "maxRetries must be an integer of at least 0; got a string"],
    [{ timeoutMs: 0 }, "timeoutMs", "timeoutMs must be a number of milliseconds from 1 to 2147483647; got 0"],
    [{ timeoutMs: 2 ** 31 }, "timeoutMs", "timeoutMs must be a number of milliseconds from 1 to 2147483647; got 2147483648"],
    [{ timeoutMs: Number.NaN }, "timeoutMs", "timeoutMs must be a number of milliseconds from 1 to 2147483647; got NaN"],
    [{ timeoutMs: "5000" }, "timeoutMs", "timeoutMs must be a number of milliseconds from 1 to 2147483647; got a string"],
    [{ fetch: "fetch" }, "fetch", "fetch must be a function like the global fetch; got a string"],
    [{ headers: ["x"] }, "headers", "headers must be an object of header names to string values; got an array"],
    [{ headers: "x-a: 1" }, "headers", "headers must be an object of header names to string values; got a string"],
    [{ headers: { "bad name": "x" } }, "headers", `headers has an invalid header name "bad name"; names are letters, digits and !#$%&'*+-.^_\`|~`],
    [{ headers: { "x-a": "1\r\nx-b: 2" } }, "headers", `headers["x-a"] must be a string without line breaks or characters beyond Latin-1; got a string that has one`],
    [{ headers: { "x-a": 1 } }, "headers", `headers["x-a"] must be a string without line breaks or characters beyond Latin-1; got a number`],
    [{ headers: { "x-a": undefined } }, "headers", `headers["x-a"] must be a string without line breaks or characters beyond Latin-1; got undefined`],
    [{ maxResponseBytes: 0 }, "maxResponseBytes", "maxResponseBytes must be an integer from 1 to 268435456; got 0"],
    [{ maxResponseBytes: 2 ** 28 + 1 }, "maxResponseBytes", "maxResponseBytes must be an integer from 1 to 268435456; got 268435457"],
    [{ maxResponseBytes: "1mb" }, "maxResponseBytes", "maxResponseBytes must be an integer from 1 to 268435456; got a string"],
    [{ validateResponses: true }, "validateResponses", 'validateResponses must be one of "off", "warn", "strict"; got a boolean'],
    [{ validateResponses: "loud" }, "validateResponses", 'validateResponses must be one of "off", "warn", "strict"; got "loud"'],
    [{ logLevel: "verbose" }, "logLevel", 'logLevel must be one of "off", "error", "warn", "info", "debug"; got "verbose"'],
    [{ logLevel: 3 }, "logLevel", 'logLevel must be one of "off", "error", "warn", "info", "debug"; got a number'],
    [{ logger: "console" }, "logger", "logger must be an object with error, warn, info and debug methods, such as console; got a string"],
    [{ logger: { error() {}, warn() {}, info() {} } }, "logger", "logger must be an object with error, warn, info and debug methods, such as console; got an object"],
  ])("%j is refused", (options, param, message) => {
    const error = rejection({ apiKey: KEY, ...options });
    expect(error.param).toBe(param);
    expect(error.message).toBe(message);
  });

  it.each([
    [null, "null"],
    ["sk-admin-x", "a string"],
    [5, "a number"],
  ])("refuses options that are not an object: %j", (options, kind) => {
    const error = rejection(options);
    expect(error.param).toBe("options");
    expect(error.message).toBe(`createAdminKeysClient() takes an options object; got ${kind}`);
  });

  it("accepts maxRetries 0 and a timeout at either bound, 1 ms and the timer limit", () => {
    expect(() => createAdminKeysClient({ apiKey: KEY, maxRetries: 0, timeoutMs: 2 ** 31 - 1 })).not.toThrow();
    expect(() => createAdminKeysClient({ apiKey: KEY, timeoutMs: 1 })).not.toThrow();
  });

  it("treats null like undefined: the default applies", () => {
    const options = { apiKey: KEY, maxRetries: null, timeoutMs: null, headers: null, fetch: null } as unknown as ClientOptions;
    expect(() => createAdminKeysClient(options)).not.toThrow();
  });
});

describe(`the log level from ${LOG_LEVEL_ENV}`, () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it("empty counts as unset: the client is made, at the default level", () => {
    vi.stubEnv(LOG_LEVEL_ENV, "");
    expect(createAdminKeysClient({ apiKey: KEY })).toHaveProperty("adminApiKeys");
  });

  it("a bad value is refused, quoting at most its first 40 characters", () => {
    vi.stubEnv(LOG_LEVEL_ENV, `${"v".repeat(40)}TAIL-NOT-SHOWN`);
    const error = rejection({ apiKey: KEY });
    expect(error.param).toBe("logLevel");
    expect(error.message).toBe(`${LOG_LEVEL_ENV} must be one of "off", "error", "warn", "info", "debug"; got "${"v".repeat(40)}"`);
  });
});

describe("in a runtime without process.env (a browser, or a bundle's stand-in process)", () => {
  /** Runs `build` with globalThis.process replaced by `standIn`, and gives back what it returned or threw. */
  function withProcess(standIn: unknown, build: () => unknown): unknown {
    const saved = Object.getOwnPropertyDescriptor(globalThis, "process");
    if (saved === undefined) throw new Error("this test needs Node's process to put back");
    Object.defineProperty(globalThis, "process", { value: standIn, configurable: true, writable: true });
    try {
      return build();
    } catch (error) {
      return error;
    } finally {
      Object.defineProperty(globalThis, "process", saved);
    }
  }

  it.each([
    ["no process at all", undefined],
    ["a process without env", {}],
  ])("%s: no key is the usual InvalidParameterError, and a given key makes a client", (_label, standIn) => {
    const missing = withProcess(standIn, () => createAdminKeysClient());
    expect(missing).toBeInstanceOf(InvalidParameterError);
    expect(missing).toHaveProperty("param", "apiKey");
    expect(missing).toHaveProperty(
      "message",
      "No admin API key: pass apiKey to createAdminKeysClient() or set the OPENAI_ADMIN_KEY environment variable.",
    );
    expect(withProcess(standIn, () => createAdminKeysClient({ apiKey: KEY }))).toHaveProperty("adminApiKeys");
  });
});
