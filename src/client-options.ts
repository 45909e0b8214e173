// Checks of the client's options (once, at construction) and of per-call options. Errors name
// the option and what it accepts, and never echo the admin key.

import { InvalidParameterError } from "./errors.js";
import { isLogLevel, LOG_LEVEL_ENV, type Logger, type LogLevel } from "./logger.js";
import { checkHeaders, checkMaxRetries, checkTimeoutMs, kind } from "./request-options.js";
import { installedResponseCheck, type ResponseCheck, type ResponseValidationMode } from "./response-check.js";

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
  /** A fetch to use instead of the global one; called as `fetch(request)` with one `Request`. */
  fetch?: typeof fetch | undefined;
  /**
   * The most bytes a response body may have (after any content decoding). A larger one is not
   * downloaded further and the call rejects with `ResponseTooLargeError`. Default 10 MiB, about
   * 250 times a page of 100 keys.
   */
  maxResponseBytes?: number | undefined;
  /** Extra headers sent with every request. `Authorization` and `User-Agent` are the client's own. */
  headers?: Record<string, string> | undefined;
  /** Allow an `http://` base URL on a host other than loopback (the key then travels unencrypted). */
  allowInsecureHttp?: boolean | undefined;
  /**
   * How much to log. Default: the `OPENAI_ADMIN_KEYS_LOG` environment variable, else `"off"`
   * (`"warn"` when `validateResponses` is `"warn"`, so its warnings show).
   */
  logLevel?: LogLevel | undefined;
  /** Where log lines go. Default: `console`. Every line is redacted before it gets here. */
  logger?: Logger | undefined;
  /**
   * Check every 2xx body against the operation's schema in the spec: `"off"` (default), `"warn"`
   * (log it and return the data) or `"strict"` (reject with `ResponseValidationError`). Needs
   * `import "openai-admin-keys/validate-responses"` once, which brings the validators.
   */
  validateResponses?: ResponseValidationMode | undefined;
}

/** The options with defaults applied and checks passed. */
export interface ResolvedClientOptions {
  readonly apiKey: string;
  readonly baseUrl: string;
  readonly maxRetries: number;
  readonly timeoutMs: number;
  readonly fetch: typeof fetch;
  readonly maxResponseBytes: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly logLevel: LogLevel;
  readonly logger: Logger;
  readonly validation: { readonly mode: "warn" | "strict"; readonly check: ResponseCheck } | undefined;
}

const DEFAULT_BASE_URL = "https://api.openai.com/v1";
const DEFAULT_MAX_RETRIES = 2;
const DEFAULT_TIMEOUT_MS = 60_000;
const DEFAULT_MAX_RESPONSE_BYTES = 10 * 1024 * 1024;
// Well below the longest string V8 can make (about 512 MiB), which the decoded body must fit in.
const MAX_RESPONSE_BYTES = 256 * 1024 * 1024;
const API_KEY_ENV = "OPENAI_ADMIN_KEY";

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

const VALIDATION_MODES: readonly string[] = ["off", "warn", "strict"];

function resolveValidation(option: unknown): ResolvedClientOptions["validation"] {
  if (option == null || option === "off") return undefined;
  if (option !== "warn" && option !== "strict") {
    throw new InvalidParameterError(
      "validateResponses",
      `validateResponses must be one of ${VALIDATION_MODES.map((mode) => JSON.stringify(mode)).join(", ")}; got ${typeof option === "string" ? JSON.stringify(option) : kind(option)}`,
    );
  }
  const check = installedResponseCheck();
  if (check === undefined) {
    throw new InvalidParameterError(
      "validateResponses",
      `validateResponses: "${option}" needs the spec's validators, which the package root leaves out to stay small: add import "openai-admin-keys/validate-responses"; once, before creating the client.`,
    );
  }
  return { mode: option, check };
}

const LOG_LEVELS: readonly LogLevel[] = ["off", "error", "warn", "info", "debug"];

function resolveLogLevel(option: unknown, validationMode: "warn" | "strict" | undefined): LogLevel {
  const allowed = LOG_LEVELS.map((level) => JSON.stringify(level)).join(", ");
  if (option != null) {
    if (isLogLevel(option)) return option;
    throw new InvalidParameterError("logLevel", `logLevel must be one of ${allowed}; got ${typeof option === "string" ? JSON.stringify(option) : kind(option)}`);
  }
  const fromEnv = globalThis.process?.env?.[LOG_LEVEL_ENV];
  if (fromEnv !== undefined && fromEnv !== "") {
    if (isLogLevel(fromEnv)) return fromEnv;
    throw new InvalidParameterError("logLevel", `${LOG_LEVEL_ENV} must be one of ${allowed}; got ${JSON.stringify(fromEnv.slice(0, 40))}`);
  }
  return validationMode === "warn" ? "warn" : "off";
}

function isLogger(value: object): value is Logger {
  return ["error", "warn", "info", "debug"].every((method) => typeof Reflect.get(value, method) === "function");
}

function resolveLogger(option: unknown): Logger {
  if (option == null) return console;
  // null is gone above, so typeof "object" is all it takes to let Reflect.get look inside.
  if (typeof option === "object" && isLogger(option)) return option;
  throw new InvalidParameterError("logger", `logger must be an object with error, warn, info and debug methods, such as console; got ${kind(option)}`);
}

/** Applies defaults and checks every option; throws `InvalidParameterError` on the first problem. */
export function resolveClientOptions(options: ClientOptions): ResolvedClientOptions {
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
  const maxResponseBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  // Number.isSafeInteger is false for anything that is no number (a string from plain JavaScript).
  if (!Number.isSafeInteger(maxResponseBytes) || maxResponseBytes < 1 || maxResponseBytes > MAX_RESPONSE_BYTES) {
    throw new InvalidParameterError(
      "maxResponseBytes",
      `maxResponseBytes must be an integer from 1 to ${MAX_RESPONSE_BYTES}; got ${typeof maxResponseBytes === "number" ? maxResponseBytes : kind(maxResponseBytes)}`,
    );
  }
  const headers = options.headers ?? {};
  checkHeaders("headers", headers);
  const validation = resolveValidation(options.validateResponses);
  return {
    apiKey,
    baseUrl,
    maxRetries,
    timeoutMs,
    fetch: options.fetch ?? globalThis.fetch,
    maxResponseBytes,
    headers,
    logLevel: resolveLogLevel(options.logLevel, validation?.mode),
    logger: resolveLogger(options.logger),
    validation,
  };
}
