// Turning a failed exchange into the error the caller gets. Everything taken from the exchange
// (status line, headers, body, the thrown error) goes through the client's redactor here, and the
// error keeps redacted copies only: this is the one door between what a server sent and an error.

import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  type APIErrorDetails,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  ResponseTooLargeError,
  UnprocessableEntityError,
} from "./errors.js";
import { excerpt, type Redact, redactedCause, redactedHeaders } from "./redact.js";

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

/** What an error keeps of a response that arrived: its status and a redacted copy of its headers. */
function arrived(response: Response, redact: Redact): APIErrorDetails {
  return { status: response.status, headers: redactedHeaders(response.headers, redact) };
}

/** `404 Not Found`, with the server's reason phrase redacted (a server may put anything there). */
function statusLine(response: Response, redact: Redact): string {
  return response.statusText ? `${response.status} ${excerpt(redact(response.statusText))}` : String(response.status);
}

function optionalString(value: unknown, redact: Redact): string | undefined {
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

// The text of a JSON answer reaches us only when it was not an object: guardedFetch hands over
// the raw text when parsing failed, or the parsed value (here a string) when it did not.
function jsonProblem(text: string): string {
  const start = text.trimStart()[0];
  return start === "{" || start === "[" ? "application/json that does not parse" : "application/json that is not an object";
}

/** A Content-Type value without its parameters: `text/html` of `text/html; charset=utf-8`. */
function mediaType(contentType: string): string {
  const parameters = contentType.indexOf(";");
  return parameters === -1 ? contentType : contentType.slice(0, parameters);
}

/** Says what arrived instead of what was expected, e.g. `text/html (1234 bytes): "<html>…"`. */
function describeBody(response: Response, text: string, redact: Redact): string {
  // excerpt() trims, which also drops the space a server may put before the `;`.
  const contentType = excerpt(redact(mediaType(response.headers.get("content-type") ?? "")), 60) || "no content type";
  if (text === "") return `an empty body (${contentType})`;
  const bytes = new TextEncoder().encode(text).length;
  const what = contentType !== "application/json" ? contentType : jsonProblem(text);
  return `${what} (${bytes} bytes): "${excerpt(redact(text))}"`;
}

/**
 * Turns a non-2xx answer into the error class for its status. `body` is the parsed JSON, or the
 * text as it came when it was not JSON (`""` for an empty body). The message is the server's
 * `error.message` when the body has one; otherwise it says what arrived.
 */
export function errorFromStatus(response: Response, body: unknown, redact: Redact): APIError {
  const ErrorClass = classForStatus(response.status);
  const error = serverError(body);
  if (error) {
    return new ErrorClass(redact(error.message), {
      ...arrived(response, redact),
      code: optionalString(error.code, redact),
      type: optionalString(error.type, redact),
      param: optionalString(error.param, redact),
    });
  }
  const received =
    typeof body === "string"
      ? describeBody(response, body, redact)
      : `JSON without an "error" object: ${excerpt(redact(JSON.stringify(body)))}`;
  return new ErrorClass(`${statusLine(response, redact)}: expected a JSON error body, received ${received}`, arrived(response, redact));
}

/** A 2xx answer whose body was empty or not JSON. */
export function errorFromUnparseable(response: Response, text: string, redact: Redact): APIError {
  const received = describeBody(response, text, redact);
  return new APIError(`${statusLine(response, redact)}: expected a JSON body, received ${received}`, arrived(response, redact));
}

/**
 * What a JSON value is, for an error about an answer of the wrong shape: `JSON null`, `a JSON
 * array`, `JSON of type string`, or `a JSON object with fields id, name`.
 */
export function jsonShape(value: unknown): string {
  if (value === null) return "JSON null";
  if (Array.isArray(value)) return "a JSON array";
  if (typeof value !== "object") return `JSON of type ${typeof value}`;
  return `a JSON object with fields ${Object.keys(value).join(", ") || "(none)"}`;
}

/** A 2xx whose JSON is not the shape the operation answers with; `received` says what it was. */
export function errorFromWrongShape(response: Response, expected: string, received: string, redact: Redact): APIError {
  return new APIError(`${response.status}: expected ${expected}, received ${redact(received)}`, arrived(response, redact));
}

/** The status arrived but the body broke off or could not be decoded (a bad gzip stream, say). */
export function errorFromUnreadableBody(response: Response, thrown: unknown, redact: Redact): APIError {
  const ErrorClass = classForStatus(response.status);
  const cause = redactedCause(thrown, redact);
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new ErrorClass(`${statusLine(response, redact)}: the body could not be read (${excerpt(reason)})`, {
    ...arrived(response, redact),
    cause,
  });
}

/** The body passed the client's `maxResponseBytes`; the download was stopped there. */
export function errorFromOversizedBody(response: Response, limitBytes: number, redact: Redact): ResponseTooLargeError {
  return new ResponseTooLargeError(
    `${statusLine(response, redact)}: the response body is larger than ${limitBytes} bytes (maxResponseBytes), so it was not read to the end.`,
    limitBytes,
    arrived(response, redact),
  );
}

/**
 * A redirect, or a status outside what HTTP answers with. The API does not redirect, and
 * following one would send the admin key (and a create's body) somewhere the client was not
 * pointed at, so none is followed.
 */
export function errorFromUnexpectedStatus(response: Response, redact: Redact): APIError {
  const location = response.headers.get("location");
  if (response.type === "opaqueredirect" || (response.status >= 300 && response.status <= 399) || response.redirected) {
    const target = response.redirected ? response.url : location;
    const where = target ? ` to ${JSON.stringify(excerpt(redact(target), 200))}` : "";
    return new APIError(
      `${statusLine(response, redact)}: the server redirected the request${where}; the API does not redirect, so it was not followed.`,
      arrived(response, redact),
    );
  }
  return new APIError(`${statusLine(response, redact)}: not a status the API answers with.`, arrived(response, redact));
}

/** The most specific text a network error offers: its cause's message, e.g. `connect ECONNREFUSED …`. */
function networkReason(cause: unknown): string {
  if (!(cause instanceof Error)) return String(cause);
  const inner = cause.cause;
  if (inner instanceof Error && inner.message) return inner.message;
  return cause.message;
}

/** No usable answer: the connection failed or broke. `note` adds what the caller must know. */
export function connectionError(thrown: unknown, note: string, redact: Redact): APIConnectionError {
  const cause = redactedCause(thrown, redact);
  return new APIConnectionError(`Connection error: ${networkReason(cause)}.${note}`, { cause });
}

/** The attempt ran past its time. */
export function timeoutError(timeoutMs: number, note: string): APIConnectionTimeoutError {
  return new APIConnectionTimeoutError(`Request timed out after ${timeoutMs} ms.${note}`);
}
