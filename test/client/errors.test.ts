// What a failed call throws: the class for each status with the server's fields, and a message
// that says what arrived when the body is not the documented error JSON.

import type { ServerResponse } from "node:http";
import net from "node:net";
import { afterEach, describe, expect, it } from "vitest";
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
  PaginationError,
  PermissionDeniedError,
  RateLimitError,
  ResponseTooLargeError,
  ResponseValidationError,
  UnprocessableEntityError,
} from "../../src/index.js";
import { closedPort, type ScriptedServer, sendError, startServer } from "../helpers/scripted-server.js";

let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Starts a server answering every request with `answer`, and returns what retrieve() threw. */
async function failure(answer: (res: ServerResponse) => void, call: "retrieve" | "create" | "delete" | "list" = "retrieve"): Promise<unknown> {
  server = await startServer((_req, res) => answer(res));
  const { adminApiKeys } = createAdminKeysClient({ apiKey: "sk-admin-errors", baseUrl: server.baseUrl, maxRetries: 0 });
  const pending =
    call === "retrieve"
      ? adminApiKeys.retrieve("key_1")
      : call === "create"
        ? adminApiKeys.create({ name: "n" })
        : call === "delete"
          ? adminApiKeys.delete("key_1")
          : adminApiKeys.list().toArray();
  return pending.then(
    () => expect.unreachable("the call succeeded"),
    (error: unknown) => error,
  );
}

function raw(res: ServerResponse, status: number, contentType: string | undefined, body: string, reason?: string): void {
  const headers: Record<string, string> = { "content-length": String(Buffer.byteLength(body)), "x-request-id": "req_odd" };
  if (contentType) headers["content-type"] = contentType;
  if (reason) res.writeHead(status, reason, headers);
  else res.writeHead(status, headers);
  res.end(body);
}

describe("the class and fields for each status", () => {
  it.each([
    [400, BadRequestError],
    [401, AuthenticationError],
    [403, PermissionDeniedError],
    [404, NotFoundError],
    [409, ConflictError],
    [422, UnprocessableEntityError],
    [429, RateLimitError],
    [500, InternalServerError],
    [503, InternalServerError],
    // The last status of the 5xx class is still the server's error, not a status outside HTTP's.
    [599, InternalServerError],
    [418, APIError],
  ])("%i → %o", async (status, ErrorClass) => {
    const error = await failure((res) =>
      sendError(
        res,
        status,
        { message: `The server says ${status}.`, type: "invalid_request_error", param: "key_id", code: `code_${status}` },
        { "x-request-id": `req_${status}`, "x-extra": "yes" },
      ),
    );
    expect(error).toBeInstanceOf(ErrorClass);
    expect(error).toBeInstanceOf(APIError);
    const apiError = error as APIError;
    expect(apiError.constructor).toBe(ErrorClass);
    expect(apiError.name).toBe(ErrorClass.name);
    expect(apiError.message).toBe(`The server says ${status}.`);
    expect(apiError.status).toBe(status);
    expect(apiError.requestId).toBe(`req_${status}`);
    expect(apiError.headers?.get("x-extra")).toBe("yes");
    expect(apiError.code).toBe(`code_${status}`);
    expect(apiError.type).toBe("invalid_request_error");
    expect(apiError.param).toBe("key_id");
    expect(String(apiError)).toBe(`${ErrorClass.name}: The server says ${status}.`);
    // An answer caused nothing else: no `cause`, not even an undefined one for util.inspect to show.
    expect(Object.hasOwn(apiError, "cause")).toBe(false);
  });

  it("leaves code, type and param undefined when the server sends null or nothing", async () => {
    const error = (await failure((res) =>
      raw(res, 404, "application/json", JSON.stringify({ error: { message: "gone", code: null, param: null } })),
    )) as APIError;
    expect(error).toBeInstanceOf(NotFoundError);
    expect([error.code, error.type, error.param]).toEqual([undefined, undefined, undefined]);
  });
});

describe("odd bodies say what arrived, never a bare SyntaxError", () => {
  const html = "<html><head><title>502 Bad Gateway</title></head><body><center>nginx</center></body></html>";

  it("an HTML page from a proxy on 502", async () => {
    const error = (await failure((res) => raw(res, 502, "text/html; charset=utf-8", html))) as APIError;
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error.status).toBe(502);
    expect(error.requestId).toBe("req_odd");
    expect(error.message).toBe(
      `502 Bad Gateway: expected a JSON error body, received text/html (${html.length} bytes): "${html.slice(0, 80)}…"`,
    );
  });

  it("an empty body", async () => {
    const error = (await failure((res) => raw(res, 500, undefined, ""))) as APIError;
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error.message).toBe("500 Internal Server Error: expected a JSON error body, received an empty body (no content type)");
  });

  it("truncated JSON", async () => {
    const error = (await failure((res) => raw(res, 503, "application/json", '{"error": {"message": "over'))) as APIError;
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error.message).toBe(
      '503 Service Unavailable: expected a JSON error body, received application/json that does not parse (27 bytes): "{"error": {"message": "over"',
    );
  });

  it("plain text, with a custom reason phrase", async () => {
    const error = (await failure((res) => raw(res, 429, "text/plain", "slow down", "Too Many"))) as APIError;
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error.message).toBe('429 Too Many: expected a JSON error body, received text/plain (9 bytes): "slow down"');
  });

  it("JSON without an error object", async () => {
    const error = (await failure((res) => raw(res, 400, "application/json", '{"detail":"bad"}'))) as APIError;
    expect(error).toBeInstanceOf(BadRequestError);
    expect(error.message).toBe('400 Bad Request: expected a JSON error body, received JSON without an "error" object: {"detail":"bad"}');
  });

  it("a 200 whose body is not JSON: an APIError with the status", async () => {
    const error = (await failure((res) => raw(res, 200, "text/html", "<p>hi</p>"))) as APIError;
    expect(error.constructor).toBe(APIError);
    expect(error.status).toBe(200);
    expect(error.message).toBe('200 OK: expected a JSON body, received text/html (9 bytes): "<p>hi</p>"');
  });

  it("a 200 with an empty body", async () => {
    const error = (await failure((res) => raw(res, 200, "application/json", ""))) as APIError;
    expect(error.constructor).toBe(APIError);
    expect(error.message).toBe("200 OK: expected a JSON body, received an empty body (application/json)");
  });

  it("a 200 list answer that is not a page", async () => {
    const error = (await failure((res) => raw(res, 200, "application/json", '{"items":[]}'), "list")) as APIError;
    expect(error.constructor).toBe(APIError);
    expect(error.status).toBe(200);
    expect(error.message).toBe(
      '200: expected a page of keys ({ "data": [...], "has_more": true|false }), received a JSON object with fields items',
    );
  });

  it.each([
    ["retrieve", "[]", "a JSON array"],
    ["retrieve", "null", "JSON null"],
    ["create", '"sk-admin-ECHOED-IN-A-STRING"', "JSON of type string"],
    ["delete", "true", "JSON of type boolean"],
    ["delete", "[{}]", "a JSON array"],
  ] as const)("a 200 %s answer %s that is no JSON object is an APIError saying it is %s", async (call, body, described) => {
    const error = (await failure((res) => raw(res, 200, "application/json", body), call)) as APIError;
    expect(error.constructor).toBe(APIError);
    expect(error.status).toBe(200);
    expect(error.message).toBe(`200: expected a JSON object, received ${described}`);
  });

  it.each([
    ["[]", "a JSON array"],
    ["null", "JSON null"],
    ["7", "JSON of type number"],
    ['{"data":[],"has_more":"no"}', "a JSON object with fields data, has_more"],
    ["{}", "a JSON object with fields (none)"],
    ['{"data":[{"id":"key_1"},null],"has_more":false}', "a JSON object with fields data, has_more, whose data[1] is JSON null, not a key"],
    ['{"data":["key_1"],"has_more":false}', "a JSON object with fields data, has_more, whose data[0] is JSON of type string, not a key"],
    ['{"data":[[]],"has_more":true,"last_id":"key_1"}', "a JSON object with fields data, has_more, last_id, whose data[0] is a JSON array, not a key"],
  ])("a 200 list answer %s is described as %s", async (body, described) => {
    const error = (await failure((res) => raw(res, 200, "application/json", body), "list")) as APIError;
    expect(error.message).toBe(`200: expected a page of keys ({ "data": [...], "has_more": true|false }), received ${described}`);
  });
});

describe("no response at all", () => {
  it("a refused connection is an APIConnectionError with the network error as cause", async () => {
    const port = await closedPort();
    const client = createAdminKeysClient({ apiKey: "sk-admin-errors", baseUrl: `http://127.0.0.1:${port}/v1`, maxRetries: 0 });
    const error = (await client.adminApiKeys.retrieve("key_1").catch((thrown: unknown) => thrown)) as APIConnectionError;
    expect(error).toBeInstanceOf(APIConnectionError);
    expect(error.status).toBeUndefined();
    expect(error.requestId).toBeUndefined();
    expect(error.message).toBe(`Connection error: connect ECONNREFUSED 127.0.0.1:${port}.`);
    expect(((error.cause as Error).cause as { code: string }).code).toBe("ECONNREFUSED");
  });

  it("a connection dropped after the status line keeps the status that arrived", async () => {
    const error = (await failure((res) => {
      res.writeHead(200, { "content-type": "application/json", "content-length": "100" });
      res.write('{"id":');
      setTimeout(() => res.socket?.destroy(), 20);
    })) as APIError;
    expect(error).not.toBeInstanceOf(APIConnectionError);
    expect(error.constructor).toBe(APIError);
    expect(error.status).toBe(200);
    expect(error.message).toBe("200 OK: the body could not be read (terminated)");
  });

  it("a connection dropped on a create says the key may exist", async () => {
    const error = (await failure((res) => res.socket?.destroy(), "create")) as APIConnectionError;
    expect(error).toBeInstanceOf(APIConnectionError);
    expect(error.message).toBe(
      "Connection error: other side closed. The key may have been created, so the request was not repeated; list the keys to check.",
    );
  });
});

describe("error bodies of other shapes", () => {
  it.each([
    ['{"error":"bad"}', 'JSON without an "error" object: {"error":"bad"}'],
    ['{"error":{"code":"x"}}', 'JSON without an "error" object: {"error":{"code":"x"}}'],
    ['{"error":{"message":5}}', 'JSON without an "error" object: {"error":{"message":5}}'],
    ['{"error":null}', 'JSON without an "error" object: {"error":null}'],
    ['"just a string"', 'application/json that is not an object (13 bytes): "just a string"'],
    ["[1, 2", 'application/json that does not parse (5 bytes): "[1, 2"'],
    // Leading whitespace does not hide that the text meant to be JSON.
    ["  [1, 2", 'application/json that does not parse (7 bytes): "[1, 2"'],
    ["null", 'JSON without an "error" object: null'],
  ])("%s is described", async (body, received) => {
    const error = (await failure((res) => raw(res, 400, "application/json", body))) as APIError;
    expect(error).toBeInstanceOf(BadRequestError);
    expect(error.message).toBe(`400 Bad Request: expected a JSON error body, received ${received}`);
  });

  it.each([
    ["application/json; charset=utf-8", "application/json that does not parse (5 bytes)"],
    ["application/json ; charset=utf-8", "application/json that does not parse (5 bytes)"],
    ["text/plain;format=flowed", "text/plain (5 bytes)"],
    [";charset=utf-8", "no content type (5 bytes)"],
  ])("the content type %j is named without its parameters", async (contentType, described) => {
    const error = (await failure((res) => raw(res, 400, contentType, "{oops"))) as APIError;
    expect(error.message).toBe(`400 Bad Request: expected a JSON error body, received ${described}: "{oops"`);
  });

  it("a status line without a reason phrase gives the bare status", async () => {
    const tcp = net.createServer((socket) =>
      socket.once("data", () => socket.end("HTTP/1.1 500 \r\ncontent-type: text/plain\r\ncontent-length: 4\r\nconnection: close\r\n\r\noops")),
    );
    await new Promise<void>((resolve) => tcp.listen(0, "127.0.0.1", resolve));
    const { port } = tcp.address() as net.AddressInfo;
    const client = createAdminKeysClient({ apiKey: "sk-admin-errors", baseUrl: `http://127.0.0.1:${port}/v1`, maxRetries: 0 });
    const error = (await client.adminApiKeys.retrieve("k").catch((thrown: unknown) => thrown)) as APIError;
    tcp.close();
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error.message).toBe('500: expected a JSON error body, received text/plain (4 bytes): "oops"');
  });

  it("a custom fetch that fails on its own is an APIConnectionError with its message", async () => {
    const client = createAdminKeysClient({
      apiKey: "sk-admin-errors",
      baseUrl: "https://api.invalid/v1",
      maxRetries: 0,
      fetch: () => Promise.reject(new Error("egress proxy refused the request")),
    });
    const error = (await client.adminApiKeys.retrieve("k").catch((thrown: unknown) => thrown)) as APIError;
    expect(error).toBeInstanceOf(APIConnectionError);
    expect(error.message).toBe("Connection error: egress proxy refused the request.");
    const rejectsString = createAdminKeysClient({
      apiKey: "sk-admin-errors",
      baseUrl: "https://api.invalid/v1",
      maxRetries: 0,
      fetch: () => Promise.reject("offline"),
    });
    const stringError = (await rejectsString.adminApiKeys.retrieve("k").catch((thrown: unknown) => thrown)) as APIError;
    expect(stringError.message).toBe("Connection error: offline.");
  });
});

describe("what each error class says of itself", () => {
  it("every class has its own name, also after minification would rename the class", async () => {
    const errors = await import("../../src/errors.js");
    const expected: Record<string, string> = {
      AdminKeysError: "AdminKeysError",
      APIError: "APIError",
      BadRequestError: "BadRequestError",
      AuthenticationError: "AuthenticationError",
      PermissionDeniedError: "PermissionDeniedError",
      NotFoundError: "NotFoundError",
      ConflictError: "ConflictError",
      UnprocessableEntityError: "UnprocessableEntityError",
      RateLimitError: "RateLimitError",
      InternalServerError: "InternalServerError",
      APIConnectionError: "APIConnectionError",
      APIConnectionTimeoutError: "APIConnectionTimeoutError",
      APIUserAbortError: "APIUserAbortError",
      InvalidParameterError: "InvalidParameterError",
      ResponseTooLargeError: "ResponseTooLargeError",
      PaginationError: "PaginationError",
      ResponseValidationError: "ResponseValidationError",
    };
    for (const [exported, name] of Object.entries(expected)) {
      const ErrorClass: unknown = Reflect.get(errors, exported);
      expect(typeof ErrorClass, exported).toBe("function");
      // The name lives on the prototype, set by a string: a bundler that renames classes keeps it.
      const prototype: unknown = Reflect.get(ErrorClass as object, "prototype");
      expect(Reflect.get(prototype as object, "name"), exported).toBe(name);
    }
  });

  it("toJSON() of each gives its name, message and fields, and nothing of the exchange", () => {
    const headers = new Headers({ "x-request-id": "req_json", "x-other": "kept out" });
    const apiError = new NotFoundError("gone", { status: 404, headers, code: "not_found", type: "invalid_request_error", param: "key_id" });
    expect(apiError.toJSON()).toEqual({
      name: "NotFoundError",
      message: "gone",
      status: 404,
      requestId: "req_json",
      code: "not_found",
      type: "invalid_request_error",
      param: "key_id",
    });
    expect(JSON.stringify(apiError)).not.toContain("kept out");
    expect(new InvalidParameterError("limit", "limit must be an integer from 1 to 100; got 0").toJSON()).toEqual({
      name: "InvalidParameterError",
      message: "limit must be an integer from 1 to 100; got 0",
      param: "limit",
    });
    expect(new PaginationError("stopped", { reason: "repeated-cursor", cursor: "key_a", pages: 3, requestId: "req_p" }).toJSON()).toEqual({
      name: "PaginationError",
      message: "stopped",
      reason: "repeated-cursor",
      cursor: "key_a",
      pages: 3,
      requestId: "req_p",
    });
    expect(new ResponseValidationError("admin-api-keys-get", { pointer: "/id", expected: "must be string" }, "req_v").toJSON()).toEqual({
      name: "ResponseValidationError",
      message: "The admin-api-keys-get response does not match the spec: at /id, must be string.",
      operationId: "admin-api-keys-get",
      pointer: "/id",
      expected: "must be string",
      requestId: "req_v",
    });
    const timeout = new APIConnectionTimeoutError("Request timed out after 5 ms.");
    expect(timeout.name).toBe("APIConnectionTimeoutError");
    expect(timeout).toBeInstanceOf(APIConnectionError);
    expect(timeout.toJSON()).toMatchObject({ name: "APIConnectionTimeoutError", status: undefined, requestId: undefined });
    expect(new APIUserAbortError("Request was aborted.").name).toBe("APIUserAbortError");
    expect(new ResponseTooLargeError("big", 10, { status: 200 }).limitBytes).toBe(10);
  });
});

describe("create() with what is not an object", () => {
  it.each([[null], [undefined], ["name"], [["a"]], [5]])("create(%j) is refused before anything is sent", async (params) => {
    server = await startServer((_req, res) => sendError(res, 500, { message: "must not be reached" }));
    const { adminApiKeys } = createAdminKeysClient({ apiKey: "sk-admin-errors", baseUrl: server.baseUrl });
    const error = await adminApiKeys.create(params as never).then(
      () => expect.unreachable("the call succeeded"),
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(InvalidParameterError);
    expect((error as InvalidParameterError).param).toBe("create() parameters");
    expect((error as Error).message).toMatch(/^create\(\) parameters must be an object; got /);
    expect(server.requests).toHaveLength(0);
  });
});
