// The admin key and a created key's `value` never appear in any rendering of any error the client
// throws, nor in a rendering of the client itself, nor in a log line, even when the server echoes
// them back in its error bodies.

import { inspect } from "node:util";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  createAdminKeysClient,
  InternalServerError,
  InvalidParameterError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  UnprocessableEntityError,
} from "../../src/index.js";
import { closedPort, keyObject, type ScriptedServer, sendJson, startServer } from "../helpers/scripted-server.js";

// Distinctive tails, so a partial leak is caught too.
const SK_KEY = "sk-admin-DISTINCTIVE-7Q2X9";
const PLAIN_KEY = "adminkey.NOT-SK-PREFIXED~4W8Z3";
const CREATED_VALUE = "sk-admin-CREATED-VALUE-5M1K6";
const TELLTALES = ["7Q2X9", "4W8Z3", "5M1K6"];

let server: ScriptedServer;

/**
 * Answers `/v1/organization/admin_api_keys/<scenario>` in the way the scenario names, echoing the
 * Authorization header it received and a freshly created key's value into what it sends.
 */
beforeAll(async () => {
  server = await startServer((req, res) => {
    const echoed = `${req.headers.authorization ?? ""} and ${CREATED_VALUE}`;
    const scenario = decodeURIComponent(new URL(req.url, "http://x").pathname.split("/").pop() ?? "");
    const status = Number(scenario.replace("status-", ""));
    if (scenario.startsWith("status-")) {
      return sendJson(res, status, { error: { message: `Incorrect API key provided: ${echoed}`, type: echoed, param: echoed, code: echoed } });
    }
    if (scenario === "html") {
      res.writeHead(502, { "content-type": "text/html" });
      return res.end(`<html>upstream rejected ${echoed}</html>`);
    }
    if (scenario === "text-200") {
      res.writeHead(200, { "content-type": "text/plain" });
      return res.end(`created ${echoed}`);
    }
    if (scenario === "json-without-error") return sendJson(res, 500, { detail: echoed });
    if (scenario === "silent") return undefined;
    if (req.method === "POST") return res.socket?.destroy();
    // The list endpoint. Asked for a page after a cursor, it repeats that cursor (here: the key).
    const after = new URL(req.url, "http://x").searchParams.get("after");
    const last = after === null ? "k" : echoed;
    return sendJson(res, 200, { object: "list", data: [keyObject("k")], first_id: "k", last_id: last, has_more: after !== null });
  });
});
afterAll(() => server.close());

afterEach(() => {
  vi.restoreAllMocks();
});

/** Every way an error can be turned into text. */
function renderings(error: unknown): Record<string, string> {
  const asError = error as Error;
  return {
    message: asError.message,
    string: String(error),
    stack: asError.stack ?? "",
    inspect: inspect(error, { depth: Number.POSITIVE_INFINITY }),
    inspectHidden: inspect(error, { depth: Number.POSITIVE_INFINITY, showHidden: true }),
    json: JSON.stringify(error),
  };
}

function expectNoSecret(label: string, text: string): void {
  for (const telltale of TELLTALES) {
    expect(text.includes(telltale), `${label} leaks …${telltale}:\n${text}`).toBe(false);
  }
}

async function errorsFor(apiKey: string): Promise<[string, unknown][]> {
  const keys = createAdminKeysClient({ apiKey, baseUrl: server.baseUrl, maxRetries: 0, timeoutMs: 100 }).adminApiKeys;
  const caught = async (promise: PromiseLike<unknown>) =>
    Promise.resolve(promise).then(
      () => expect.unreachable("the call succeeded"),
      (error: unknown) => error,
    );
  const port = await closedPort();
  const refused = createAdminKeysClient({ apiKey, baseUrl: `http://127.0.0.1:${port}/v1`, maxRetries: 0 }).adminApiKeys;
  const aborting = new AbortController();
  const aborted = caught(keys.retrieve("silent", { signal: aborting.signal }));
  setTimeout(() => aborting.abort(new Error(`stopped; key was ${apiKey}`)), 20);
  const list: [string, unknown][] = [];
  for (const [status, ErrorClass] of [
    [400, BadRequestError],
    [401, AuthenticationError],
    [403, PermissionDeniedError],
    [404, NotFoundError],
    [409, ConflictError],
    [422, UnprocessableEntityError],
    [429, RateLimitError],
    [500, InternalServerError],
    [418, APIError],
  ] as const) {
    const error = await caught(keys.retrieve(`status-${status}`));
    expect(error).toBeInstanceOf(ErrorClass);
    list.push([`${ErrorClass.name} ${status}`, error]);
  }
  list.push(["InternalServerError from HTML", await caught(keys.retrieve("html"))]);
  list.push(["InternalServerError without error object", await caught(keys.retrieve("json-without-error"))]);
  list.push(["APIError on an unparseable 200", await caught(keys.retrieve("text-200"))]);
  list.push(["APIError on a repeating page", await caught(keys.list({ after: `Bearer ${apiKey} and ${CREATED_VALUE}` }))]);
  list.push(["APIConnectionError refused", await caught(refused.retrieve("key"))]);
  list.push(["APIConnectionError dropped", await caught(keys.create({ name: CREATED_VALUE }, { timeoutMs: 5000 }))]);
  list.push(["APIConnectionTimeoutError", await caught(keys.retrieve("silent"))]);
  list.push(["APIUserAbortError", await aborted]);
  list.push(["InvalidParameterError order", await caught(keys.list({ order: CREATED_VALUE as "asc" }))]);
  try {
    createAdminKeysClient({ apiKey: `${apiKey} ${CREATED_VALUE}` });
  } catch (error) {
    list.push(["InvalidParameterError apiKey", error]);
  }
  return list;
}

describe.each([
  ["an sk- admin key", SK_KEY],
  ["a key without the sk- prefix", PLAIN_KEY],
])("with %s", (_label, apiKey) => {
  it("no error rendering holds the key or a created value", async () => {
    const errors = await errorsFor(apiKey);
    const classes = new Set(errors.map(([, error]) => (error as Error).constructor));
    for (const ErrorClass of [
      BadRequestError,
      AuthenticationError,
      PermissionDeniedError,
      NotFoundError,
      ConflictError,
      UnprocessableEntityError,
      RateLimitError,
      InternalServerError,
      APIError,
      APIConnectionError,
      APIConnectionTimeoutError,
      APIUserAbortError,
      InvalidParameterError,
    ]) {
      expect(classes.has(ErrorClass), `no ${ErrorClass.name} was produced`).toBe(true);
    }
    // An absence proves little about an error emptied of everything: each still says what happened.
    const says: [RegExp, RegExp][] = [
      [/^\w+Error \d{3}$/, /^Incorrect API key provided: Bearer \*\*\* and sk-\*\*\*$/],
      [/from HTML/, /^502 Bad Gateway: expected a JSON error body, received text\/html \(\d+ bytes\): "<html>upstream rejected Bearer \*\*\* and sk-\*\*\*<\/html>"$/],
      [/without error object/, /JSON without an "error" object: \{"detail":"Bearer \*\*\* and sk-\*\*\*"\}/],
      [/unparseable 200/, /^200 OK: expected a JSON body, received text\/plain/],
      [/repeating page/, /^Stopped listing keys/],
      [/refused/, /^Connection error: .*ECONNREFUSED/],
      [/dropped/, /^Connection error: /],
      [/Timeout/, /^Request timed out after 100 ms\.$/],
      [/APIUserAbortError/, /^Request was aborted\.$/],
      [/InvalidParameterError order/, /^order must be one of "asc", "desc"; got "sk-\*\*\*"$/],
      [/InvalidParameterError apiKey/, /^apiKey has a character a bearer token cannot hold/],
    ];
    for (const [label, error] of errors) {
      const expected = says.find(([pattern]) => pattern.test(label))?.[1];
      expect(expected, `no expectation for ${label}`).toBeDefined();
      expect((error as Error).message, label).toMatch(expected ?? /^$/);
      for (const [rendering, text] of Object.entries(renderings(error))) {
        // The abort reason is the caller's own object; it is not ours to rewrite.
        if (label === "APIUserAbortError" && rendering.startsWith("inspect")) continue;
        expectNoSecret(`${label} (${rendering})`, text);
      }
    }
  });

  it("what the server echoed shows as redacted in the message", async () => {
    const errors = new Map(await errorsFor(apiKey));
    expect((errors.get("AuthenticationError 401") as Error).message).toBe("Incorrect API key provided: Bearer *** and sk-***");
  });

  it("the client renders without the key", async () => {
    const client = createAdminKeysClient({ apiKey, baseUrl: server.baseUrl });
    const listing = client.adminApiKeys.list();
    expectNoSecret("inspect(client)", inspect(client, { depth: Number.POSITIVE_INFINITY, showHidden: true }));
    expectNoSecret("JSON.stringify(client)", JSON.stringify(client));
    expectNoSecret("String(client)", String(client));
    expectNoSecret("inspect(list())", inspect(listing, { depth: Number.POSITIVE_INFINITY, showHidden: true }));
    const page = await client.adminApiKeys.list().catch((error: unknown) => error);
    expectNoSecret("inspect(page)", inspect(page, { depth: Number.POSITIVE_INFINITY, showHidden: true }));
  });

  it("nothing is logged", async () => {
    const spies = (["log", "info", "warn", "error", "debug", "trace"] as const).map((method) =>
      vi.spyOn(console, method).mockImplementation(() => undefined),
    );
    await errorsFor(apiKey);
    for (const spy of spies) expect(spy).not.toHaveBeenCalled();
  });
});

it("the abort reason is kept as given (the caller's object) and the message is ours", async () => {
  const keys = createAdminKeysClient({ apiKey: SK_KEY, baseUrl: server.baseUrl }).adminApiKeys;
  const reason = new Error("stop");
  const error = (await keys.retrieve("silent", { signal: AbortSignal.abort(reason) }).catch((e: unknown) => e)) as APIUserAbortError;
  expect(error.cause).toBe(reason);
  expect(error.message).toBe("Request was aborted.");
});
