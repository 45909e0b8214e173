// node:http → the core: an IncomingMessage becomes a Fetch Request (headers as node parsed them,
// the body as a stream read only on demand) and a MockArrival (method, target and headers exactly
// as they came off the wire, which a Request cannot always hold).

import type { IncomingHttpHeaders, IncomingMessage } from "node:http";
import type { MockArrival } from "./mock-pipeline.js";

// Fetch refuses to build a Request with these methods; node:http still parses them.
const FETCH_FORBIDDEN_METHODS: ReadonlySet<string> = new Set(["CONNECT", "TRACE", "TRACK"]);
const BODILESS_METHODS: ReadonlySet<string> = new Set(["GET", "HEAD"]);

/** The log's view of node's headers: as node parsed them (repeats joined or dropped by its rules), without `authorization`. */
export function loggedHeaders(headers: IncomingHttpHeaders): MockArrival["headers"] {
  const { authorization: _secret, ...rest } = headers;
  return rest;
}

/**
 * Headers for the Request from node's parsed headers, not from the raw lines: node has already
 * applied HTTP's rules for repeats (a second Authorization or Content-Type is dropped, others are
 * joined), and the emulator answers by those rules. A plain record, which the Request copies once.
 */
function requestHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const result: Record<string, string> = {};
  for (const name in headers) {
    const value = headers[name];
    // Only set-cookie comes as a list, and no step reads it, so the Request goes without it (the
    // log keeps node's own headers, set-cookie included).
    // Stryker disable next-line ConditionalExpression: the only value that is not a string is set-cookie's list, which no step reads
    if (typeof value === "string") result[name] = value;
  }
  return result;
}

/** The same headers less any value Fetch refuses (node's parser and Fetch disagree on a few bytes). */
function acceptedHeaders(headers: Record<string, string>): Headers {
  const result = new Headers();
  for (const [name, value] of Object.entries(headers)) {
    try {
      result.set(name, value);
    } catch {
      // Such a header is not one the emulator reads; the request goes on without it.
    }
  }
  return result;
}

/**
 * The request body as a byte stream that pulls from the socket only when the core reads it, so
 * a body no operation wants stays unread (node:http skips it once the response ends, keeping the
 * connection usable), and one over the limit stops flowing the moment the core cancels it.
 */
export function incomingBody(incoming: IncomingMessage): ReadableStream<Uint8Array> {
  let detach: (() => void) | undefined;
  const attach = (controller: ReadableStreamDefaultController<Uint8Array>): (() => void) => {
    const onData = (chunk: Buffer): void => {
      controller.enqueue(chunk);
      // Back-pressure: take no more from the socket than the core has asked for.
      // Stryker disable next-line ConditionalExpression,EqualityOperator,LogicalOperator: back-pressure only: it decides how much of the socket waits in memory, not which bytes the core reads or when it answers
      if ((controller.desiredSize ?? 0) <= 0) incoming.pause();
    };
    const onEnd = (): void => {
      off();
      controller.close();
    };
    const onClose = (): void => {
      off();
      controller.error(new Error("The client closed the connection before the request body ended."));
    };
    const off = (): void => {
      incoming.off("data", onData);
      incoming.off("end", onEnd);
      // Stryker disable next-line StringLiteral: a close after the body ended finds the stream closed, where controller.error does nothing
      incoming.off("close", onClose);
    };
    if (incoming.readableEnded) controller.close();
    else if (incoming.destroyed) controller.error(new Error("The client closed the connection before the request body was read."));
    else {
      incoming.on("data", onData);
      incoming.on("end", onEnd);
      incoming.on("close", onClose);
    }
    return off;
  };
  return new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        detach ??= attach(controller);
        incoming.resume();
      },
      cancel() {
        // Before the first read nothing is attached and nothing has made the socket flow.
        // Stryker disable next-line OptionalChaining: the mutant throws inside cancel, which only skips a pause of a socket that is not flowing
        detach?.();
        incoming.pause();
      },
    },
    // A high-water mark of 0: nothing is pulled before the first read.
    { highWaterMark: 0 },
  );
}

/**
 * Node's fetch wants `duplex: "half"` for a body that is a stream (the request may still be
 * sending when the response starts); TypeScript's DOM RequestInit does not know the field yet.
 */
interface StreamingRequestInit extends RequestInit {
  readonly duplex: "half";
}

/**
 * The Request and the arrival for one IncomingMessage. `origin` is the server's own
 * (`http://127.0.0.1:41234`). The Request has no signal: the adapter tells the core beside it
 * whether the client is still there (see MockApiCore).
 */
export function fetchRequestFrom(incoming: IncomingMessage, origin: string): { request: Request; arrival: MockArrival } {
  // Stryker disable next-line StringLiteral: node:http sets method and url on every IncomingMessage a server hands its request and connect listeners (they are optional only on a client's response), so the fallbacks only satisfy the type
  const method = incoming.method ?? "GET";
  // Stryker disable next-line StringLiteral: as above, a server's IncomingMessage always has its url
  const target = incoming.url ?? "/";
  const arrival: MockArrival = { method, target, headers: loggedHeaders(incoming.headers) };
  // For a method Fetch refuses, the Request says GET: the pipeline routes on the arrival's method,
  // and no such request reaches a step that reads the body.
  const fetchMethod = FETCH_FORBIDDEN_METHODS.has(method) ? "GET" : method;
  const hasBody =
    !BODILESS_METHODS.has(fetchMethod) && (incoming.headers["content-length"] !== undefined || incoming.headers["transfer-encoding"] !== undefined);
  const url = requestUrl(origin, target);
  const headers = requestHeaders(incoming.headers);
  const body = hasBody ? incomingBody(incoming) : null;
  return { request: buildRequest(url, fetchMethod, headers, body), arrival };
}

function buildRequest(url: string, method: string, headers: Record<string, string>, body: ReadableStream<Uint8Array> | null): Request {
  const init = (fetchHeaders: Record<string, string> | Headers): StreamingRequestInit | RequestInit =>
    // Stryker disable next-line ConditionalExpression: a null body with duplex "half" builds the same bodiless Request
    body === null ? { method, headers: fetchHeaders } : { method, headers: fetchHeaders, body, duplex: "half" };
  try {
    return new Request(url, init(headers));
  } catch {
    // Fetch checks headers before it touches the body, so the body is still unread here.
    return new Request(url, init(acceptedHeaders(headers)));
  }
}

/**
 * A URL for the Request. Only the arrival's raw target is routed, so a target that is no path
 * (`*`, absolute-form) becomes `/`. Our origin and a path always parse: the URL parser
 * percent-encodes what a path may not hold rather than refusing it.
 */
function requestUrl(origin: string, target: string): string {
  // Stryker disable next-line MethodExpression: the Request's URL is only parsed, never routed (the arrival's raw target is), so any path in it answers the same
  return target.startsWith("/") ? `${origin}${target}` : `${origin}/`;
}
