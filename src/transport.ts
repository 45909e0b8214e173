// The attempt loop: one generated call per attempt, each bounded by its own timeout, failures
// turned into errors, and retries made as retry.ts decides. The happy path costs one
// AbortController, one timer and one small init object per request.

import type { Client } from "openapi-fetch";
import type { CallInit, CallResult } from "../generated/client.js";
import type { paths } from "../generated/schema.js";
import {
  APIConnectionError,
  APIConnectionTimeoutError,
  type APIError,
  APIUserAbortError,
  errorFromStatus,
  errorFromUnparseable,
} from "./errors.js";
import { checkRequestOptions } from "./options.js";
import { type Failure, neverConnected, retryDelayMs, shouldRetry } from "./retry.js";

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
  /** Milliseconds each attempt may take before it is cancelled. */
  timeoutMs?: number | undefined;
  /** How many times a failed attempt may be repeated. */
  maxRetries?: number | undefined;
  /** Extra headers for this call. */
  headers?: Record<string, string> | undefined;
}

/** What every call of one client shares. */
export interface TransportSettings {
  readonly maxRetries: number;
  readonly timeoutMs: number;
  /** Hides the admin key and `sk-…` tokens in anything echoed into an error message. */
  readonly redact: (text: string) => string;
}

/** One generated operation function, such as `adminApiKeysGet`. */
export type Operation<A, T> = (client: Client<paths>, arg: A, init?: CallInit) => Promise<CallResult<T>>;

/** A successful exchange: the parsed body and the response it came in. */
export type Success<T> = Extract<CallResult<T>, { ok: true }>;

/** A failed attempt: the error to throw if it is not retried, and what retry.ts needs to decide. */
interface Failed {
  readonly ok: false;
  readonly error: APIError;
  readonly failure: Failure;
}

/** The HTTP method, which decides whether a request may be repeated. */
export type Method = "GET" | "POST" | "DELETE";

// The reason an attempt's controller is aborted with when its timer fires.
const TIMED_OUT = Symbol("timed out");

function abortForTimeout(controller: AbortController): void {
  controller.abort(TIMED_OUT);
}

function userAbort(signal: AbortSignal): APIUserAbortError {
  return new APIUserAbortError("Request was aborted.", { cause: signal.reason });
}

/** Aborts `controller` when `signal` aborts; returns the listener so it can be removed. */
function relayAbort(signal: AbortSignal, controller: AbortController): () => void {
  const relay = () => controller.abort(signal.reason);
  signal.addEventListener("abort", relay, { once: true });
  return relay;
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

/** The most specific text a network error offers: its cause's message, e.g. `connect ECONNREFUSED …`. */
function networkReason(thrown: unknown): string {
  const cause = thrown instanceof Error ? thrown.cause : undefined;
  if (cause instanceof Error && cause.message) return cause.message;
  return thrown instanceof Error ? thrown.message : String(thrown);
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

  async send<A, T>(operation: Operation<A, T>, arg: A, method: Method, options?: RequestOptions): Promise<Success<T>> {
    if (options !== undefined) checkRequestOptions(options);
    const maxRetries = options?.maxRetries ?? this.#settings.maxRetries;
    for (let retriesDone = 0; ; retriesDone++) {
      const outcome = await this.#attempt(operation, arg, method, options);
      if (outcome.ok) return outcome;
      if (retriesDone >= maxRetries || !shouldRetry(method, outcome.failure)) throw outcome.error;
      const headers = outcome.failure.kind === "status" ? outcome.failure.headers : undefined;
      await sleep(retryDelayMs(retriesDone, headers), options?.signal);
    }
  }

  async #attempt<A, T>(
    operation: Operation<A, T>,
    arg: A,
    method: Method,
    options: RequestOptions | undefined,
  ): Promise<Success<T> | Failed> {
    const callerSignal = options?.signal;
    if (callerSignal?.aborted) throw userAbort(callerSignal);
    const timeoutMs = options?.timeoutMs ?? this.#settings.timeoutMs;
    const controller = new AbortController();
    const timer = setTimeout(abortForTimeout, timeoutMs, controller);
    const relay = callerSignal ? relayAbort(callerSignal, controller) : undefined;
    let result: CallResult<T>;
    try {
      result = await operation(this.#client, arg, { signal: controller.signal, headers: options?.headers });
    } catch (thrown) {
      if (callerSignal?.aborted) throw userAbort(callerSignal);
      return this.#failedExchange(thrown, controller.signal, timeoutMs, method);
    } finally {
      clearTimeout(timer);
      if (relay) callerSignal?.removeEventListener("abort", relay);
    }
    if (result.ok) return result;
    const { response } = result;
    if (result.problem === "unparseable") {
      throw errorFromUnparseable(response, typeof result.body === "string" ? result.body : "", this.#settings.redact);
    }
    return {
      ok: false,
      error: errorFromStatus(response, result.body, this.#settings.redact),
      failure: { kind: "status", status: response.status, headers: response.headers },
    };
  }

  /** Classifies an exchange that threw: our timeout, or a connection that failed or broke. */
  #failedExchange(thrown: unknown, signal: AbortSignal, timeoutMs: number, method: Method): Failed {
    const note = method === "POST" ? CREATE_MAY_HAVE_HAPPENED : "";
    if (signal.aborted && signal.reason === TIMED_OUT) {
      return {
        ok: false,
        error: new APIConnectionTimeoutError(`Request timed out after ${timeoutMs} ms.${note}`),
        failure: { kind: "timeout" },
      };
    }
    const connected = !neverConnected(thrown);
    const message = `Connection error: ${this.#settings.redact(networkReason(thrown))}.${connected ? note : ""}`;
    return {
      ok: false,
      error: new APIConnectionError(message, { cause: thrown }),
      failure: { kind: connected ? "network" : "connect" },
    };
  }
}
