// What create, retrieve and delete return: a promise of the data, which can also give the data
// with its response and request id, or the raw response with its body unread, as the official
// SDK's APIPromise does. The request starts once, in the first microtask, or at once when a
// method below is called first; awaiting it costs what awaiting a plain promise costs, plus this
// object.

/**
 * The data of a call together with the response it came in and its `x-request-id` (redacted).
 * The response's body has been read.
 *
 * @example
 * ```ts
 * const { data, requestId } = await client.adminApiKeys.create({ name: "ci" }).withResponse();
 * audit.record("created admin key", data.id, requestId);
 * ```
 */
export interface WithResponse<T> {
  readonly data: T;
  readonly response: Response;
  readonly requestId: string | undefined;
}

/** How one call can be carried out: for its data (body read and parsed), or for its response alone. */
export interface CallStarter<T> {
  data(): Promise<WithResponse<T>>;
  response(): Promise<Response>;
}

/**
 * A call in flight: a `Promise` of the data, as the official SDK's is. `await` it for the data;
 * `.withResponse()` for the data, the `Response` and the request id; `.asResponse()` for the raw
 * `Response`, body unread (checked, retried and refused like any call, but neither the size limit
 * nor the timeout covers reading that body). Call either right away, on the promise the method
 * returned: the request is sent in the next microtask, for whichever way was asked first.
 *
 * @example
 * ```ts
 * const key = await client.adminApiKeys.retrieve("key_abc");
 * const { data, requestId } = await client.adminApiKeys.retrieve("key_abc").withResponse();
 * const response = await client.adminApiKeys.retrieve("key_abc").asResponse();
 * console.log(response.headers.get("openai-processing-ms"));
 * ```
 */
export class APIPromise<T> extends Promise<T> {
  // then/catch/finally make plain promises: the constructor below is not an executor's.
  // Stryker disable next-line BlockStatement: a species getter that returns undefined makes then() fall back to %Promise% (SpeciesConstructor), the very constructor this one returns
  static override get [Symbol.species](): PromiseConstructor {
    return Promise;
  }

  readonly #starter: CallStarter<T>;
  readonly #settle: Settle<T>;
  #withResponse: Promise<WithResponse<T>> | undefined;
  #response: Promise<Response> | undefined;

  /** @internal Made by the client's methods. */
  constructor(starter: CallStarter<T>) {
    const settle: Partial<Settle<T>> = {};
    super((resolve, reject) => {
      settle.resolve = resolve;
      settle.reject = reject;
    });
    this.#starter = starter;
    this.#settle = { resolve: settle.resolve ?? ignore, reject: settle.reject ?? ignore };
    // Sent even if nobody awaits it, as a promise's work would be; the first way asked for wins.
    // A failure nobody awaits is then an unhandled rejection, as it would be for a plain promise.
    queueMicrotask(() => {
      if (this.#response === undefined && this.#withResponse === undefined) this.#sendForData();
    });
  }

  #sendForData(): Promise<WithResponse<T>> {
    const outcome = this.#starter.data();
    this.#withResponse = outcome;
    outcome.then((done) => this.#settle.resolve(done.data), this.#settle.reject);
    return outcome;
  }

  /** The data, the `Response` it came in (body read) and the request id. */
  withResponse(): Promise<WithResponse<T>> {
    if (this.#withResponse !== undefined) return this.#withResponse;
    if (this.#response !== undefined) return Promise.reject(late("withResponse"));
    // The caller awaits this promise instead of the data one, so the data one's failure is not theirs to handle.
    super.then(undefined, ignore);
    return this.#sendForData();
  }

  /** The raw `Response` once its status and headers arrived and passed the client's checks; body unread. */
  asResponse(): Promise<Response> {
    if (this.#response !== undefined) return this.#response;
    if (this.#withResponse !== undefined) return Promise.reject(late("asResponse"));
    this.#response = this.#starter.response();
    super.then(undefined, ignore);
    this.#settle.reject(late("then"));
    return this.#response;
  }
}

interface Settle<T> {
  resolve(value: T): void;
  reject(reason: unknown): void;
}

function ignore(): void {}

function late(method: string): Error {
  const sent = method === "asResponse" ? "its data" : "its raw response (asResponse)";
  return new Error(`${method}() came after the call was sent for ${sent}; ask for one or the other, on the promise the method returned.`);
}
