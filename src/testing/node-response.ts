// The core → node:http: a reply written to a ServerResponse, or, for a socket node:http no longer
// writes to (a CONNECT, bytes that did not parse as HTTP), the complete HTTP/1.1 text of it.

import { STATUS_CODES, type ServerResponse } from "node:http";
import { malformedHttp } from "./mock-errors.js";
import type { MockReply } from "./mock-pipeline.js";

/** Sends a reply, unless the client has gone or an answer has already been sent. */
export function writeReply(response: ServerResponse, reply: MockReply): void {
  // Stryker disable next-line ConditionalExpression,LogicalOperator: nothing here writes a response twice, and node drops what is written to a destroyed one, so the guard only spares the work
  if (response.headersSent || response.destroyed) return;
  response.writeHead(reply.status, reply.headers);
  response.end(reply.text);
}

/**
 * The HTTP/1.1 text of a reply for a socket that is ended after it, hence `connection: close`.
 * The reply's headers already hold its content-length and x-request-id.
 */
export function rawHttpResponse(reply: MockReply): string {
  const headers = { ...reply.headers, connection: "close" };
  const lines = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`);
  // Stryker disable next-line StringLiteral: a raw reply answers a CONNECT, which is never routed (404, 405 or 400), or bytes that are not HTTP (400 or 431): node names all of these, so the empty reason only satisfies the type
  const reason = STATUS_CODES[reply.status] ?? "";
  return `HTTP/1.1 ${reply.status} ${reason}\r\n${lines.join("")}\r\n${reply.text}`;
}

/**
 * The raw answer to bytes that did not parse as HTTP (node:http's clientError), so even that one
 * has the OpenAI body and an x-request-id: 431 for headers too large, 400 for anything else.
 */
export function malformedHttpResponse(code: string | undefined, requestId: string): string {
  const status = code === "HPE_HEADER_OVERFLOW" ? 431 : 400;
  const error = malformedHttp(status, STATUS_CODES[status] ?? String(status));
  const text = JSON.stringify(error.body);
  return rawHttpResponse({
    status,
    headers: { "content-type": "application/json", "content-length": String(Buffer.byteLength(text)), "x-request-id": requestId },
    text,
  });
}
