// The emulator's core behind node:http. Each request becomes a Fetch Request and an arrival
// (node-request.ts), goes through the core, and its reply is written back (node-response.ts).
// What only a socket has stays here: a dropped connection is a destroyed socket, a CONNECT's socket
// gets its answer as raw bytes and is closed, and bytes that are not HTTP get a raw 400 or 431.
// Nothing a client sends or fails to send can throw out of a handler here.

import { once } from "node:events";
import { type IncomingMessage, type Server, type ServerResponse, createServer } from "node:http";
import type { Duplex } from "node:stream";
import { createMockApiCore } from "./mock-api.js";
import type { MockFaults } from "./faults.js";
import type { MockRequestLog } from "./log.js";
import { fetchRequestFrom } from "./node-request.js";
import { malformedHttpResponse, rawHttpResponse, writeReply } from "./node-response.js";
import { type MockServerOptions, resolveServerOptions } from "./mock-options.js";
import { type MockReply, bugReply } from "./mock-pipeline.js";
import type { MockKeyStore } from "./store.js";

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
 * Starts a local server that speaks the admin API keys endpoints of spec/openapi.yaml over
 * plain node:http, for tests and demos: the emulator of {@link createMockApi} on a port.
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
  const settings = resolveServerOptions(options);
  const core = createMockApiCore(settings);
  const { api } = core;
  // Set as soon as the server listens, before the event loop can hand it any request.
  // Stryker disable next-line StringLiteral: no request is answered before origin is set (see above), so its first value is never read
  let origin = "";

  function onRequest(incoming: IncomingMessage, response: ServerResponse): void {
    // A client that vanishes mid-request is normal here, never a reason to crash. (Node emits a
    // request's error only when it has listeners, and writeReply never writes to a response that
    // is destroyed or already sent, so these are a guard against node changing its ways.)
    // Stryker disable next-line StringLiteral: with no error listener node emits no error on a request (see above), so the listener's event name changes nothing
    incoming.on("error", ignore);
    // Stryker disable next-line StringLiteral: nothing here makes a response emit an error (see above), so the listener's event name changes nothing
    response.on("error", ignore);
    const { request, arrival } = fetchRequestFrom(incoming, origin);
    // The client has gone when its response is destroyed before anything was written.
    const caller = {
      get aborted() {
        return response.destroyed;
      },
    };
    core.answer(request, arrival, caller).then(
      (reply) => writeOrReportBug(response, reply),
      // No reply: a drop fault, a close while waiting, or a client already gone. Each ends the
      // connection; for the last it is gone already.
      () => incoming.socket.destroy(),
    );
  }

  /**
   * A CONNECT (node:http hands the socket over and, with no listener, would just destroy it): the
   * core answers it as any method the spec does not route, 404 for a target outside the API and
   * 405 on one of its paths, counted in the log; the answer goes out raw and the socket is ended.
   * The server is not a proxy.
   */
  function onConnect(incoming: IncomingMessage, socket: Duplex): void {
    socket.on("error", ignore);
    // Whatever the client sends after its CONNECT is read and dropped (unread bytes would turn the
    // close into a reset that can lose the answer); once the answer is out the socket is closed,
    // as node:http closes a `connection: close` response's, so close() has nothing left to wait on.
    socket.resume();
    const { request, arrival } = fetchRequestFrom(incoming, origin);
    // Stryker disable next-line ObjectLiteral: a caller without aborted reads undefined, which is as false as false
    core.answer(request, arrival, { aborted: false }).then(
      (reply) => socket.end(rawHttpResponse(reply), () => socket.destroy()),
      // The core rejects a CONNECT only once closed, and close() destroys every connection at once,
      // before a CONNECT on it can reach the core; kept so that a rejection could never go unhandled.
      // Stryker disable next-line ArrowFunction: never called (see above)
      () => socket.destroy(),
    );
  }

  function onClientError(error: NodeJS.ErrnoException, socket: Duplex): void {
    // A socket that failed (ECONNRESET and the like) has been destroyed before node reports it, so
    // it is no longer writable; only bytes that did not parse leave a socket to answer on.
    if (!socket.writable) {
      socket.destroy();
      return;
    }
    socket.end(malformedHttpResponse(error.code, core.nextRequestId()));
  }

  const server: Server = createServer(onRequest);
  server.on("clientError", onClientError);
  server.on("connect", onConnect);
  // No "upgrade" listener, on purpose: without one node:http hands an `Upgrade:` request (websocket,
  // h2c) to onRequest, so it is answered as the plain HTTP/1.1 request it also is, never with a 101.
  // Rejects with the listen error (EADDRINUSE...), and leaves no listener behind either way.
  server.listen(settings.port, settings.host);
  await once(server, "listening");
  const address = server.address();
  // Stryker disable next-line ConditionalExpression,LogicalOperator: a server listening on a host and port (never a pipe) always has an AddressInfo address; the fallback is for the type checker
  const port = typeof address === "object" && address !== null ? address.port : settings.port;
  const host = settings.host.includes(":") ? `[${settings.host}]` : settings.host;
  origin = `http://${host}:${port}`;
  let closing: Promise<void> | undefined;

  return {
    url: `${origin}/v1`,
    // A getter, so util.inspect of the server shows [Getter] rather than the key.
    get apiKey() {
      return api.apiKey;
    },
    store: api.store,
    faults: api.faults,
    requests: api.requests,
    close() {
      closing ??= new Promise<void>((resolve) => {
        void api.close();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

/** Writes a reply; if node refuses it, the emulator-bug 500 in its place (see bugReply). */
function writeOrReportBug(response: ServerResponse, reply: MockReply): void {
  try {
    writeReply(response, reply);
  } catch (error) {
    writeReply(response, bugReply(reply, error));
  }
}

function ignore(): void {}
