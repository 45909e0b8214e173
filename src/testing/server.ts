// The node:http plumbing of the local server: route, count, read the body, apply a scripted
// fault, authenticate, hand over to the operation's handler, and send the answer with an
// x-request-id. Everything that can go wrong with a request becomes an OpenAI error body;
// nothing a client sends or fails to send can throw out of the request handler.

import { randomBytes } from "node:crypto";
import { appendFileSync } from "node:fs";
import { type IncomingMessage, type Server, type ServerResponse, createServer } from "node:http";
import type { Duplex } from "node:stream";
import type { AdminApiKeyOwner } from "../../generated/client.js";
import { operationConstraints } from "../../generated/client.js";
import { authenticate } from "./auth.js";
import { parseJsonBody, readBody } from "./body.js";
import { type ErrorReply, bodyTooLarge, invalidParam, malformedHttpResponse, methodNotAllowed, rawErrorResponse, unknownRoute } from "./errors.js";
import { FaultQueue, type MockFault, type MockFaults, faultReply } from "./faults.js";
import { type Reply, handlers } from "./handlers.js";
import { type MockRequestLog, type MockRequestRecord, type MockResponseRecord, RequestLog } from "./log.js";
import { type MockServerOptions, resolveOptions } from "./options.js";
import { seededKeys } from "./records.js";
import { type OperationId, type RouteMatch, matchRoute } from "./routing.js";
import { KeyStore, type MockKeyStore } from "./store.js";

/**
 * A running local admin-keys server.
 *
 * @example
 * ```ts
 * const server = await startMockServer({ seed: 25 });
 * const client = createAdminKeysClient({ apiKey: server.apiKey, baseUrl: server.url });
 * await server.close();
 * ```
 */
export interface MockServer {
  /** Base URL to give a client, such as `http://127.0.0.1:41234/v1`. */
  readonly url: string;
  /** The admin key the server accepts (with `acceptAnyKey`, still the default key, accepted like any other). */
  readonly apiKey: string;
  /** Read access to the keys the server holds. */
  readonly store: MockKeyStore;
  /** The scripted faults, per route. */
  readonly faults: MockFaults;
  /** The requests the server received, counted per route. */
  readonly requests: MockRequestLog;
  /** Stops listening, ends open connections and pending delays. Safe to call twice. */
  close(): Promise<void>;
}

/**
 * The environment variable that, set to a file path, makes every server in the process append
 * each response it sends there as one JSON line (a {@link MockResponseRecord}, secrets replaced),
 * for checks that span a whole test run.
 *
 * @example
 * ```sh
 * ADMIN_KEYS_MOCK_RESPONSE_LOG=test-artifacts/responses.ndjson npx vitest run
 * ```
 */
export const RESPONSE_LOG_ENV = "ADMIN_KEYS_MOCK_RESPONSE_LOG";

const takesBody = new Set<string>(
  Object.values(operationConstraints)
    .filter((operation) => operation.body !== null)
    .map((operation) => operation.operationId),
);

interface Exchange {
  readonly request: IncomingMessage;
  readonly response: ServerResponse;
  readonly requestId: string;
  readonly operationId: OperationId | null;
  readonly record: { body: unknown };
  fault: MockFault["kind"] | null;
}

function withoutAuthorization(headers: IncomingMessage["headers"]): MockRequestRecord["headers"] {
  const { authorization: _secret, ...rest } = headers;
  return rest;
}

function redactSecret(body: unknown): unknown {
  if (typeof body !== "object" || body === null || !("value" in body)) return body;
  return { ...body, value: "sk-admin-[redacted]" };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * Starts a local server that speaks the admin API keys endpoints of spec/openapi.yaml over
 * plain node:http, for tests and demos.
 *
 * @example
 * ```ts
 * import { startMockServer } from "openai-admin-keys/testing";
 *
 * const server = await startMockServer({ seed: 250 });
 * server.faults.add("admin-api-keys-list", { kind: "status", status: 429, retryAfter: 1 });
 * // … point a client at server.url with server.apiKey …
 * expect(server.requests.count("admin-api-keys-list")).toBe(2);
 * await server.close();
 * ```
 */
export async function startMockServer(options: MockServerOptions = {}): Promise<MockServer> {
  const settings = resolveOptions(options);
  const { apiKey, now, maxBodyBytes, startSeconds } = settings;
  const owner: AdminApiKeyOwner = settings.owner;
  const access = { apiKey, acceptAnyKey: settings.acceptAnyKey };
  const store = new KeyStore();
  for (const key of [...seededKeys(settings.seed, startSeconds), ...settings.keys]) store.insert(key);
  const faults = new FaultQueue();
  const log = new RequestLog(settings.recordLimit);
  const timers = new Set<NodeJS.Timeout>();
  const requestPrefix = `req_${randomBytes(4).toString("hex")}`;
  let requestCount = 0;
  let closed = false;

  const logFile = process.env[RESPONSE_LOG_ENV];
  const listeners: ((record: MockResponseRecord) => void)[] = [];
  if (settings.onResponse !== undefined) listeners.push(settings.onResponse);
  if (logFile !== undefined && logFile !== "") {
    listeners.push((record) => appendFileSync(logFile, `${JSON.stringify({ ...record, body: redactSecret(record.body) })}\n`));
  }

  function send(exchange: Exchange, status: number, text: string, headers?: Readonly<Record<string, string>>, contentType = "application/json"): void {
    const { response } = exchange;
    if (response.headersSent || response.destroyed) return;
    const base = { "content-type": contentType, "content-length": String(Buffer.byteLength(text)), "x-request-id": exchange.requestId };
    const sent = headers === undefined ? base : { ...base, ...headers };
    response.writeHead(status, sent);
    response.end(text);
    notify(exchange, status, sent, text);
  }

  function notify(exchange: Pick<Exchange, "request" | "requestId" | "operationId" | "fault">, status: number, headers: Readonly<Record<string, string>>, text: string): void {
    if (listeners.length === 0) return;
    const record: MockResponseRecord = {
      requestId: exchange.requestId,
      operationId: exchange.operationId,
      method: exchange.request.method ?? "",
      url: exchange.request.url ?? "",
      status,
      headers,
      body: parseJson(text),
      fault: exchange.fault,
    };
    for (const listener of listeners) listener(record);
  }

  function nextRequestId(): string {
    requestCount++;
    return `${requestPrefix}${requestCount.toString(16).padStart(24, "0")}`;
  }

  function sendError(exchange: Exchange, error: ErrorReply): void {
    send(exchange, error.status, JSON.stringify(error.body), error.headers);
  }

  function sleep(ms: number): Promise<boolean> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve(!closed);
      }, ms);
      timers.add(timer);
    });
  }

  async function handleOperation(exchange: Exchange, operationId: OperationId, params: Record<string, string>): Promise<void> {
    const { request } = exchange;
    const fault = faults.take(operationId);
    let text = "";
    if (takesBody.has(operationId)) {
      const body = await readBody(request, maxBodyBytes);
      if (body.kind === "aborted") return;
      if (body.kind === "too-large") {
        sendError(exchange, bodyTooLarge(maxBodyBytes));
        return;
      }
      text = body.text;
    }
    if (fault !== undefined) {
      exchange.fault = fault.kind;
      const wait = fault.kind === "delay" ? fault.ms : (fault.delayMs ?? 0);
      if (wait > 0 && !(await sleep(wait))) return;
      if (fault.kind === "drop") {
        request.socket.destroy();
        return;
      }
      if (fault.kind === "status" || fault.kind === "malformed") {
        const reply = faultReply(fault);
        send(exchange, reply.status, reply.text, reply.headers, reply.contentType);
        return;
      }
    }
    const nowSeconds = Math.floor(now() / 1000);
    const denied = authenticate(request.headers.authorization, access, store, nowSeconds);
    if (denied !== undefined) {
      sendError(exchange, denied);
      return;
    }
    let body: unknown;
    if (takesBody.has(operationId)) {
      const parsed = parseJsonBody(request.headers["content-type"], text);
      if ("status" in parsed) {
        sendError(exchange, parsed);
        return;
      }
      body = parsed.value;
      exchange.record.body = body;
    }
    const search = new URLSearchParams(exchange.request.url?.split("?")[1] ?? "");
    const reply: Reply | ErrorReply = handlers[operationId]({
      store,
      params,
      search,
      body,
      nowSeconds,
      owner,
    });
    if (fault?.kind === "commit-then-fail") {
      const failure = faultReply(fault);
      send(exchange, failure.status, failure.text);
      return;
    }
    if ("text" in reply) send(exchange, reply.status, reply.text);
    else sendError(exchange, reply);
  }

  function onRequest(request: IncomingMessage, response: ServerResponse): void {
    // A client that vanishes mid-request is normal here, never a reason to crash.
    request.on("error", ignore);
    response.on("error", ignore);
    const method = request.method ?? "GET";
    const url = request.url ?? "/";
    const query = url.indexOf("?");
    const path = query === -1 ? url : url.slice(0, query);
    const match = matchRoute(method, path);
    const operationId = match.kind === "operation" ? match.operationId : null;
    const requestId = nextRequestId();
    const record = log.open({
      requestId,
      operationId,
      method,
      url,
      params: match.kind === "operation" ? match.params : {},
      headers: withoutAuthorization(request.headers),
      body: undefined,
    });
    const exchange: Exchange = { request, response, requestId, operationId, record, fault: null };
    if (match.kind !== "operation") {
      sendError(exchange, unroutedError(method, path, match));
      return;
    }
    handleOperation(exchange, match.operationId, match.params).catch((error: unknown) => {
      // A bug in the server itself: answer 500 rather than leave the client hanging.
      const message = error instanceof Error ? error.message : String(error);
      send(exchange, 500, JSON.stringify({ error: { message: `Local server bug: ${message}`, type: "server_error", param: null, code: null } }));
    });
  }

  /**
   * A CONNECT (node:http hands the socket over and, with no listener, would just destroy it):
   * answered as any method the spec does not route, 404 for a target outside the API and 405 on
   * one of its paths, counted in the log, then the socket is ended. The server is not a proxy.
   */
  function onConnect(request: IncomingMessage, socket: Duplex): void {
    socket.on("error", ignore);
    const method = request.method ?? "CONNECT";
    const url = request.url ?? "";
    const query = url.indexOf("?");
    const path = query === -1 ? url : url.slice(0, query);
    const match = matchRoute(method, path);
    const requestId = nextRequestId();
    log.open({ requestId, operationId: null, method, url, params: {}, headers: withoutAuthorization(request.headers), body: undefined });
    // OpenAPI has no CONNECT operation, so no spec can route one; it is answered as a 405 all the same.
    const error = match.kind === "operation" ? methodNotAllowed(method, path, []) : unroutedError(method, path, match);
    const { headers, body, text } = rawErrorResponse(error, requestId);
    // Whatever the client sends after its CONNECT is read and dropped (unread bytes would turn the
    // close into a reset that can lose the answer); once the answer is out the socket is closed,
    // as node:http closes a `connection: close` response's, so close() has nothing left to wait on.
    socket.resume();
    socket.end(text, () => socket.destroy());
    notify({ request, requestId, operationId: null, fault: null }, error.status, headers, body);
  }

  function onClientError(error: NodeJS.ErrnoException, socket: Duplex): void {
    if (!socket.writable || error.code === "ECONNRESET") {
      socket.destroy();
      return;
    }
    socket.end(malformedHttpResponse(error.code, nextRequestId()));
  }

  const server: Server = createServer(onRequest);
  server.on("clientError", onClientError);
  server.on("connect", onConnect);
  // No "upgrade" listener, on purpose: without one node:http hands an `Upgrade:` request (websocket,
  // h2c) to onRequest, so it is answered as the plain HTTP/1.1 request it also is, never with a 101.
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(settings.port, settings.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === "object" && address !== null ? address.port : settings.port;
  const host = settings.host.includes(":") ? `[${settings.host}]` : settings.host;
  let closing: Promise<void> | undefined;

  return {
    url: `http://${host}:${port}/v1`,
    get apiKey() {
      return apiKey;
    },
    store,
    faults,
    requests: log,
    close() {
      closing ??= new Promise<void>((resolve) => {
        closed = true;
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

/** The answer to a request the spec does not route: unknown path, wrong method, undecodable segment. */
function unroutedError(method: string, path: string, match: Exclude<RouteMatch, { kind: "operation" }>): ErrorReply {
  switch (match.kind) {
    case "not-found":
      return unknownRoute(method, path);
    case "method-not-allowed":
      return methodNotAllowed(method, path, match.allowed);
    case "bad-encoding":
      return invalidParam(match.param, `Invalid value for ${match.param}: the path segment is not valid percent-encoding.`);
  }
}

function ignore(): void {}
