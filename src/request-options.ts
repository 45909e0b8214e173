// The options of one call, and the checks of values that a call and the client both take
// (retries, timeouts, headers). Errors name the option and what it accepts.

import { InvalidParameterError } from "./errors.js";

/**
 * Options for one call, overriding the client's.
 *
 * @example
 * ```ts
 * const key = await client.adminApiKeys.retrieve("key_abc", { timeoutMs: 5_000, maxRetries: 0 });
 * ```
 */
export interface RequestOptions {
  /** Aborts the call: it then rejects with `APIUserAbortError` and is not retried. */
  signal?: AbortSignal | undefined;
  /** Milliseconds each attempt may take before it is cancelled (reading the body included). */
  timeoutMs?: number | undefined;
  /** How many times a failed attempt may be repeated. */
  maxRetries?: number | undefined;
  /** Extra headers for this call. */
  headers?: Record<string, string> | undefined;
}

/** Longest delay setTimeout honours; a longer one would fire at once. */
const MAX_TIMEOUT_MS = 2_147_483_647;

/** How a value looks in a message about an option: its kind, never its content. */
export function kind(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return "an array";
  const type = typeof value;
  return type === "object" ? "an object" : `a ${type}`;
}

export function checkMaxRetries(param: string, value: unknown): asserts value is number {
  // Stryker disable next-line ConditionalExpression: Number.isSafeInteger is false for every non-number, so the typeof test only narrows the type for `value < 0`
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 0) {
    throw new InvalidParameterError(param, `${param} must be an integer of at least 0; got ${typeof value === "number" ? value : kind(value)}`);
  }
}

export function checkTimeoutMs(param: string, value: unknown): asserts value is number {
  if (typeof value !== "number" || !(value >= 1 && value <= MAX_TIMEOUT_MS)) {
    throw new InvalidParameterError(
      param,
      `${param} must be a number of milliseconds from 1 to ${MAX_TIMEOUT_MS}; got ${typeof value === "number" ? value : kind(value)}`,
    );
  }
}

const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
// Field values: tab, visible Latin-1 and spaces; no line breaks (they would split the header).
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;

/**
 * Checks header names and values up front; fetch's own error would quote the value. Both callers
 * have taken null and undefined to mean "not given" already.
 */
export function checkHeaders(param: string, headers: NonNullable<unknown>): asserts headers is Record<string, string> {
  if (typeof headers !== "object" || Array.isArray(headers)) {
    throw new InvalidParameterError(param, `${param} must be an object of header names to string values; got ${kind(headers)}`);
  }
  for (const [name, value] of Object.entries(headers)) {
    if (!HEADER_NAME.test(name)) {
      throw new InvalidParameterError(param, `${param} has an invalid header name ${JSON.stringify(name)}; names are letters, digits and !#$%&'*+-.^_\`|~`);
    }
    if (typeof value !== "string" || !HEADER_VALUE.test(value)) {
      throw new InvalidParameterError(
        param,
        `${param}[${JSON.stringify(name)}] must be a string without line breaks or characters beyond Latin-1; got ${typeof value === "string" ? "a string that has one" : kind(value)}`,
      );
    }
  }
}

function checkSignal(value: unknown): void {
  if (!(value instanceof AbortSignal)) {
    throw new InvalidParameterError("signal", `signal must be an AbortSignal; got ${kind(value)}`);
  }
}

/** Checks the options of one call. Only the fields given are looked at. */
export function checkRequestOptions(options: RequestOptions): void {
  if (typeof options !== "object" || options === null) {
    throw new InvalidParameterError("options", `options must be an object; got ${kind(options)}`);
  }
  // null, like undefined, means "the client's setting" (it is what `??` falls back on, too).
  if (options.signal != null) checkSignal(options.signal);
  if (options.timeoutMs != null) checkTimeoutMs("timeoutMs", options.timeoutMs);
  if (options.maxRetries != null) checkMaxRetries("maxRetries", options.maxRetries);
  if (options.headers != null) checkHeaders("headers", options.headers);
}

