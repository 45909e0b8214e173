// The attempt loop: one generated call per attempt, each bounded by its own timeout (which covers
// reading the body too), failures turned into errors, and retries made as retry.ts decides. The
// happy path costs one AbortController, one timer and one small init object per request.

import type { Client } from "openapi-fetch";
import type { CallInit, CallResult } from "../generated/client.js";
import type { paths } from "../generated/schema.js";
import { APIUserAbortError, ResponseValidationError } from "./errors.js";
import { connectionError, errorFromUnparseable, timeoutError } from "./exchange-errors.js";
import { AttemptFailure, readBody } from "./guarded-fetch.js";
import type { WithResponse } from "./api-promise.js";
import { logFailure, logSuccess } from "./call-log.js";
import type { ClientLog } from "./logger.js";
import { checkRequestOptions, type RequestOptions } from "./request-options.js";
import type { Redact } from "./redact.js";
import type { ResponseCheck } from "./response-check.js";
import { neverConnected, retryDelayMs, retryVerdict } from "./retry.js";

/** What every call of one client shares. */
export interface TransportSettings {
  readonly maxRetries: number;
  readonly timeoutMs: number;
  /** The most bytes a response body may have; the download stops there. */
  readonly maxResponseBytes: number;
  /** The fetch that lets only usable answers through (guarded-fetch.ts). */
  readonly fetch: (request: Request) => Promise<Response>;
  /** Hides the admin key and `sk-…` tokens in anything taken from an exchange. */
  readonly redact: Redact;
  readonly log: ClientLog;
  /** What to do with a 2xx body the spec refuses, and the check that says so when it is on. */
  readonly validation: { readonly mode: "warn" | "strict"; readonly check: ResponseCheck } | undefined;
}

/** One generated operation function, such as `adminApiKeysGet`. */
export type Operation<A, T> = (client: Client<paths>, arg: A, init?: CallInit) => Promise<CallResult<T>>;

/** What the spec says an operation is, as far as sending it goes. */
export interface OperationSpec {
  readonly operationId: string;
  /** The HTTP method, which decides whether a request may be repeated. */
  readonly method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  readonly path: string;
}

/** What an attempt makes of a 2xx whose headers arrived: the parsed data, or the response alone. */
type Finish<T, R> = (result: CallResult<T>, signal: AbortSignal) => Promise<R>;

// The reason an attempt's controller is aborted with when its timer fires.
const TIMED_OUT = Symbol("timed out");

function abortForTimeout(controller: AbortController): void {
  controller.abort(TIMED_OUT);
}

// The caller's reason is their own object, not something from the exchange, so it is kept as given.
function userAbort(signal: AbortSignal): APIUserAbortError {
  return new APIUserAbortError("Request was aborted.", { cause: signal.reason });
}

/** Aborts `controller` when `signal` aborts; returns the function that removes the listener again. */
function relayAbort(signal: AbortSignal, controller: AbortController): () => void {
  const relay = () => controller.abort(signal.reason);
  // No `once`: the attempt removes the listener when it ends, whether the signal fired or not.
  signal.addEventListener("abort", relay);
  return () => signal.removeEventListener("abort", relay);
}

/** Waits `ms`, or rejects with `APIUserAbortError` as soon as `signal` aborts. */
function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (!signal) {
      setTimeout(resolve, ms);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(userAbort(signal));
    };
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal.addEventListener("abort", onAbort, { once: true });
  });
}

/** The finish of `sendForResponse`: the response as it is, body unread. */
async function keepResponse<T>({ response }: CallResult<T>): Promise<{ response: Response }> {
  return { response };
}

const CREATE_MAY_HAVE_HAPPENED =
  " The key may have been created, so the request was not repeated; list the keys to check.";

/** Sends one operation, retrying as allowed: returns its success or throws an `APIError`. */
export class Transport {
  readonly #client: Client<paths>;
  readonly #settings: TransportSettings;

  constructor(client: Client<paths>, settings: TransportSettings) {
    this.#client = client;
    this.#settings = settings;
  }

  /** Hides the admin key and `sk-…` tokens in text bound for an error message. */
  redact(text: string): string {
    return this.#settings.redact(text);
  }

  /** Sends an operation, retrying as allowed; resolves to its parsed data and the response it came in. */
  async send<A, T>(operation: Operation<A, T>, spec: OperationSpec, arg: A, options?: RequestOptions): Promise<WithResponse<T>> {
    const { data, response, requestId } = await this.#call(operation, spec, arg, options, this.#readData);
    return { data: this.#validated(spec, data, requestId), response, requestId };
  }

  /** Sends an operation as `send` does, but resolves once a 2xx arrived, with its body unread. */
  async sendForResponse<A, T>(operation: Operation<A, T>, spec: OperationSpec, arg: A, options?: RequestOptions): Promise<Response> {
    return (await this.#call(operation, spec, arg, options, keepResponse)).response;
  }

  /** Reads a 2xx body under the size limit and parses it. */
  readonly #readData = async <T>({ response, body, parse }: CallResult<T>, signal: AbortSignal): Promise<{ data: T; response: Response }> => {
    const { maxResponseBytes, redact } = this.#settings;
    const text = await readBody(response, body, maxResponseBytes, signal, redact);
    try {
      return { data: parse(text), response };
    } catch {
      // A 2xx that is not JSON is the server's fault, and asking again would not change it.
      throw new AttemptFailure(errorFromUnparseable(response, text, redact), { kind: "refused" });
    }
  };

  async #call<A, T, R extends { readonly response: Response }>(
    operation: Operation<A, T>,
    spec: OperationSpec,
    arg: A,
    options: RequestOptions | undefined,
    finish: Finish<T, R>,
  ): Promise<R & { readonly requestId: string | undefined }> {
    if (options !== undefined) checkRequestOptions(options);
    const { log } = this.#settings;
    const maxRetries = options?.maxRetries ?? this.#settings.maxRetries;
    const started = performance.now();
    for (let retriesDone = 0; ; retriesDone++) {
      const attemptStarted = performance.now();
      const outcome = await this.#attempt(operation, spec, arg, options, finish);
      const attempt = { spec, arg, number: retriesDone + 1, started: attemptStarted };
      if (!(outcome instanceof AttemptFailure)) {
        const requestId = this.#requestId(outcome.response);
        logSuccess(log, attempt, outcome.response.status, requestId, started);
        return { ...outcome, requestId };
      }
      const verdict =
        retriesDone >= maxRetries
          ? { retry: false, why: `${maxRetries} ${maxRetries === 1 ? "retry" : "retries"} spent` }
          : retryVerdict(spec.method, outcome.failure);
      // Stryker disable next-line ConditionalExpression: only a `status` failure has headers (Failure in retry.ts); the other kinds have no such property, so reading it gives undefined as well: the test narrows the union for TypeScript
      const headers = outcome.failure.kind === "status" ? outcome.failure.headers : undefined;
      const wait = verdict.retry ? retryDelayMs(retriesDone, headers) : 0;
      logFailure(log, attempt, outcome.error, verdict, wait);
      if (!verdict.retry) throw outcome.error;
      await sleep(wait, options?.signal);
    }
  }

  #requestId(response: Response): string | undefined {
    const id = response.headers.get("x-request-id");
    return id === null ? undefined : this.#settings.redact(id);
  }

  /** Applies `validateResponses` to parsed data: a warning in the log, or a ResponseValidationError. */
  #validated<T>(spec: OperationSpec, data: T, requestId: string | undefined): T {
    const { validation, redact, log } = this.#settings;
    if (validation === undefined) return data;
    const problem = validation.check(spec.operationId, data);
    if (problem === undefined) return data;
    // A pointer is made of the body's own keys, which came from the server.
    const safe = { pointer: redact(problem.pointer), expected: redact(problem.expected) };
    const error = new ResponseValidationError(spec.operationId, safe, requestId);
    if (validation.mode === "strict") {
      log.error(error.message, { operationId: spec.operationId, requestId });
      throw error;
    }
    log.warn(error.message, { operationId: spec.operationId, pointer: safe.pointer, requestId });
    return data;
  }

  async #attempt<A, T, R>(
    operation: Operation<A, T>,
    spec: OperationSpec,
    arg: A,
    options: RequestOptions | undefined,
    finish: Finish<T, R>,
  ): Promise<R | AttemptFailure> {
    const callerSignal = options?.signal;
    if (callerSignal?.aborted) throw userAbort(callerSignal);
    const timeoutMs = options?.timeoutMs ?? this.#settings.timeoutMs;
    const controller = new AbortController();
    const timer = setTimeout(abortForTimeout, timeoutMs, controller);
    const stopRelay = callerSignal ? relayAbort(callerSignal, controller) : undefined;
    const { signal } = controller;
    try {
      const init: CallInit = { signal, headers: options?.headers, fetch: this.#settings.fetch };
      return await finish(await operation(this.#client, arg, init), signal);
    } catch (thrown) {
      if (callerSignal?.aborted) throw userAbort(callerSignal);
      // A failed attempt is returned, not thrown: the loop decides whether it is retried.
      if (thrown instanceof AttemptFailure) return thrown;
      return this.#failedExchange(thrown, signal, timeoutMs, spec.method);
    } finally {
      clearTimeout(timer);
      stopRelay?.();
    }
  }

  /** Classifies an exchange that threw: our timeout, or a connection that failed or broke. */
  #failedExchange(thrown: unknown, signal: AbortSignal, timeoutMs: number, method: OperationSpec["method"]): AttemptFailure {
    const note = method === "POST" ? CREATE_MAY_HAVE_HAPPENED : "";
    // The reason is only set once the signal is aborted, and only our timer aborts with this one.
    if (signal.reason === TIMED_OUT) return new AttemptFailure(timeoutError(timeoutMs, note), { kind: "timeout" });
    const connected = !neverConnected(thrown);
    return new AttemptFailure(connectionError(thrown, connected ? note : "", this.#settings.redact), { kind: connected ? "network" : "connect" });
  }
}
