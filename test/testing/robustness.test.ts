import { Agent, type IncomingMessage, request } from "node:http";
import { connect } from "node:net";
import { describe, expect, it } from "vitest";
import type { MockResponseRecord, MockServer } from "../../src/testing/index.js";
import { LIST, call, expectError, serverFactory } from "./helpers.js";

const start = serverFactory();

function address(server: MockServer): { host: string; port: number } {
  const url = new URL(server.url);
  return { host: url.hostname, port: Number(url.port) };
}

/** Writes raw bytes on a fresh TCP connection and returns what comes back before the server closes it (or `waitMs` passes). */
function rawExchange(server: MockServer, bytes: string, waitMs = 2000): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(address(server));
    let received = "";
    socket.on("data", (chunk) => (received += chunk.toString()));
    socket.on("close", () => resolve(received));
    socket.on("error", () => resolve(received));
    socket.write(bytes);
    setTimeout(() => socket.destroy(), waitMs);
  });
}

/** Sends bytes and then destroys the socket at once, like a client that dies mid-request. */
function sendAndVanish(server: MockServer, bytes: string): Promise<void> {
  return new Promise((resolve) => {
    const socket = connect(address(server), () => {
      socket.write(bytes, () => {
        socket.destroy();
        resolve();
      });
    });
    socket.on("error", () => resolve());
  });
}

async function stillServes(server: MockServer): Promise<void> {
  const answer = await call(server, `${LIST}?limit=1`);
  expect(answer.status).toBe(200);
}

function bodyOf(response: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let text = "";
    response.on("data", (chunk) => (text += chunk));
    response.on("end", () => resolve(text));
  });
}

describe("garbage in, clean error out", () => {
  it("survives a request whose body never arrives in full, and counts it", async () => {
    const server = await start({ seed: 1 });
    await sendAndVanish(
      server,
      `POST /v1${LIST} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${server.apiKey}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"na`,
    );
    await sendAndVanish(server, "GET /v1/organiz");
    await stillServes(server);
    expect(server.requests.count("admin-api-keys-create")).toBe(1);
    expect(server.store.createdCount).toBe(0);
  });

  it("spends no request id on a client that resets its connection mid-headers: the answers stay numbered one after another", async () => {
    const server = await start();
    const before = (await call(server, "/unknown", { key: null })).headers.get("x-request-id") ?? "";
    // A reset (RST, not FIN) while node:http is still parsing the headers: there is no one to answer.
    await new Promise<void>((resolve) => {
      const socket = connect(address(server), () => {
        socket.write(`GET /v1${LIST} HTTP/1.1\r\nHost: x\r\nX-Half: `, () => setTimeout(() => {
          socket.resetAndDestroy();
          resolve();
        }, 20));
      });
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const after = (await call(server, "/unknown", { key: null })).headers.get("x-request-id") ?? "";
    // Ids are a per-server prefix and a hexadecimal counter.
    expect(after.slice(0, 12)).toBe(before.slice(0, 12));
    expect(Number.parseInt(after.slice(12), 16)).toBe(Number.parseInt(before.slice(12), 16) + 1);
    expect(server.requests.count()).toBe(2);
  });

  it("answers bytes that are not HTTP with a 400 in the OpenAI shape and an x-request-id", async () => {
    const server = await start();
    const reply = await rawExchange(server, "HELLO THERE\r\n\r\n");
    expect(reply).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(reply).toMatch(/x-request-id: req_[0-9a-f]{32}/);
    expect(reply).toContain("\r\ncontent-type: application/json\r\n");
    expect(JSON.parse(reply.slice(reply.indexOf("\r\n\r\n") + 4))).toEqual({
      error: { message: "Malformed HTTP request (Bad Request).", type: "invalid_request_error", param: null, code: "bad_http" },
    });
    await stillServes(server);
  });

  it("answers oversized headers with 431", async () => {
    const server = await start();
    const reply = await rawExchange(server, `GET /v1${LIST} HTTP/1.1\r\nHost: x\r\nX-Big: ${"a".repeat(20_000)}\r\n\r\n`);
    expect(reply).toMatch(/^HTTP\/1\.1 431 Request Header Fields Too Large\r\n/);
    expect(JSON.parse(reply.slice(reply.indexOf("\r\n\r\n") + 4)).error).toMatchObject({ message: "Malformed HTTP request (Request Header Fields Too Large).", code: "bad_http" });
    await stillServes(server);
  });

  it("answers a declared body over 1 MiB with 413 without reading it", async () => {
    const server = await start();
    const reply = await rawExchange(
      server,
      `POST /v1${LIST} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${server.apiKey}\r\nContent-Type: application/json\r\nContent-Length: ${2 * 1024 * 1024}\r\n\r\n{"name":`,
    );
    expect(reply).toMatch(/^HTTP\/1\.1 413 /);
    expect(reply).toContain('"code":"request_too_large"');
    await stillServes(server);
  });

  it("stops reading a chunked body once it passes 1 MiB and answers 413", async () => {
    const server = await start();
    const { host, port } = address(server);
    const received = { bytes: 0 };
    const status = await new Promise<number>((resolve, reject) => {
      const outgoing = request(
        { host, port, method: "POST", path: `/v1${LIST}`, headers: { authorization: `Bearer ${server.apiKey}`, "content-type": "application/json" } },
        (response) => resolve(response.statusCode ?? 0),
      );
      outgoing.on("error", (error) => (received.bytes > 0 ? undefined : reject(error)));
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      let sent = 0;
      const pump = (): void => {
        while (sent < 16 * 1024 * 1024) {
          sent += chunk.length;
          received.bytes = sent;
          if (!outgoing.write(chunk)) {
            outgoing.once("drain", pump);
            return;
          }
        }
        outgoing.end();
      };
      pump();
    });
    expect(status).toBe(413);
    expect(server.store.createdCount).toBe(0);
    await stillServes(server);
  });

  it("honours a smaller maxBodyBytes", async () => {
    const server = await start({ maxBodyBytes: 16 });
    expectError(await call(server, LIST, { method: "POST", body: { name: "a name longer than sixteen bytes" } }), 413, null);
    expect((await call(server, LIST, { method: "POST", body: { name: "short" } })).status).toBe(200);
  });

  it("keeps the connection alive across successes and errors", async () => {
    const server = await start({ seed: 1 });
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const { host, port } = address(server);
    const reused: boolean[] = [];
    for (const path of [LIST, `${LIST}?limit=0`, `${LIST}/nope`, "/v1/unknown", LIST]) {
      await new Promise<void>((resolve, reject) => {
        const outgoing = request({ host, port, path: path.startsWith("/v1") ? path : `/v1${path}`, agent, headers: { authorization: `Bearer ${server.apiKey}` } }, (response) => {
          void bodyOf(response).then(() => resolve());
        });
        outgoing.on("error", reject);
        outgoing.end();
        reused.push(outgoing.reusedSocket);
      });
    }
    agent.destroy();
    expect(reused).toEqual([false, true, true, true, true]);
  });

  it("ignores a body sent with a GET", async () => {
    const server = await start({ seed: 2 });
    // fetch refuses to send a body with GET, so this one goes over a raw socket.
    const reply = await rawExchange(
      server,
      `GET /v1${LIST}?limit=1 HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${server.apiKey}\r\nContent-Length: 7\r\nConnection: close\r\n\r\ngarbage`,
    );
    expect(reply).toMatch(/^HTTP\/1\.1 200 /);
  });

  it("answers HEAD and OPTIONS with 405 and the allowed methods", async () => {
    const server = await start();
    const head = await fetch(`${server.url}${LIST}`, { method: "HEAD" });
    expect(head.status).toBe(405);
    expect(head.headers.get("allow")).toBe("GET, POST");
    const options = await call(server, LIST, { method: "OPTIONS" });
    expectError(options, 405, null);
  });

  it("survives a client that disconnects while a delayed answer is pending", async () => {
    const server = await start({ seed: 1 });
    server.faults.add("admin-api-keys-list", { kind: "delay", ms: 200 });
    const aborted = await fetch(`${server.url}${LIST}`, { headers: { authorization: `Bearer ${server.apiKey}` }, signal: AbortSignal.timeout(50) }).catch(
      (error: Error) => error.name,
    );
    expect(aborted).toBe("TimeoutError");
    await new Promise((resolve) => setTimeout(resolve, 300));
    await stillServes(server);
  });

  it("does not report to onResponse an answer whose client gave up before it was sent", async () => {
    const heard: MockResponseRecord[] = [];
    const server = await start({ seed: 1, onResponse: (record) => heard.push(record) });
    server.faults.add("admin-api-keys-list", { kind: "delay", ms: 150 });
    const gaveUp = await fetch(`${server.url}${LIST}`, { headers: { authorization: `Bearer ${server.apiKey}` }, signal: AbortSignal.timeout(30) }).catch(
      (error: Error) => error.name,
    );
    expect(gaveUp).toBe("TimeoutError");
    await new Promise((resolve) => setTimeout(resolve, 250));
    // Counted as a request, but no response was sent, so none is reported.
    expect(server.requests.count("admin-api-keys-list")).toBe(1);
    expect(heard).toEqual([]);
    await stillServes(server);
    expect(heard.map((record) => [record.operationId, record.status])).toEqual([["admin-api-keys-list", 200]]);
  });

  it("closes with requests still waiting on a delay, and close can be called twice", async () => {
    const server = await start({ seed: 1 });
    server.faults.add("admin-api-keys-list", { kind: "delay", ms: 60_000 });
    const pending = fetch(`${server.url}${LIST}`, { headers: { authorization: `Bearer ${server.apiKey}` } }).catch((error: Error) => error);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await Promise.all([server.close(), server.close()]);
    expect(await pending).toBeInstanceOf(Error);
  });
});

/** Writes raw bytes and reports what came back and whether the server closed its side (a FIN), rather than the client giving up. */
function rawUntilServerCloses(server: MockServer, bytes: string, waitMs = 2000): Promise<{ reply: string; closedByServer: boolean }> {
  return new Promise((resolve) => {
    const socket = connect(address(server));
    let reply = "";
    let closedByServer = false;
    socket.on("data", (chunk) => (reply += chunk.toString()));
    socket.on("end", () => (closedByServer = true));
    socket.on("close", () => resolve({ reply, closedByServer }));
    socket.on("error", () => resolve({ reply, closedByServer }));
    socket.write(bytes);
    setTimeout(() => socket.destroy(), waitMs);
  });
}

/** The status, headers (lower-cased names) and JSON body of a raw HTTP/1.1 reply. */
function parseReply(reply: string): { status: number; headers: Record<string, string>; body: any } {
  const split = reply.indexOf("\r\n\r\n");
  const [statusLine = "", ...lines] = reply.slice(0, split).split("\r\n");
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(":");
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { status: Number(statusLine.split(" ")[1]), headers, body: JSON.parse(reply.slice(split + 4)) };
}

describe("CONNECT and Upgrade requests", () => {
  it("answers CONNECT to a host with a 404 in the OpenAI shape and an x-request-id, closes that socket, logs it, and keeps serving", async () => {
    const server = await start({ seed: 1 });
    // The bytes after the CONNECT are what a proxy client would tunnel; the server must not read them as a request.
    const { reply, closedByServer } = await rawUntilServerCloses(
      server,
      `CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\nAuthorization: Bearer ${server.apiKey}\r\n\r\nGET /v1${LIST} HTTP/1.1\r\n\r\n`,
    );
    expect(reply).toMatch(/^HTTP\/1\.1 404 Not Found\r\n/);
    const answer = parseReply(reply);
    expect(answer.headers["x-request-id"]).toMatch(/^req_[0-9a-f]{32}$/);
    expect(answer.headers["content-type"]).toBe("application/json");
    expect(answer.headers["connection"]).toBe("close");
    expect(answer.body).toEqual({
      error: { message: "Invalid URL (CONNECT example.com:443)", type: "invalid_request_error", param: null, code: "unknown_url" },
    });
    // One answer only: the tunnelled GET was not served.
    expect(reply.match(/HTTP\/1\.1 /g)).toHaveLength(1);
    expect(closedByServer).toBe(true);
    expect(server.requests.count()).toBe(1);
    const [record] = server.requests.all();
    expect(record).toMatchObject({ method: "CONNECT", url: "example.com:443", operationId: null, params: {} });
    expect(record?.headers).not.toHaveProperty("authorization");
    await stillServes(server);
    expect(server.requests.count("admin-api-keys-list")).toBe(1);
  });

  it("answers CONNECT to one of the API's paths with 405 and Allow, as any method the path does not take", async () => {
    const responses: MockResponseRecord[] = [];
    const server = await start({ onResponse: (record) => responses.push(record) });
    const { reply, closedByServer } = await rawUntilServerCloses(server, `CONNECT /v1${LIST} HTTP/1.1\r\nHost: x\r\n\r\n`);
    const answer = parseReply(reply);
    expect(answer.status).toBe(405);
    expect(answer.headers["allow"]).toBe("GET, POST");
    expect(answer.body.error).toMatchObject({ param: null, code: "method_not_allowed", type: "invalid_request_error" });
    expect(closedByServer).toBe(true);
    // The response reaches onResponse (and so the spec check) like any other.
    expect(responses).toEqual([expect.objectContaining({ method: "CONNECT", status: 405, operationId: null, requestId: answer.headers["x-request-id"] })]);
    await stillServes(server);
  });

  it("closes a CONNECT's socket once its answer is out, even when the client keeps its own side open", async () => {
    const server = await start();
    const socket = connect({ ...address(server), allowHalfOpen: true });
    let reply = "";
    socket.on("data", (chunk) => (reply += chunk.toString()));
    const ended = new Promise<void>((resolve) => socket.on("end", () => resolve()));
    socket.write("CONNECT example.com:443 HTTP/1.1\r\nHost: example.com\r\n\r\n");
    await ended;
    expect(reply).toMatch(/^HTTP\/1\.1 404 Not Found\r\n/);
    // The client never ends its side; close() still has no connection left to wait for.
    const closed = await Promise.race([server.close().then(() => "closed"), new Promise((resolve) => setTimeout(() => resolve("still open"), 1000))]);
    socket.destroy();
    expect(closed).toBe("closed");
  });

  it("survives CONNECT clients that reset their connection as soon as they have sent it", async () => {
    const uncaught: unknown[] = [];
    const record = (error: unknown): void => void uncaught.push(error);
    process.on("uncaughtException", record);
    try {
      const server = await start();
      for (let index = 0; index < 20; index++) {
        await new Promise<void>((resolve) => {
          const socket = connect(address(server), () => {
            socket.write("CONNECT example.com:443 HTTP/1.1\r\nHost: example.com\r\n\r\n", () => {
              socket.resetAndDestroy();
              resolve();
            });
          });
        });
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
      await stillServes(server);
      expect(server.requests.count()).toBe(21);
    } finally {
      process.off("uncaughtException", record);
    }
    expect(uncaught).toEqual([]);
  });

  it("survives many CONNECTs at once, and closes with none left open", async () => {
    const server = await start();
    const replies = await Promise.all(Array.from({ length: 20 }, () => rawUntilServerCloses(server, "CONNECT example.com:443 HTTP/1.1\r\nHost: example.com\r\n\r\n")));
    expect(replies.every(({ reply, closedByServer }) => reply.startsWith("HTTP/1.1 404 ") && closedByServer)).toBe(true);
    expect(new Set(replies.map(({ reply }) => parseReply(reply).headers["x-request-id"])).size).toBe(20);
    await stillServes(server);
    await server.close();
  });

  it("answers an Upgrade: websocket request as a plain request, never 101, and keeps serving", async () => {
    const server = await start({ seed: 1 });
    // "close" too, so each connection ends with its answer; the Upgrade token is what node:http looks at.
    const upgrade = "Connection: Upgrade, close\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n";
    const listed = parseReply(await rawExchange(server, `GET /v1${LIST} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${server.apiKey}\r\n${upgrade}\r\n`, 300));
    expect(listed.status).toBe(200);
    expect(listed.headers["x-request-id"]).toMatch(/^req_[0-9a-f]{32}$/);
    expect(listed.headers).not.toHaveProperty("upgrade");
    expect(listed.body).toMatchObject({ object: "list", has_more: false });
    const unknown = parseReply(await rawExchange(server, `GET /v1/realtime HTTP/1.1\r\nHost: x\r\n${upgrade}\r\n`, 300));
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toMatchObject({ code: "unknown_url", type: "invalid_request_error", param: null });
    const unauthenticated = parseReply(await rawExchange(server, `POST /v1${LIST} HTTP/1.1\r\nHost: x\r\nConnection: Upgrade, close\r\nUpgrade: h2c\r\nContent-Length: 2\r\n\r\n{}`, 300));
    expect(unauthenticated.status).toBe(401);
    expect(server.requests.all().map((record) => record.operationId)).toEqual(["admin-api-keys-list", null, "admin-api-keys-create"]);
    await stillServes(server);
  });
});
