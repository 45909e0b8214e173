// The doors a hostile server or a hostile fetch could use to get the admin key or a created key's
// value into an error: the status line, x-request-id, any echoed header, and a thrown error with
// its message, cause chain and attached properties. Each rendering of each error is searched, and
// each absence is paired with a check that what should be there still is.

import { inspect } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  APIConnectionError,
  APIError,
  AuthenticationError,
  createAdminKeysClient,
  InternalServerError,
  NotFoundError,
} from "../../src/index.js";
import { type ScriptedServer, startServer } from "../helpers/scripted-server.js";

const SK_KEY = "sk-admin-DOORS-SK-9J4R2";
const PLAIN_KEY = "doorskey.NO-PREFIX~8V3N5";
const CREATED_VALUE = "sk-admin-CREATED-DOOR-2P7L4";
const TELLTALES = ["9J4R2", "8V3N5", "2P7L4"];

let server: ScriptedServer;

beforeAll(async () => {
  server = await startServer((req, res) => {
    const auth = req.headers.authorization ?? "";
    const echoed = `${auth} ${CREATED_VALUE}`;
    const scenario = new URL(req.url, "http://x").pathname.split("/").pop() ?? "";
    const body = JSON.stringify({ error: { message: "denied", type: "invalid_request_error", param: null, code: null } });
    const headers: Record<string, string> = { "content-type": "application/json", "content-length": String(Buffer.byteLength(body)) };
    if (scenario === "status-text") {
      res.writeHead(401, `Unauthorized ${echoed}`, headers);
    } else if (scenario === "request-id") {
      res.writeHead(404, { ...headers, "x-request-id": `req_${echoed}` });
    } else if (scenario === "echoed-headers") {
      res.writeHead(500, {
        ...headers,
        "x-request-id": "req_plain",
        "x-echo-authorization": auth,
        "x-created-value": CREATED_VALUE,
        "set-cookie": `session=${CREATED_VALUE}`,
        [`x-${CREATED_VALUE}`]: "named after the secret",
      });
    } else if (scenario === "text-body") {
      // A 500 whose body is not JSON: its text goes into the message as an excerpt.
      const text = `upstream said ${echoed}`;
      res.writeHead(502, `Bad ${echoed}`, { "content-type": `text/plain; note=${CREATED_VALUE}`, "content-length": String(Buffer.byteLength(text)) });
      res.end(text);
      return;
    } else {
      res.writeHead(200, headers);
    }
    res.end(body);
  });
});
afterAll(() => server.close());

/** Every rendering of an error, and of each error in its cause chain. */
function renderings(error: unknown): Record<string, string> {
  const all: Record<string, string> = {};
  let current: unknown = error;
  for (let depth = 0; current !== undefined && depth < 20; depth++) {
    const prefix = depth === 0 ? "error" : `cause ${depth}`;
    all[`${prefix} inspect`] = inspect(current, { depth: Number.POSITIVE_INFINITY, showHidden: true });
    all[`${prefix} String`] = String(current);
    all[`${prefix} JSON`] = JSON.stringify(current) ?? "";
    if (current instanceof Error) {
      all[`${prefix} message`] = current.message;
      all[`${prefix} stack`] = current.stack ?? "";
      current = current.cause;
    } else {
      current = undefined;
    }
  }
  return all;
}

function expectNoSecret(error: unknown): void {
  for (const [rendering, text] of Object.entries(renderings(error))) {
    for (const telltale of TELLTALES) expect(text.includes(telltale), `${rendering} leaks …${telltale}:\n${text}`).toBe(false);
  }
}

async function caught(promise: PromiseLike<unknown>): Promise<unknown> {
  return Promise.resolve(promise).then(
    () => expect.unreachable("the call succeeded"),
    (error: unknown) => error,
  );
}

describe.each([
  ["an sk- admin key", SK_KEY],
  ["a key without the sk- prefix", PLAIN_KEY],
])("with %s", (_label, apiKey) => {
  // The client's own key becomes `***` wherever it appears; any other `sk-…` token `sk-***`.
  const redactedEcho = "Bearer *** sk-***";
  const client = () => createAdminKeysClient({ apiKey, baseUrl: server.baseUrl, maxRetries: 0 }).adminApiKeys;

  it("the reason phrase is redacted before it reaches the message", async () => {
    const error = (await caught(client().retrieve("status-text"))) as AuthenticationError;
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error.message).toBe("denied");
    expectNoSecret(error);
    // The status line shows in messages built from it, and there it is redacted.
    const textError = (await caught(client().retrieve("text-body"))) as InternalServerError;
    expect(textError.message).toBe(
      `502 Bad ${redactedEcho}: expected a JSON error body, received text/plain (${`upstream said ${apiKey} ${CREATED_VALUE}`.length + 7} bytes): "upstream said ${redactedEcho}"`,
    );
    expectNoSecret(textError);
  });

  it("x-request-id is redacted before it becomes requestId", async () => {
    const error = (await caught(client().retrieve("request-id"))) as NotFoundError;
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.requestId).toBe(`req_${redactedEcho}`);
    expect(error.headers?.get("x-request-id")).toBe(`req_${redactedEcho}`);
    expectNoSecret(error);
  });

  it("headers are a redacted copy, not the live Headers of the response", async () => {
    const error = (await caught(client().retrieve("echoed-headers"))) as InternalServerError;
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error.headers).toBeInstanceOf(Headers);
    expect(error.headers?.get("x-echo-authorization")).toBe(redactedEcho.replace(" sk-***", ""));
    expect(error.headers?.get("x-created-value")).toBe("sk-***");
    expect(error.headers?.get("set-cookie")).toBe("session=sk-***");
    expect(error.headers?.get("x-sk-***")).toBe("named after the secret");
    expect(error.headers?.get("content-type")).toBe("application/json");
    expect(error.requestId).toBe("req_plain");
    expectNoSecret(error);
  });

  it("a custom fetch that throws: the cause is a redacted copy to any depth, without its attached objects", async () => {
    let thrownByFetch: Error | undefined;
    const hostileFetch: typeof fetch = async (input) => {
      const request = input as Request;
      const auth = request.headers.get("authorization") ?? "";
      const innermost = { code: `E_${auth}`, message: `innermost ${CREATED_VALUE}` };
      const inner = new Error(`inner ${auth}`, { cause: innermost });
      const outer = Object.assign(new TypeError(`fetch failed for ${auth}`, { cause: inner }), {
        code: "E_HOSTILE",
        request,
        response: new Response(`body ${auth}`),
        token: auth,
      });
      thrownByFetch = outer;
      throw outer;
    };
    const keys = createAdminKeysClient({ apiKey, baseUrl: server.baseUrl, maxRetries: 0, fetch: hostileFetch }).adminApiKeys;
    const error = (await caught(keys.retrieve("key_1"))) as APIConnectionError;
    expect(error).toBeInstanceOf(APIConnectionError);
    expect(error.message).toBe(`Connection error: inner ${redactedEcho.replace(" sk-***", "")}.`);
    const cause = error.cause as Error & { code?: string };
    expect(cause).not.toBe(thrownByFetch);
    expect(cause).toBeInstanceOf(Error);
    expect(cause.name).toBe("TypeError");
    expect(cause.code).toBe("E_HOSTILE");
    expect(Object.keys(cause)).not.toContain("request");
    expect(Object.keys(cause)).not.toContain("response");
    expect(Object.keys(cause)).not.toContain("token");
    const inner = cause.cause as Error;
    expect(inner.message).toBe(`inner ${redactedEcho.replace(" sk-***", "")}`);
    const innermost = inner.cause as Error & { code?: string };
    expect(innermost.message).toBe("innermost sk-***");
    expect(innermost.code).toBe(`E_${redactedEcho.replace(" sk-***", "")}`);
    expect(inspect(error, { depth: Number.POSITIVE_INFINITY, showHidden: true })).not.toMatch(/Request \{|Response \{|Headers \{/);
    expectNoSecret(error);
  });

  it("a thrown AggregateError, a thrown string and a throwing getter are copied without leaking or crashing", async () => {
    const throws: (() => unknown)[] = [
      () => new AggregateError([new Error(`first ${apiKey}`), new Error(`second ${apiKey}`)], `all failed ${apiKey}`),
      () => `a string naming ${apiKey}`,
      () => ({
        get message(): string {
          throw new Error(`getter ${apiKey}`);
        },
        code: apiKey,
      }),
    ];
    for (const make of throws) {
      const keys = createAdminKeysClient({
        apiKey,
        baseUrl: server.baseUrl,
        maxRetries: 0,
        fetch: async () => {
          throw make();
        },
      }).adminApiKeys;
      const error = await caught(keys.retrieve("key_1"));
      expect(error).toBeInstanceOf(APIConnectionError);
      expect((error as Error).message).toMatch(/^Connection error: /);
      expectNoSecret(error);
    }
  });

  it("a thrown cause chain that loops is cut, not followed forever", async () => {
    const keys = createAdminKeysClient({
      apiKey,
      baseUrl: server.baseUrl,
      maxRetries: 0,
      fetch: async () => {
        const a = new Error(`a ${apiKey}`);
        const b = new Error(`b ${apiKey}`, { cause: a });
        Object.defineProperty(a, "cause", { value: b });
        throw a;
      },
    }).adminApiKeys;
    const error = await caught(keys.retrieve("key_1"));
    expect(error).toBeInstanceOf(APIConnectionError);
    expectNoSecret(error);
    const chain: unknown[] = [];
    for (let current: unknown = error; current instanceof Error; current = current.cause) chain.push(current);
    expect(chain.length).toBeLessThanOrEqual(4);
  });

  it("an error a user builds from a live response also keeps a copy of its headers", () => {
    const response = new Response("{}", { status: 500, headers: { "x-request-id": "req_user" } });
    const error = new APIError("custom", { status: 500, headers: response.headers });
    expect(error.headers).not.toBe(response.headers);
    expect(error.headers?.get("x-request-id")).toBe("req_user");
    expect(error.requestId).toBe("req_user");
  });
});
