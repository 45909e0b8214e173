// OpenAI-shaped error answers. Every non-2xx body the emulator sends is built here, so every
// one has the same `{ error: { message, type, param, code } }` shape the spec's ErrorResponse names.

import type { ErrorResponse } from "../../generated/client.js";

/** An error the server answers with: the HTTP status and the OpenAI error body. */
export interface ErrorReply {
  readonly status: number;
  readonly body: ErrorResponse;
  readonly headers?: Readonly<Record<string, string>>;
}

function reply(
  status: number,
  message: string,
  type: string,
  param: string | null,
  code: string | null,
  headers?: Record<string, string>,
): ErrorReply {
  // headers is left undefined when there are none; every reader of ErrorReply checks for that.
  return { status, body: { error: { message, type, param, code } }, headers };
}

/** 400 about one parameter or body field. */
export function invalidParam(param: string | null, message: string, code = "invalid_value"): ErrorReply {
  return reply(400, message, "invalid_request_error", param, code);
}

/** 401: no bearer token at all. */
export function missingKey(): ErrorReply {
  return reply(
    401,
    "No API key provided. Send an admin key in the Authorization header as `Bearer <key>`.",
    "invalid_request_error",
    null,
    "missing_api_key",
  );
}

/** 401: a token the server does not know. The token itself is never echoed back. */
export function wrongKey(): ErrorReply {
  return reply(401, "Incorrect API key provided.", "invalid_request_error", null, "invalid_api_key");
}

/**
 * 401: an Authorization header that is there but is not `Bearer <key>` (another scheme, an empty
 * credential, or one with spaces where the server wants a single token). It is an attempt at a
 * key, so it is `invalid_api_key` and not `missing_api_key`; nothing of the header is echoed.
 */
export function malformedKey(): ErrorReply {
  return reply(
    401,
    "Incorrect API key provided: the Authorization header must be `Bearer <key>`.",
    "invalid_request_error",
    null,
    "invalid_api_key",
  );
}

/** 404 for a key id that names no key. */
export function keyNotFound(keyId: string): ErrorReply {
  return reply(404, `No admin API key found with ID '${keyId}'.`, "invalid_request_error", "key_id", "not_found");
}

/** 404 for a path the API does not have, worded like the real API's answer. */
export function unknownRoute(method: string, path: string): ErrorReply {
  return reply(404, `Invalid URL (${method} ${path})`, "invalid_request_error", null, "unknown_url");
}

/** 405 for a known path asked with a method it does not take. */
export function methodNotAllowed(method: string, path: string, allowed: readonly string[]): ErrorReply {
  const list = allowed.join(", ");
  return reply(
    405,
    `Method ${method} is not allowed on ${path}; allowed: ${list}.`,
    "invalid_request_error",
    null,
    "method_not_allowed",
    { allow: list },
  );
}

/** 413 for a request body over the server's limit. */
export function bodyTooLarge(limitBytes: number): ErrorReply {
  return reply(
    413,
    `The request body is larger than ${limitBytes} bytes.`,
    "invalid_request_error",
    null,
    "request_too_large",
    { connection: "close" },
  );
}

/** The body that a scripted fault answers with when the test gives none. */
export function defaultFaultBody(status: number): ErrorResponse["error"] {
  if (status === 429) {
    return { message: "Rate limit reached for admin requests.", type: "requests", param: null, code: "rate_limit_exceeded" };
  }
  if (status >= 500) {
    return { message: "The server had an error while processing your request.", type: "server_error", param: null, code: null };
  }
  return { message: `Scripted failure with status ${status}.`, type: "invalid_request_error", param: null, code: null };
}

/**
 * 400 or 431 for bytes that did not parse as HTTP (431: headers too large). Only a socket meets
 * these; the node:http adapter writes them (node-response.ts). `reason` is the status text.
 */
export function malformedHttp(status: 400 | 431, reason: string): ErrorReply {
  return reply(status, `Malformed HTTP request (${reason}).`, "invalid_request_error", null, "bad_http");
}

/** 500 for a bug in the emulator itself: answered rather than leaving the client hanging. */
export function emulatorBug(error: unknown): ErrorReply {
  const message = error instanceof Error ? error.message : String(error);
  return reply(500, `Local server bug: ${message}`, "server_error", null, null);
}
