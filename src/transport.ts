// The attempt loop: one generated call per attempt, each bounded by its own timeout (which covers
// reading the body too), failures turned into errors, and retries made as retry.ts decides. The
// happy path costs one AbortController, one timer and one small init object per request.

import type { Client } from "openapi-fetch";
import type { CallInit, CallResult } from "../generated/client.js";
import type { paths } from "../generated/schema.js";
import { type APIError, APIUserAbortError } from "./errors.js";
import { connectionError, errorFromUnparseable, timeoutError } from "./exchange-errors.js";
import { AttemptFailure, readBody } from "./guarded-fetch.js";
import { checkRequestOptions, type RequestOptions } from "./request-options.js";
import type { Redact } from "./redact.js";
import { type Failure, neverConnected, retryDelayMs, shouldRetry } from "./retry.js";

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
}

/** One generated operation function, such as `adminApiKeysGet`. */
export type Operation<A, T> = (client: Client<paths>, arg: A, init?: CallInit) => Promise<CallResult<T>>;

/** A successful exchange: the parsed body and the response it came in. */
export interface Success<T> {
  readonly data: T;
  readonly response: Response;
}

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

// The caller's reason is their own object, not something from the exchange, so it is kept as given.
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
      if (!("ok" in outcome)) return outcome;
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
    const { signal } = controller;
    try {
      const init: CallInit = { signal, headers: options?.headers, fetch: this.#settings.fetch };
      const { response, body, parse } = await operation(this.#client, arg, init);
      const text = await readBody(response, body, this.#settings.maxResponseBytes, signal, this.#settings.redact);
      let data: T;
      try {
        data = parse(text);
      } catch {
        // A 2xx that is not JSON is the server's fault, and asking again would not change it.
        throw new AttemptFailure(errorFromUnparseable(response, text, this.#settings.redact), { kind: "refused" });
      }
      return { data, response };
    } catch (thrown) {
      if (callerSignal?.aborted) throw userAbort(callerSignal);
      if (thrown instanceof AttemptFailure) return { ok: false, error: thrown.error, failure: thrown.failure };
      return this.#failedExchange(thrown, signal, timeoutMs, method);
    } finally {
      clearTimeout(timer);
      if (relay) callerSignal?.removeEventListener("abort", relay);
    }
  }

  /** Classifies an exchange that threw: our timeout, or a connection that failed or broke. */
  #failedExchange(thrown: unknown, signal: AbortSignal, timeoutMs: number, method: Method): Failed {
    const note = method === "POST" ? CREATE_MAY_HAVE_HAPPENED : "";
    if (signal.aborted && signal.reason === TIMED_OUT) {
      return { ok: false, error: timeoutError(timeoutMs, note), failure: { kind: "timeout" } };
    }
    const connected = !neverConnected(thrown);
    return {
      ok: false,
      error: connectionError(thrown, connected ? note : "", this.#settings.redact),
      failure: { kind: connected ? "network" : "connect" },
    };
  }
}
