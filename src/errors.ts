// The errors this package throws. Names follow the official OpenAI SDK so code moving over keeps
// its `instanceof` checks. Messages are redacted before they get here or are built from parts that
// hold no secret; no error keeps a reference to the request, so the admin key cannot leak through
// `util.inspect` or `JSON.stringify` either.

import { excerpt } from "./redact.js";

/**
 * What an {@link APIError} knows besides its message; every part is optional.
 *
 * @example
 * ```ts
 * const error = new APIError("Something failed.", { status: 500, headers: response.headers });
 * ```
 */
export interface APIErrorDetails {
  /** The HTTP status, when a response arrived. */
  status?: number | undefined;
  /** The response headers, when a response arrived. */
  headers?: Headers | undefined;
  /** The server's `error.code`, such as `invalid_api_key`. */
  code?: string | undefined;
  /** The server's `error.type`, such as `invalid_request_error`. */
  type?: string | undefined;
  /** The server's `error.param`: the parameter the error is about. */
  param?: string | undefined;
  /** What caused this error, such as the network error under a connection failure. */
  cause?: unknown;
}

/**
 * The server answered with an error, or no usable answer arrived. Subclasses name the case.
 *
 * @example
 * ```ts
 * try {
 *   await client.adminApiKeys.retrieve("key_abc");
 * } catch (error) {
 *   if (error instanceof APIError) console.error(error.status, error.requestId, error.message);
 * }
 * ```
 */
export class APIError extends Error {
  /** The HTTP status; undefined when no response arrived (connection failure, timeout, abort). */
  readonly status: number | undefined;
  /** The response's `x-request-id`: quote it when you report a problem to OpenAI. */
  readonly requestId: string | undefined;
  /** The response headers; undefined when no response arrived. */
  readonly headers: Headers | undefined;
  /** The server's `error.code`, such as `invalid_api_key`. */
  readonly code: string | undefined;
  /** The server's `error.type`, such as `invalid_request_error`. */
  readonly type: string | undefined;
  /** The server's `error.param`: the parameter the error is about. */
  readonly param: string | undefined;

  constructor(message: string, details: APIErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.status = details.status;
    this.headers = details.headers;
    this.requestId = details.headers?.get("x-request-id") ?? undefined;
    this.code = details.code;
    this.type = details.type;
    this.param = details.param;
  }

  /** A plain summary for structured logs (`JSON.stringify(error)`); it holds no secret. */
  toJSON(): Record<string, string | number | undefined> {
    return {
      name: this.name,
      message: this.message,
      status: this.status,
      requestId: this.requestId,
      code: this.code,
      type: this.type,
      param: this.param,
    };
  }
}
APIError.prototype.name = "APIError";

/**
 * 400: the request was malformed or a parameter was out of range. `param` names the parameter.
 *
 * @example
 * ```ts
 * if (error instanceof BadRequestError) console.error(`bad ${error.param}: ${error.message}`);
 * ```
 */
export class BadRequestError extends APIError {}
BadRequestError.prototype.name = "BadRequestError";

/**
 * 401: no admin key was sent, or the key is not valid.
 *
 * @example
 * ```ts
 * if (error instanceof AuthenticationError) console.error("Check OPENAI_ADMIN_KEY:", error.message);
 * ```
 */
export class AuthenticationError extends APIError {}
AuthenticationError.prototype.name = "AuthenticationError";

/**
 * 403: the key is valid but may not manage admin API keys.
 *
 * @example
 * ```ts
 * if (error instanceof PermissionDeniedError) console.error("This key is not an organization admin key.");
 * ```
 */
export class PermissionDeniedError extends APIError {}
PermissionDeniedError.prototype.name = "PermissionDeniedError";

/**
 * 404: no admin API key has this ID.
 *
 * @example
 * ```ts
 * const key = await client.adminApiKeys.retrieve(id).catch((error) => {
 *   if (error instanceof NotFoundError) return undefined;
 *   throw error;
 * });
 * ```
 */
export class NotFoundError extends APIError {}
NotFoundError.prototype.name = "NotFoundError";

/**
 * 409: the request conflicts with the current state. Reads and deletes are retried first.
 *
 * @example
 * ```ts
 * if (error instanceof ConflictError) console.error("Conflict; try again later:", error.requestId);
 * ```
 */
export class ConflictError extends APIError {}
ConflictError.prototype.name = "ConflictError";

/**
 * 422: the request was well-formed but could not be processed.
 *
 * @example
 * ```ts
 * if (error instanceof UnprocessableEntityError) console.error(error.code, error.message);
 * ```
 */
export class UnprocessableEntityError extends APIError {}
UnprocessableEntityError.prototype.name = "UnprocessableEntityError";

/**
 * 429: too many requests. Thrown once the retries (which honour `Retry-After` up to 60 s) are spent.
 *
 * @example
 * ```ts
 * if (error instanceof RateLimitError) console.error("Retry after", error.headers?.get("retry-after"), "s");
 * ```
 */
export class RateLimitError extends APIError {}
RateLimitError.prototype.name = "RateLimitError";

/**
 * 500 or above: the server failed to handle the request. A `create` that gets one is not repeated:
 * the key may exist; list the keys to check.
 *
 * @example
 * ```ts
 * if (error instanceof InternalServerError) console.error(error.status, "request", error.requestId);
 * ```
 */
export class InternalServerError extends APIError {}
InternalServerError.prototype.name = "InternalServerError";

/**
 * No response arrived: the connection could not be made or broke off. `cause` holds the network
 * error (for example one whose `cause.code` is `ECONNREFUSED`).
 *
 * @example
 * ```ts
 * if (error instanceof APIConnectionError) console.error("Network trouble:", error.message);
 * ```
 */
export class APIConnectionError extends APIError {}
APIConnectionError.prototype.name = "APIConnectionError";

/**
 * An attempt took longer than `timeoutMs` and was cancelled.
 *
 * @example
 * ```ts
 * await client.adminApiKeys.retrieve("key_abc", { timeoutMs: 2_000 }).catch((error) => {
 *   if (error instanceof APIConnectionTimeoutError) console.error("Too slow:", error.message);
 * });
 * ```
 */
export class APIConnectionTimeoutError extends APIConnectionError {}
APIConnectionTimeoutError.prototype.name = "APIConnectionTimeoutError";

/**
 * The caller's `signal` aborted the request. Never retried; `cause` is the signal's reason.
 *
 * @example
 * ```ts
 * const stop = AbortSignal.timeout(5_000);
 * for await (const key of client.adminApiKeys.list({}, { signal: stop })) console.log(key.id);
 * // rejects with APIUserAbortError once `stop` fires
 * ```
 */
export class APIUserAbortError extends APIError {}
APIUserAbortError.prototype.name = "APIUserAbortError";

/**
 * An argument or option was rejected before anything was sent. `param` names it; the message says
 * what was wrong and what is allowed.
 *
 * @example
 * ```ts
 * try {
 *   client.adminApiKeys.list({ limit: 500 });
 * } catch (error) {
 *   if (error instanceof InvalidParameterError) console.error(error.param, error.message);
 *   // "limit" "limit must be an integer from 1 to 100; got 500"
 * }
 * ```
 */
export class InvalidParameterError extends Error {
  /** The parameter or option at fault, such as `limit` or `baseUrl`. */
  readonly param: string;

  constructor(param: string, message: string) {
    super(message);
    this.param = param;
  }

  /** A plain summary for structured logs. */
  toJSON(): Record<string, string> {
    return { name: this.name, message: this.message, param: this.param };
  }
}
InvalidParameterError.prototype.name = "InvalidParameterError";

type StatusErrorClass = new (message: string, details: APIErrorDetails) => APIError;

const CLASS_BY_STATUS: Readonly<Record<number, StatusErrorClass>> = {
  400: BadRequestError,
  401: AuthenticationError,
  403: PermissionDeniedError,
  404: NotFoundError,
  409: ConflictError,
  422: UnprocessableEntityError,
  429: RateLimitError,
};

function classForStatus(status: number): StatusErrorClass {
  return CLASS_BY_STATUS[status] ?? (status >= 500 ? InternalServerError : APIError);
}

function statusLine(response: Response): string {
  return response.statusText ? `${response.status} ${response.statusText}` : String(response.status);
}

function optionalString(value: unknown, redact: (text: string) => string): string | undefined {
  return typeof value === "string" ? redact(value) : undefined;
}

interface ServerError {
  message: string;
  code: unknown;
  type: unknown;
  param: unknown;
}

/** Reads `{ error: { message, code, type, param } }`, the shape of every documented error body. */
function serverError(body: unknown): ServerError | undefined {
  if (typeof body !== "object" || body === null || !("error" in body)) return undefined;
  const error = body.error;
  if (typeof error !== "object" || error === null) return undefined;
  if (!("message" in error) || typeof error.message !== "string") return undefined;
  return {
    message: error.message,
    code: "code" in error ? error.code : undefined,
    type: "type" in error ? error.type : undefined,
    param: "param" in error ? error.param : undefined,
  };
}

// The text of a JSON answer reaches us only when it was not an object: openapi-fetch hands over
// the raw text when parsing failed, or the parsed value (here a string) when it did not.
function jsonProblem(text: string): string {
  const start = text.trimStart()[0];
  return start === "{" || start === "[" ? "application/json that does not parse" : "application/json that is not an object";
}

/** Says what arrived instead of what was expected, e.g. `text/html (1234 bytes): "<html>…"`. */
function describeBody(response: Response, text: string, redact: (text: string) => string): string {
  const contentType = response.headers.get("content-type")?.split(";")[0]?.trim() || "no content type";
  if (text === "") return `an empty body (${contentType})`;
  const bytes = new TextEncoder().encode(text).length;
  const what = contentType !== "application/json" ? contentType : jsonProblem(text);
  return `${what} (${bytes} bytes): "${excerpt(redact(text))}"`;
}

/**
 * Turns a non-2xx answer into the error class for its status. The message is the server's
 * `error.message` when the body has one; otherwise it says what arrived.
 */
export function errorFromStatus(
  response: Response,
  body: unknown,
  redact: (text: string) => string,
): APIError {
  const ErrorClass = classForStatus(response.status);
  const error = serverError(body);
  if (error) {
    return new ErrorClass(redact(error.message), {
      status: response.status,
      headers: response.headers,
      code: optionalString(error.code, redact),
      type: optionalString(error.type, redact),
      param: optionalString(error.param, redact),
    });
  }
  const received =
    typeof body === "string" || body === undefined
      ? describeBody(response, body ?? "", redact)
      : `JSON without an "error" object: ${excerpt(redact(JSON.stringify(body)))}`;
  return new ErrorClass(`${statusLine(response)}: expected a JSON error body, received ${received}`, {
    status: response.status,
    headers: response.headers,
  });
}

/** A 2xx answer whose body was empty or not JSON. */
export function errorFromUnparseable(
  response: Response,
  text: string,
  redact: (text: string) => string,
): APIError {
  const received = describeBody(response, text, redact);
  return new APIError(`${statusLine(response)}: expected a JSON body, received ${received}`, {
    status: response.status,
    headers: response.headers,
  });
}
