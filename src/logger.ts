// The client's log: a level, a sink, and the redactor in between. Every line and every detail
// passes the same redactor as errors before the sink sees it, so a log at `debug` of a whole run
// (creates, failures, retries) holds neither the admin key nor a created key's value.

import type { Redact } from "./redact.js";

/**
 * How much the client logs, from nothing to every attempt.
 * - `error`: calls that failed, with the error's class, status and request id;
 * - `warn`: also responses that do not match the spec (with `validateResponses: "warn"`);
 * - `info`: also each call that succeeded: method, path, status, duration, attempts;
 * - `debug`: also each attempt and each retry decision, with its reason and wait.
 *
 * @example
 * ```ts
 * const level: LogLevel = "debug";
 * const client = createAdminKeysClient({ logLevel: level });
 * ```
 */
export type LogLevel = "off" | "error" | "warn" | "info" | "debug";

/** Values a log line carries besides its text; all redacted, never objects from the exchange. */
export type LogDetails = Readonly<Record<string, string | number | boolean | undefined>>;

/**
 * Where log lines go: an object with one method per level, such as `console` (the default) or
 * a pino or winston logger.
 *
 * @example
 * ```ts
 * const lines: string[] = [];
 * const logger: Logger = {
 *   error: (message) => lines.push(`error ${message}`),
 *   warn: (message) => lines.push(`warn ${message}`),
 *   info: (message) => lines.push(`info ${message}`),
 *   debug: (message, details) => lines.push(`debug ${message} ${JSON.stringify(details)}`),
 * };
 * const client = createAdminKeysClient({ logger, logLevel: "debug" });
 * ```
 */
export interface Logger {
  error(message: string, details?: LogDetails): void;
  warn(message: string, details?: LogDetails): void;
  info(message: string, details?: LogDetails): void;
  debug(message: string, details?: LogDetails): void;
}

/**
 * The environment variable read for the level when `logLevel` is not given.
 *
 * @example
 * ```sh
 * OPENAI_ADMIN_KEYS_LOG=debug node my-script.js
 * ```
 */
export const LOG_LEVEL_ENV = "OPENAI_ADMIN_KEYS_LOG";

const RANK: Readonly<Record<LogLevel, number>> = { off: 0, error: 1, warn: 2, info: 3, debug: 4 };

/** True for the five level names. */
export function isLogLevel(value: unknown): value is LogLevel {
  return typeof value === "string" && Object.hasOwn(RANK, value);
}

/**
 * What the client logs through: one method per level, each a no-op below the chosen level. Every
 * line the client logs carries its details (operation, status, request id...).
 */
export interface ClientLog {
  readonly level: LogLevel;
  enabled(level: Exclude<LogLevel, "off">): boolean;
  error(message: string, details: LogDetails): void;
  warn(message: string, details: LogDetails): void;
  info(message: string, details: LogDetails): void;
  debug(message: string, details: LogDetails): void;
}

function redactDetails(details: LogDetails, redact: Redact): LogDetails {
  const safe: Record<string, string | number | boolean | undefined> = {};
  // Stryker disable next-line ConditionalExpression,EqualityOperator,StringLiteral: the client's string details (request ids, pointers) were redacted by this same redactor before they got here, so not redacting strings again changes no line; the guard is for details added later. (Mutants that redact numbers throw, and the tests catch them.)
  for (const [name, value] of Object.entries(details)) safe[redact(name)] = typeof value === "string" ? redact(value) : value;
  return safe;
}

const PREFIX = "openai-admin-keys: ";

/** Builds the log of one client. Lines are prefixed with the package name. */
export function createClientLog(level: LogLevel, logger: Logger, redact: Redact): ClientLog {
  const rank = RANK[level];
  const emit = (at: Exclude<LogLevel, "off">) => (message: string, details: LogDetails): void => {
    if (RANK[at] > rank) return;
    const line = PREFIX + redact(message);
    const safe = redactDetails(details, redact);
    // A logger that throws must not turn a call that worked into one that failed.
    try {
      logger[at](line, safe);
    } catch {
      // The line is lost; the call goes on.
    }
  };
  return {
    level,
    // Stryker disable next-line ConditionalExpression: only call-log's shortcuts ask, and with `true` each line is built and then dropped by emit's own level check: performance only
    enabled: (at) => RANK[at] <= rank,
    error: emit("error"),
    warn: emit("warn"),
    info: emit("info"),
    debug: emit("debug"),
  };
}
