// Checks of the client's options (once, at construction) and of per-call options. Errors name
// the option and what it accepts, and never echo the admin key.

import { InvalidParameterError } from "./errors.js";
import type { RequestOptions } from "./transport.js";

/**
 * How to build a client. Every field is optional.
 *
 * @example
 * ```ts
 * const client = createAdminKeysClient({ apiKey: process.env.OPENAI_ADMIN_KEY, maxRetries: 4 });
 * ```
 */
export interface ClientOptions {
  /** The admin API key. Default: the `OPENAI_ADMIN_KEY` environment variable. */
  apiKey?: string | undefined;
  /** Default `https://api.openai.com/v1`; a trailing slash is fine. */
  baseUrl?: string | undefined;
  /** How many times a failed attempt may be repeated. Default 2. */
  maxRetries?: number | undefined;
  /** Milliseconds each attempt may take before it is cancelled. Default 60000. */
  timeoutMs?: number | undefined;
  /** A fetch to use instead of the global one; called as `fetch(url, init)`. */
  fetch?: typeof fetch | undefined;
  /** Extra headers sent with every request. `Authorization` and `User-Agent` are the client's own. */
  headers?: Record<string, string> | undefined;
  /** Allow an `http://` base URL on a host other than loopback (the key then travels unencrypted). */
  allowInsecureHttp?: boolean | undefined;
}

/** The options with defaults applied and checks passed. */
export interface ResolvedOptions {
  readonly apiKey: string;
  readonly baseUrl: string;
  readonly maxRetries: number;
  readonly timeoutMs: number;
  readonly fetch: typeof fetch;
  readonly headers: Readonly<Record<string, string>>;
}

const DEFAULT_BASE_URL = "https://api.openai.com/v1";
const DEFAULT_MAX_RETRIES = 2;
const DEFAULT_TIMEOUT_MS = 60_000;
/** Longest delay setTimeout honours; a longer one would fire at once. */
const MAX_TIMEOUT_MS = 2_147_483_647;
const API_KEY_ENV = "OPENAI_ADMIN_KEY";

function kind(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  return Array.isArray(value) ? "an array" : `a ${typeof value}`;
}

// RFC 6750's b64token. Checking it here also keeps fetch from failing later with the key quoted.
const BEARER_TOKEN = /^[A-Za-z0-9\-._~+/]+=*$/;

/** The key, from the option or the environment; it must be a bearer token. */
function resolveApiKey(option: unknown): string {
  const fromEnv = option == null;
  const source = fromEnv ? API_KEY_ENV : "apiKey";
  const value = fromEnv ? globalThis.process?.env?.[API_KEY_ENV] : option;
  if (value === undefined) {
    throw new InvalidParameterError(
      "apiKey",
      `No admin API key: pass apiKey to createAdminKeysClient() or set the ${API_KEY_ENV} environment variable.`,
    );
  }
  if (typeof value !== "string") {
    throw new InvalidParameterError("apiKey", `apiKey must be a string; got ${kind(value)}`);
  }
  const key = value.trim();
  if (key === "") {
    throw new InvalidParameterError("apiKey", `${source} is empty; it must hold an admin API key (sk-admin-…).`);
  }
  if (!BEARER_TOKEN.test(key)) {
    const position = key.search(/[^A-Za-z0-9\-._~+/=]/) + 1 || key.indexOf("=") + 1;
    throw new InvalidParameterError(
      "apiKey",
      `${source} has a character a bearer token cannot hold (at position ${position}; a token has letters, digits and - . _ ~ + / only); copy the key again without quotes, spaces or line breaks.`,
    );
  }
  return key;
}

/** True for hosts that never leave the machine: localhost, 127.0.0.0/8 and ::1. */
export function isLoopbackHost(hostname: string): boolean {
  return hostname === "localhost" || hostname === "[::1]" || /^127(\.\d{1,3}){3}$/.test(hostname);
}

function resolveBaseUrl(option: unknown, allowInsecureHttp: boolean): string {
  if (option == null) return DEFAULT_BASE_URL;
  if (typeof option !== "string" || !URL.canParse(option)) {
    throw new InvalidParameterError(
      "baseUrl",
      `baseUrl must be an absolute http(s) URL such as "${DEFAULT_BASE_URL}"; got ${typeof option === "string" ? JSON.stringify(option) : kind(option)}`,
    );
  }
  const url = new URL(option);
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new InvalidParameterError("baseUrl", `baseUrl must use https: (or http: on loopback); got ${url.protocol}`);
  }
  if (url.username || url.password) {
    throw new InvalidParameterError("baseUrl", "baseUrl must not hold a user name or password; send the admin key as apiKey.");
  }
  if (url.search || url.hash) {
    throw new InvalidParameterError("baseUrl", `baseUrl must not have a query or fragment; got ${JSON.stringify(url.search + url.hash)}`);
  }
  if (url.protocol === "http:" && !allowInsecureHttp && !isLoopbackHost(url.hostname)) {
    throw new InvalidParameterError(
      "baseUrl",
      `baseUrl ${url.origin} is plain http on a host that is not loopback: the admin key would travel unencrypted. Use https:, a loopback host (localhost, 127.0.0.1, ::1), or pass allowInsecureHttp: true.`,
    );
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, "")}`;
}

export function checkMaxRetries(param: string, value: unknown): asserts value is number {
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

/** Checks header names and values up front; fetch's own error would quote the value. */
export function checkHeaders(param: string, headers: unknown): asserts headers is Record<string, string> {
  if (typeof headers !== "object" || headers === null || Array.isArray(headers)) {
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

/** Applies defaults and checks every option; throws `InvalidParameterError` on the first problem. */
export function resolveClientOptions(options: ClientOptions): ResolvedOptions {
  if (typeof options !== "object" || options === null) {
    throw new InvalidParameterError("options", `createAdminKeysClient() takes an options object; got ${kind(options)}`);
  }
  const apiKey = resolveApiKey(options.apiKey);
  const baseUrl = resolveBaseUrl(options.baseUrl, options.allowInsecureHttp === true);
  const maxRetries = options.maxRetries ?? DEFAULT_MAX_RETRIES;
  checkMaxRetries("maxRetries", maxRetries);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  checkTimeoutMs("timeoutMs", timeoutMs);
  if (options.fetch != null && typeof options.fetch !== "function") {
    throw new InvalidParameterError("fetch", `fetch must be a function like the global fetch; got ${kind(options.fetch)}`);
  }
  const headers = options.headers ?? {};
  checkHeaders("headers", headers);
  return { apiKey, baseUrl, maxRetries, timeoutMs, fetch: options.fetch ?? globalThis.fetch, headers };
}
