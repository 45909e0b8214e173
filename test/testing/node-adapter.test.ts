// What the node:http adapter keeps from the wire that a Fetch Request could not hold: the request
// target exactly as it arrived (no dot-segment or absolute-form rewriting), methods Fetch refuses
// (TRACE), node's own header rules (a repeated Authorization keeps the first), and a body that is
// read only when an operation wants one. Raw sockets on 127.0.0.1, counts on the server side.

import { once } from "node:events";
import type { IncomingMessage } from "node:http";
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import type { MockResponseRecord, MockServer } from "../../src/testing/index.js";
import { fetchRequestFrom, incomingBody } from "../../src/testing/node-request.js";
import { LIST, call, expectError, rawExchange, serverFactory } from "./helpers.js";

const start = serverFactory();

function address(server: MockServer): { host: string; port: number } {
  const url = new URL(server.url);
  return { host: url.hostname, port: Number(url.port) };
}


function statusOf(reply: string): number {
  return Number(reply.split(" ")[1]);
}

function bodyOf(reply: string): { error: { message: string; code: string | null } } {
  return JSON.parse(reply.slice(reply.indexOf("\r\n\r\n") + 4));
}

describe("the node:http adapter keeps the request as it arrived", () => {
  it("routes and logs the raw target: dot segments are not resolved, percent-encoding is kept", async () => {
    const server = await start({ seed: 1 });
    const auth = `Authorization: Bearer ${server.apiKey}\r\n`;
    const dotted = await rawExchange(server, `GET /v1/organization/../organization/admin_api_keys HTTP/1.1\r\nHost: x\r\n${auth}Connection: close\r\n\r\n`);
    expect(statusOf(dotted)).toBe(404);
    expect(bodyOf(dotted).error.message).toBe("Invalid URL (GET /v1/organization/../organization/admin_api_keys)");
    const encoded = await rawExchange(server, `GET /v1${LIST}/key%5Fx?limit=%31 HTTP/1.1\r\nHost: x\r\n${auth}Connection: close\r\n\r\n`);
    expect(statusOf(encoded)).toBe(404);
    expect(server.requests.all().map((record) => [record.url, record.operationId])).toEqual([
      ["/v1/organization/../organization/admin_api_keys", null],
      [`/v1${LIST}/key%5Fx?limit=%31`, "admin-api-keys-get"],
    ]);
    expect(server.requests.all("admin-api-keys-get")[0]?.params).toEqual({ key_id: "key_x" });
  });

  it("answers an absolute-form target as a path outside the API, not as the path inside the URL", async () => {
    const server = await start({ seed: 1 });
    const { host, port } = address(server);
    const target = `http://${host}:${port}/v1${LIST}`;
    const reply = await rawExchange(server, `GET ${target} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${server.apiKey}\r\nConnection: close\r\n\r\n`);
    expect(statusOf(reply)).toBe(404);
    expect(bodyOf(reply).error).toMatchObject({ code: "unknown_url", message: `Invalid URL (GET ${target})` });
    expect(server.requests.count("admin-api-keys-list")).toBe(0);
    expect(server.requests.count()).toBe(1);
  });

  it("answers TRACE, a method Fetch refuses to carry, with 405 and Allow on an API path and 404 elsewhere", async () => {
    const responses: MockResponseRecord[] = [];
    const server = await start({ onResponse: (record) => responses.push(record) });
    const known = await rawExchange(server, `TRACE /v1${LIST} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
    expect(statusOf(known)).toBe(405);
    expect(known).toMatch(/\r\nallow: GET, POST\r\n/i);
    expect(bodyOf(known).error.code).toBe("method_not_allowed");
    const unknown = await rawExchange(server, "TRACE /elsewhere HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    expect(statusOf(unknown)).toBe(404);
    expect(server.requests.all().map((record) => record.method)).toEqual(["TRACE", "TRACE"]);
    expect(responses.map((record) => [record.method, record.status])).toEqual([
      ["TRACE", 405],
      ["TRACE", 404],
    ]);
  });

  it("follows node's header rules: of two Authorization headers the first counts", async () => {
    const server = await start({ seed: 1 });
    const twice = (first: string, second: string) =>
      rawExchange(server, `GET /v1${LIST} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${first}\r\nAuthorization: Bearer ${second}\r\nConnection: close\r\n\r\n`);
    expect(statusOf(await twice(server.apiKey, "sk-admin-wrong"))).toBe(200);
    expect(statusOf(await twice("sk-admin-wrong", server.apiKey))).toBe(401);
  });

  it("reads a body only for an operation that takes one: a body sent to a 405 or a DELETE is left unread and the connection stays usable", async () => {
    const server = await start({ seed: 1 });
    const auth = `Authorization: Bearer ${server.apiKey}\r\n`;
    const [key] = server.store.list();
    // Two requests on one connection: each body must be skipped exactly, or the second request would not parse.
    const reply = await rawExchange(
      server,
      `PUT /v1${LIST} HTTP/1.1\r\nHost: x\r\n${auth}Content-Type: application/json\r\nContent-Length: 9\r\n\r\n{"a":"b"}` +
        `DELETE /v1${LIST}/${key?.id} HTTP/1.1\r\nHost: x\r\n${auth}Content-Length: 5\r\nConnection: close\r\n\r\nxxxxx`,
    );
    const statuses = [...reply.matchAll(/HTTP\/1\.1 (\d{3}) /g)].map((match) => Number(match[1]));
    expect(statuses).toEqual([405, 200]);
    expect(server.store.deletedCount).toBe(1);
    expect(server.requests.all().map((record) => [record.method, record.body])).toEqual([
      ["PUT", undefined],
      ["DELETE", undefined],
    ]);
    expect((await call(server, `${LIST}?limit=1`)).status).toBe(200);
  });
});

describe("the node:http adapter sends what it can", () => {
  it("answers a reply node refuses to send (a fault header with a newline) with the emulator-bug 500, and keeps serving", async () => {
    const server = await start({ seed: 1 });
    server.faults.add("admin-api-keys-list", { kind: "status", status: 503, headers: { "x-bad": "a\nb" } });
    const answer = await call(server, LIST);
    expectError(answer, 500, null);
    expect(answer.json.error).toMatchObject({ type: "server_error", message: expect.stringMatching(/^Local server bug: /) });
    expect((await call(server, LIST)).status).toBe(200);
  });
});

/** A stand-in for an IncomingMessage: a readable stream with node's parsed request fields. */
function incoming(fields: { method?: string; url?: string; headers?: Record<string, string> }, stream = new PassThrough()): IncomingMessage {
  return Object.assign(stream, { method: "GET", url: "/", headers: {}, ...fields }) as unknown as IncomingMessage;
}

describe("fetchRequestFrom", () => {
  it("keeps the wire's method and target in the arrival where the Request cannot hold them", () => {
    const trace = fetchRequestFrom(incoming({ method: "TRACE", url: `/v1${LIST}` }), "http://127.0.0.1:1");
    expect([trace.request.method, trace.arrival.method]).toEqual(["GET", "TRACE"]);
    const absolute = fetchRequestFrom(incoming({ url: "http://elsewhere/v1/x" }), "http://127.0.0.1:1");
    expect([absolute.request.url, absolute.arrival.target]).toEqual(["http://127.0.0.1:1/", "http://elsewhere/v1/x"]);
  });

  it("leaves out a header value Fetch refuses instead of failing the request; the log still has it, never the key", () => {
    const { request, arrival } = fetchRequestFrom(incoming({ headers: { "x-bad": "a\u0000b", authorization: "Bearer k" } }), "http://127.0.0.1:1");
    expect(request.headers.get("authorization")).toBe("Bearer k");
    expect(request.headers.has("x-bad")).toBe(false);
    expect(arrival.headers).toEqual({ "x-bad": "a\u0000b" });
  });

  it("gives a body stream only to a method that may carry one and a request that has one", () => {
    const post = (headers: Record<string, string>) => fetchRequestFrom(incoming({ method: "POST", headers }), "http://127.0.0.1:1").request.body;
    expect(post({ "content-length": "2" })).not.toBeNull();
    expect(post({ "transfer-encoding": "chunked" })).not.toBeNull();
    expect(post({})).toBeNull();
    expect(fetchRequestFrom(incoming({ method: "GET", headers: { "content-length": "7" } }), "http://127.0.0.1:1").request.body).toBeNull();
  });
});

describe("incomingBody", () => {
  async function text(body: ReadableStream<Uint8Array>): Promise<string> {
    return new Response(body).text();
  }

  it("pulls nothing until read, then streams the socket's bytes to their end", async () => {
    const stream = new PassThrough();
    const body = incomingBody(incoming({}, stream));
    stream.write("hel");
    await new Promise((resolve) => setTimeout(resolve, 10));
    // Unread, the bytes wait in node's buffer: nobody has listened for data.
    expect(stream.listenerCount("data")).toBe(0);
    const read = text(body);
    stream.end("lo");
    expect(await read).toBe("hello");
  });

  it("fails the read when the client goes away mid-body, or had gone before the read", async () => {
    const stream = new PassThrough();
    const read = text(incomingBody(incoming({}, stream)));
    stream.write("{");
    await new Promise((resolve) => setTimeout(resolve, 10));
    stream.destroy();
    await expect(read).rejects.toThrow(/before the request body ended/);
    const gone = new PassThrough();
    gone.destroy();
    await expect(text(incomingBody(incoming({}, gone)))).rejects.toThrow(/before the request body was read/);
  });

  it("is empty for a body that had ended before the read", async () => {
    const stream = new PassThrough();
    stream.resume();
    stream.end();
    await once(stream, "end");
    expect(await text(incomingBody(incoming({}, stream)))).toBe("");
  });

  it("stops the socket when cancelled", async () => {
    const stream = new PassThrough();
    const reader = incomingBody(incoming({}, stream)).getReader();
    const first = reader.read();
    stream.write("x");
    expect((await first).value?.byteLength).toBe(1);
    await reader.cancel();
    expect(stream.isPaused()).toBe(true);
    expect(stream.listenerCount("data")).toBe(0);
  });
});
