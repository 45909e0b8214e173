// The errors this package throws. Names follow the official OpenAI SDK so code moving over keeps
// its `instanceof` checks. The client builds them in exchange-errors.ts, from parts that went
// through the redactor; an error holds copies, never the live request, response or thrown object,
// so the admin key cannot leak through `util.inspect` or `JSON.stringify` either.

/**
 * The base class of every error this package throws, so one `instanceof` catches them all.
 *
 * @example
 * ```ts
 * try {
 *   await client.adminApiKeys.retrieve(id);
 * } catch (error) {
 *   if (!(error instanceof AdminKeysError)) throw error; // a bug of ours or yours, not the API's
 *   console.error(error.name, error.message);
 * }
 * ```
 */
export class AdminKeysError extends Error {}
AdminKeysError.prototype.name = "AdminKeysError";

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
  /** The response headers, when a response arrived. The error keeps a copy. */
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
export class APIError extends AdminKeysError {
  /** The HTTP status; undefined when no response arrived (connection failure, timeout, abort). */
  readonly status: number | undefined;
  /** The response's `x-request-id`: quote it when you report a problem to OpenAI. */
  readonly requestId: string | undefined;
  /** A copy of the response headers (redacted when the client made the error); undefined when no response arrived. */
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
    // A copy: the live Headers of a response must not outlive the exchange inside an error.
    this.headers = details.headers === undefined ? undefined : new Headers(details.headers);
    this.requestId = this.headers?.get("x-request-id") ?? undefined;
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
export class BadRequestError extends APIError {
  declare readonly status: 400;
}
BadRequestError.prototype.name = "BadRequestError";

/**
 * 401: no admin key was sent, or the key is not valid.
 *
 * @example
 * ```ts
 * if (error instanceof AuthenticationError) console.error("Check OPENAI_ADMIN_KEY:", error.message);
 * ```
 */
export class AuthenticationError extends APIError {
  declare readonly status: 401;
}
AuthenticationError.prototype.name = "AuthenticationError";

/**
 * 403: the key is valid but may not manage admin API keys.
 *
 * @example
 * ```ts
 * if (error instanceof PermissionDeniedError) console.error("This key is not an organization admin key.");
 * ```
 */
export class PermissionDeniedError extends APIError {
  declare readonly status: 403;
}
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
export class NotFoundError extends APIError {
  declare readonly status: 404;
}
NotFoundError.prototype.name = "NotFoundError";

/**
 * 409: the request conflicts with the current state. Reads and deletes are retried first.
 *
 * @example
 * ```ts
 * if (error instanceof ConflictError) console.error("Conflict; try again later:", error.requestId);
 * ```
 */
export class ConflictError extends APIError {
  declare readonly status: 409;
}
ConflictError.prototype.name = "ConflictError";

/**
 * 422: the request was well-formed but could not be processed.
 *
 * @example
 * ```ts
 * if (error instanceof UnprocessableEntityError) console.error(error.code, error.message);
 * ```
 */
export class UnprocessableEntityError extends APIError {
  declare readonly status: 422;
}
UnprocessableEntityError.prototype.name = "UnprocessableEntityError";

/**
 * 429: too many requests. Thrown once the retries (which honour `Retry-After` up to 60 s) are spent.
 *
 * @example
 * ```ts
 * if (error instanceof RateLimitError) console.error("Retry after", error.headers?.get("retry-after"), "s");
 * ```
 */
export class RateLimitError extends APIError {
  declare readonly status: 429;
}
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
export class InternalServerError extends APIError {
  /** 500 or above. */
  declare readonly status: number;
}
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
export class APIConnectionError extends APIError {
  /** No response arrived. */
  declare readonly status: undefined;
}
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
export class APIUserAbortError extends APIError {
  /** The call was abandoned; no status applies. */
  declare readonly status: undefined;
}
APIUserAbortError.prototype.name = "APIUserAbortError";

/**
 * An argument or option was rejected, or a method called when it cannot work (`getNextPage()` on
 * the last page), before anything was sent. `param` names it; the message says what is allowed
 * and what was given, as `<param> must be <allowed>; got <given>`, the one form every such error
 * of this package takes (the local server's TypeError and RangeError included).
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
export class InvalidParameterError extends AdminKeysError {
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

/**
 * The server sent more than `maxResponseBytes` (an option of the client). The download was
 * stopped there and the request is not repeated. `status` is the status that arrived.
 *
 * @example
 * ```ts
 * const client = createAdminKeysClient({ maxResponseBytes: 1_000_000 });
 * await client.adminApiKeys.list().catch((error) => {
 *   if (error instanceof ResponseTooLargeError) console.error(`over ${error.limitBytes} bytes`);
 * });
 * ```
 */
export class ResponseTooLargeError extends APIError {
  declare readonly status: number;
  /** The limit the body went past, in bytes. */
  readonly limitBytes: number;

  constructor(message: string, limitBytes: number, details: APIErrorDetails = {}) {
    super(message, details);
    this.limitBytes = limitBytes;
  }
}
ResponseTooLargeError.prototype.name = "ResponseTooLargeError";

/**
 * Why a listing was stopped on purpose:
 * - `repeated-cursor`: a page pointed to a cursor this iteration had already followed, so going
 *   on would loop (A → B → A);
 * - `empty-page`: a page said `has_more` but held no keys, so there is nothing to go on from;
 * - `missing-cursor`: a page said `has_more` but named no cursor: no `last_id`, and its last key no id.
 */
export type PaginationErrorReason = "repeated-cursor" | "empty-page" | "missing-cursor";

/**
 * The server's pages cannot be followed without looping. Every page before this one was
 * handed out; nothing was repeated. Not an HTTP failure: each page arrived with a 2xx.
 *
 * @example
 * ```ts
 * try {
 *   for await (const key of client.adminApiKeys.list()) console.log(key.id);
 * } catch (error) {
 *   if (error instanceof PaginationError) console.error(error.reason, "after", error.pages, "pages");
 * }
 * ```
 */
export class PaginationError extends AdminKeysError {
  readonly reason: PaginationErrorReason;
  /** The cursor that would have been followed next, redacted; undefined for an empty page. */
  readonly cursor: string | undefined;
  /** How many pages this iteration fetched, the one that ended it included. */
  readonly pages: number;
  /** The `x-request-id` of the page that ended it, redacted. */
  readonly requestId: string | undefined;

  constructor(message: string, details: { reason: PaginationErrorReason; cursor?: string | undefined; pages: number; requestId?: string | undefined }) {
    super(message);
    this.reason = details.reason;
    this.cursor = details.cursor;
    this.pages = details.pages;
    this.requestId = details.requestId;
  }

  /** A plain summary for structured logs. */
  toJSON(): Record<string, string | number | undefined> {
    return { name: this.name, message: this.message, reason: this.reason, cursor: this.cursor, pages: this.pages, requestId: this.requestId };
  }
}
PaginationError.prototype.name = "PaginationError";

/**
 * A 2xx body did not match the operation's schema in the spec (`validateResponses: "strict"`).
 * It names the operation, the JSON pointer and what the schema expected; it holds no part of the
 * body, so the `value` of a create cannot reach it.
 *
 * @example
 * ```ts
 * await client.adminApiKeys.retrieve("key_abc").catch((error) => {
 *   if (error instanceof ResponseValidationError) console.error(error.operationId, error.pointer, error.expected);
 * });
 * ```
 */
export class ResponseValidationError extends AdminKeysError {
  /** The spec's operationId, such as `admin-api-keys-get`. */
  readonly operationId: string;
  /** Where in the body the schema was broken, as a JSON pointer (`""` for the whole body). */
  readonly pointer: string;
  /** What the schema expected there, such as `must have required property 'redacted_value'`. */
  readonly expected: string;
  /** The response's `x-request-id`, redacted. */
  readonly requestId: string | undefined;

  constructor(operationId: string, problem: { readonly pointer: string; readonly expected: string }, requestId: string | undefined) {
    const where = problem.pointer === "" ? "the body" : problem.pointer;
    super(`The ${operationId} response does not match the spec: at ${where}, ${problem.expected}.`);
    this.operationId = operationId;
    this.pointer = problem.pointer;
    this.expected = problem.expected;
    this.requestId = requestId;
  }

  /** A plain summary for structured logs. */
  toJSON(): Record<string, string | undefined> {
    return { name: this.name, message: this.message, operationId: this.operationId, pointer: this.pointer, expected: this.expected, requestId: this.requestId };
  }
}
ResponseValidationError.prototype.name = "ResponseValidationError";
