// When to try a request again and how long to wait first. Pure functions: the attempt loop in
// transport.ts asks, these answer, and a table test pins every rule.

/** Why an attempt failed, as far as retrying is concerned. A caller's abort is never asked about. */
export type Failure =
  /** The server answered with a status that is not 2xx. */
  | { readonly kind: "status"; readonly status: number; readonly headers: Headers }
  /** The connection could not be made, so the request never reached the server. */
  | { readonly kind: "connect" }
  /** The connection broke after the request may have reached the server. */
  | { readonly kind: "network" }
  /** The attempt ran past its timeout; the server may be handling the request. */
  | { readonly kind: "timeout" }
  /** The answer may not be used, and asking again would not change that: a redirect, a body over the limit. */
  | { readonly kind: "refused" };

const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([408, 409, 429]);

/** Whether a failed attempt may be repeated, and why, in words a log line can carry. */
export interface RetryVerdict {
  readonly retry: boolean;
  readonly why: string;
}

/**
 * Whether a failed attempt may be repeated. GET and DELETE are safe to repeat. POST (create) is
 * not once the server may have acted on it: a repeated create after a lost answer leaves a second
 * admin key whose secret nobody holds. So POST is repeated only on 429 (the server refused it) and
 * when the connection was never made. `x-should-retry: false` forbids any retry; `true` forces one,
 * except for POST after an answer other than 429.
 */
export function retryVerdict(method: string, failure: Failure): RetryVerdict {
  const repeatable = method !== "POST";
  switch (failure.kind) {
    case "connect":
      return { retry: true, why: "the connection was never made, so the server never saw the request" };
    case "network":
    case "timeout": {
      const what = failure.kind === "network" ? "the connection broke" : "the attempt timed out";
      return repeatable
        ? { retry: true, why: `${what}, and ${method} is safe to repeat` }
        : { retry: false, why: `${what} after the create may have reached the server` };
    }
    case "refused":
      return { retry: false, why: "asking again would get the same answer" };
    case "status": {
      const { status } = failure;
      const verdict = failure.headers.get("x-should-retry");
      if (verdict === "false") return { retry: false, why: "the server sent x-should-retry: false" };
      if (!repeatable) {
        return status === 429
          ? { retry: true, why: "429: the server refused the create without acting on it" }
          : { retry: false, why: `${status} on a create: the key may exist already` };
      }
      if (verdict === "true") return { retry: true, why: "the server sent x-should-retry: true" };
      return RETRYABLE_STATUSES.has(status) || status >= 500
        ? { retry: true, why: `${status} is worth another try` }
        : { retry: false, why: `${status} would be answered the same way again` };
    }
  }
}

/** {@link retryVerdict} without the reason. */
export function shouldRetry(method: string, failure: Failure): boolean {
  return retryVerdict(method, failure).retry;
}

/**
 * Network error codes that mean no connection was ever made, read from `error.cause.code` of the
 * `TypeError: fetch failed` that fetch throws (or from the first of an AggregateError's errors when
 * every address of a host refused). A set of anything, so that a code of any type can be looked up:
 * one that is not a string is simply not in it.
 */
const NEVER_CONNECTED_CODES: ReadonlySet<unknown> = new Set<unknown>([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EHOSTDOWN",
  "ENETDOWN",
  "EADDRNOTAVAIL",
  "UND_ERR_CONNECT_TIMEOUT",
]);

function errorCode(error: unknown): unknown {
  if (typeof error !== "object" || error === null) return undefined;
  if ("code" in error && error.code !== undefined) return error.code;
  if ("errors" in error && Array.isArray(error.errors)) return errorCode(error.errors[0]);
  return undefined;
}

/** True when a thrown fetch error shows the connection was never made. */
export function neverConnected(error: unknown): boolean {
  const cause = typeof error === "object" && error !== null && "cause" in error ? error.cause : undefined;
  return NEVER_CONNECTED_CODES.has(errorCode(cause) ?? errorCode(error));
}

const FIRST_BACKOFF_MS = 500;
const MAX_BACKOFF_MS = 8_000;
const MAX_SERVER_DELAY_MS = 60_000;

// RFC 9110 §10.2.3: Retry-After is delay-seconds (digits only) or an HTTP-date in one of three
// forms. Anything else (`0x2`, `1e1`, `2.5`, a date in another format) asks for nothing.
const DELAY_SECONDS = /^\d+$/;
/** OpenAI's `retry-after-ms`: a number of milliseconds, digits with an optional fraction. */
const DELAY_MS = /^\d+(\.\d+)?$/;
const MONTHS = "Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec";
const IMF_FIXDATE = new RegExp(`^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), (\\d{2}) (${MONTHS}) (\\d{4}) (\\d{2}):(\\d{2}):(\\d{2}) GMT$`);
const RFC850_DATE = new RegExp(
  `^(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday), (\\d{2})-(${MONTHS})-(\\d{2}) (\\d{2}):(\\d{2}):(\\d{2}) GMT$`,
);
const ASCTIME_DATE = new RegExp(`^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) (${MONTHS}) ([ \\d]\\d) (\\d{2}):(\\d{2}):(\\d{2}) (\\d{4})$`);

// `month` is a regex group that always matches; TypeScript types every group as maybe undefined.
function utc(year: number, month: string | undefined, day: number, hour: number, minute: number, second: number): number | undefined {
  const monthIndex = MONTHS.split("|").findIndex((name) => name === month);
  // An hour past 23 needs no check of its own: it rolls over into another day, refused below.
  if (minute > 59 || second > 60) return undefined;
  const ms = Date.UTC(year, monthIndex, day, hour, minute, Math.min(second, 59));
  // Date.UTC rolls 31 Feb over into March; a date that does not exist is not a date.
  return new Date(ms).getUTCDate() === day ? ms : undefined;
}

/** The time an HTTP-date names, in ms since the epoch, or undefined when it is not one. */
export function parseHttpDate(text: string, now: number): number | undefined {
  let match = IMF_FIXDATE.exec(text);
  if (match) return utc(Number(match[3]), match[2], Number(match[1]), Number(match[4]), Number(match[5]), Number(match[6]));
  match = RFC850_DATE.exec(text);
  if (match) {
    // A two-digit year that looks more than 50 years ahead is in the past century (RFC 9110 §5.6.7).
    const thisYear = new Date(now).getUTCFullYear();
    let year = Math.floor(thisYear / 100) * 100 + Number(match[3]);
    if (year > thisYear + 50) year -= 100;
    return utc(year, match[2], Number(match[1]), Number(match[4]), Number(match[5]), Number(match[6]));
  }
  match = ASCTIME_DATE.exec(text);
  if (match) return utc(Number(match[6]), match[1], Number(match[2]), Number(match[3]), Number(match[4]), Number(match[5]));
  return undefined;
}

/**
 * The wait the server asked for in `retry-after-ms` (OpenAI's, a number of milliseconds) or
 * `Retry-After` (seconds or an HTTP date, as RFC 9110 writes them), or undefined when it asked for
 * none, for something that is neither, or for more than 60 s (then our own backoff applies).
 */
export function serverRequestedDelayMs(headers: Headers | undefined, now: number): number | undefined {
  if (!headers) return undefined;
  // Headers trim a value's surrounding whitespace already. A header that is absent reads as "null"
  // here, which is neither a number nor a date, so it asks for nothing without a check of its own.
  const milliseconds = String(headers.get("retry-after-ms"));
  // A value over the limit falls through to Retry-After, as one that is not a number does.
  if (DELAY_MS.test(milliseconds) && Number(milliseconds) <= MAX_SERVER_DELAY_MS) return Number(milliseconds);
  const retryAfter = String(headers.get("retry-after"));
  if (DELAY_SECONDS.test(retryAfter)) return withinServerLimit(Number(retryAfter) * 1000);
  const at = parseHttpDate(retryAfter, now);
  return at === undefined ? undefined : withinServerLimit(Math.max(0, at - now));
}

function withinServerLimit(ms: number): number | undefined {
  return ms > MAX_SERVER_DELAY_MS ? undefined : ms;
}

/**
 * How long to wait before retry number `retriesDone + 1`: the server's requested delay when it gave
 * one within 60 s, else 0.5 s doubling per retry up to 8 s, shortened by up to a quarter at random
 * so that clients failing together do not retry together.
 */
export function retryDelayMs(
  retriesDone: number,
  headers: Headers | undefined,
  random: () => number = Math.random,
  now: number = Date.now(),
): number {
  const requested = serverRequestedDelayMs(headers, now);
  if (requested !== undefined) return requested;
  const backoff = Math.min(FIRST_BACKOFF_MS * 2 ** retriesDone, MAX_BACKOFF_MS);
  return backoff * (1 - 0.25 * random());
}
