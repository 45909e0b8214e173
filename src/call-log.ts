// The lines the attempt loop logs, and how a request is written in them. Each function returns at
// once when its level is off, so a client that does not log builds no line.

import type { APIError } from "./errors.js";
import type { ClientLog } from "./logger.js";
import type { RetryVerdict } from "./retry.js";

/** What a log line says of the operation: which one, and its method and path template. */
interface LoggedOperation {
  readonly operationId: string;
  readonly method: string;
  readonly path: string;
}

/** One attempt of one call, as the log lines describe it. */
export interface AttemptInfo {
  readonly spec: LoggedOperation;
  readonly arg: unknown;
  /** 1 for the first attempt. */
  readonly number: number;
  /** `performance.now()` when the attempt began. */
  readonly started: number;
}

function elapsed(since: number): number {
  return Math.round(performance.now() - since);
}

/**
 * The request in a log line: the method and the path with its parameters filled in, plus the
 * query of a list call. Only built when a line is logged; the log redacts it like any line.
 */
function describe(spec: LoggedOperation, arg: unknown): string {
  // Stryker disable next-line ConditionalExpression,LogicalOperator,ArrayDeclaration: every call's argument passed checkObject (a non-null object) before it was sent, so the fallback never applies; the test narrows unknown for Object.entries
  const fields = typeof arg === "object" && arg !== null ? Object.entries(arg) : [];
  let path = spec.path;
  const query = new URLSearchParams();
  for (const [name, value] of fields) {
    if (typeof value !== "string" && typeof value !== "number") continue;
    if (path.includes(`{${name}}`)) path = path.replace(`{${name}}`, encodeURIComponent(value));
    else if (spec.method === "GET") query.set(name, String(value));
  }
  const search = query.toString();
  return `${spec.method} ${path}${search === "" ? "" : `?${search}`}`;
}

/** A call that got its 2xx: the attempt at `debug`, the call at `info`. */
export function logSuccess(log: ClientLog, attempt: AttemptInfo, status: number, requestId: string | undefined, callStarted: number): void {
  // Stryker disable next-line ConditionalExpression: performance only: log.info and log.debug drop a line below their level themselves; the test only saves building it
  if (!log.enabled("info")) return;
  const { spec, arg, number } = attempt;
  const details = { operationId: spec.operationId, status, attempts: number, requestId };
  // Stryker disable next-line ConditionalExpression: performance only: log.debug drops the line below its level itself; the test only saves building it
  if (log.enabled("debug")) log.debug(`${describe(spec, arg)} attempt ${number}: ${status} in ${elapsed(attempt.started)} ms`, details);
  log.info(`${describe(spec, arg)}: ${status} in ${elapsed(callStarted)} ms`, details);
}

/** An attempt that failed: what happened and what comes next at `debug`; the call's end at `error`. */
export function logFailure(log: ClientLog, attempt: AttemptInfo, error: APIError, verdict: RetryVerdict, waitMs: number): void {
  // Stryker disable next-line ConditionalExpression: performance only: log.debug and log.error drop a line below their level themselves; the test only saves building it
  if (!log.enabled("error")) return;
  const { spec, arg, number } = attempt;
  const details = { operationId: spec.operationId, attempt: number, status: error.status, requestId: error.requestId };
  // Stryker disable next-line ConditionalExpression: performance only: log.debug drops the line below its level itself; the test only saves building it
  if (log.enabled("debug")) {
    const what = error.status === undefined ? error.name : `${error.status} ${error.name}`;
    const next = verdict.retry ? `retrying in ${Math.round(waitMs)} ms` : "not retrying";
    log.debug(`${describe(spec, arg)} attempt ${number}: ${what} in ${elapsed(attempt.started)} ms; ${next}: ${verdict.why}`, details);
  }
  if (!verdict.retry) {
    const attempts = `${number} ${number === 1 ? "attempt" : "attempts"}`;
    log.error(`${describe(spec, arg)} failed after ${attempts}: ${error.name}: ${error.message}`, details);
  }
}
