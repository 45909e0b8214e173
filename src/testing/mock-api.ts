// The emulator's core: a Fetch handler, Request → Response, that owns all the state (keys, faults,
// the request log, the response hooks) and runs every request through the pipeline
// (mock-pipeline.ts).
// It has no socket. The adapters put it behind one: node:http (node-adapter.ts), MSW (../msw.ts),
// or nothing at all when a client is handed `mock.fetch` directly.

import { STATUS_CODES } from "node:http";
import { FaultDelays } from "./fault-delays.js";
import { FaultQueue, type MockFaults } from "./faults.js";
import { type MockRequestLog, RequestLog } from "./log.js";
import { MockNetworkFailure, requestBodyFailure } from "./mock-network-failures.js";
import { type MockApiOptions, type ResolvedApiOptions, resolveApiOptions } from "./mock-options.js";
import { type MockArrival, type MockCaller, type MockReply, type MockOutcome, type MockPipelineState, bugReply, runPipeline } from "./mock-pipeline.js";
import { seededKeys } from "./records.js";
import { MockRequestIds } from "./mock-request-ids.js";
import { MockResponseHooks } from "./mock-response-hooks.js";
import { KeyStore, type MockKeyStore } from "./store.js";

/**
 * The base URL of an in-process emulator. The core routes on the path alone, so the host is only
 * a name; this one is https (the client takes it without `allowInsecureHttp`) under `.test`, a
 * top-level domain reserved never to resolve (RFC 6761), so a client that was not handed
 * `mock.fetch` fails to connect instead of reaching some real server.
 *
 * @example
 * ```ts
 * const mock = createMockApi();
 * mock.url === MOCK_API_URL; // true: "https://admin-keys.test/v1"
 * ```
 */
export const MOCK_API_URL = "https://admin-keys.test/v1";

/**
 * The emulator's fetch: the global fetch's signature, so it can be passed wherever a fetch is
 * taken (`createAdminKeysClient({ fetch })`, the openai SDK's `fetch`), and called as
 * `fetch(request)` with one Request.
 *
 * @example
 * ```ts
 * const fetch: MockApiFetch = createMockApi().fetch;
 * const response = await fetch("https://admin-keys.test/v1/organization/admin_api_keys", { headers: { authorization: "Bearer sk-admin-local-mock-key" } });
 * ```
 */
export type MockApiFetch = (input: Request | string | URL, init?: RequestInit) => Promise<Response>;

/**
 * An emulator of the admin API keys endpoints, in process: no port, no socket.
 *
 * @example
 * ```ts
 * const mock = createMockApi({ seed: 25 });
 * const client = createAdminKeysClient({ apiKey: mock.apiKey, baseUrl: mock.url, fetch: mock.fetch });
 * expect((await client.adminApiKeys.list().toArray()).length).toBe(25);
 * ```
 */
export interface MockApi {
  /** A base URL to give a client: {@link MOCK_API_URL}. Any host works; only the path is routed. */
  readonly url: string;
  /** The admin key the emulator accepts (with `acceptAnyKey`, still the default key, accepted like any other). */
  readonly apiKey: string;
  /** Read access to the keys the emulator holds. */
  readonly store: MockKeyStore;
  /** The scripted faults, per route. */
  readonly faults: MockFaults;
  /** The requests the emulator received, counted per route. */
  readonly requests: MockRequestLog;
  /**
   * Answers one request. Resolves with the emulator's response (errors included: a 4xx or 5xx is
   * a response). Rejects as the global fetch does when there is no response: a `TypeError` whose
   * `cause.code` is `UND_ERR_SOCKET` for a `drop` fault or a close while the request waited,
   * `ECONNREFUSED` once closed; the request signal's reason when it aborts (the work the request
   * started still finishes: a delayed create still commits).
   */
  readonly fetch: MockApiFetch;
  /** Ends pending delays (their requests reject) and refuses later requests. Safe to call twice. */
  close(): Promise<void>;
}

/**
 * The core with what only adapters use. `answer` takes beside the Request what a socket knows
 * better: the arrival (a raw target, a method Fetch refuses) and whether the caller is still
 * there (a signal on the Request would cost undici more than the rest of the request). It gives
 * the reply unwrapped (an adapter that writes bytes needs no Response) and does not race the
 * caller: an adapter whose client went away just drops the reply. `nextRequestId` numbers the
 * answers only a socket sends (bytes that are not HTTP).
 */
export interface MockApiCore {
  readonly api: MockApi;
  /** Runs a request through the pipeline; rejects as {@link MockApi.fetch} does when there is no reply. */
  answer(request: Request, arrival: MockArrival, caller: MockCaller): Promise<MockReply>;
  nextRequestId(): string;
}

/**
 * Creates an in-process emulator of the admin API keys endpoints of spec/openapi.yaml: the same
 * state, validation, auth, faults and request log as {@link startMockServer}, which is this core
 * behind node:http. Takes the same options, less `host` and `port`.
 *
 * @example
 * ```ts
 * import { createAdminKeysClient, RateLimitError } from "openai-admin-keys";
 * import { createMockApi } from "openai-admin-keys/testing";
 *
 * const mock = createMockApi({ seed: 250 });
 * const client = createAdminKeysClient({ apiKey: mock.apiKey, baseUrl: mock.url, fetch: mock.fetch, maxRetries: 0 });
 * mock.faults.add("admin-api-keys-list", { kind: "status", status: 429, retryAfter: 1 });
 * await expect(client.adminApiKeys.list()).rejects.toBeInstanceOf(RateLimitError);
 * expect((await client.adminApiKeys.list({ limit: 100 }).toArray()).length).toBe(250);
 * expect(mock.requests.count("admin-api-keys-list")).toBe(4);
 * ```
 */
export function createMockApi(options: MockApiOptions = {}): MockApi {
  return createMockApiCore(resolveApiOptions(options)).api;
}

/** Builds the core from checked options; startMockServer calls this with its own. */
export function createMockApiCore(settings: ResolvedApiOptions): MockApiCore {
  const store = new KeyStore();
  for (const key of [...seededKeys(settings.seed, settings.startSeconds), ...settings.keys]) store.insert(key, settings.secrets.get(key.id));
  const state: MockPipelineState = {
    store,
    faults: new FaultQueue(),
    log: new RequestLog(settings.recordLimit),
    ids: new MockRequestIds(),
    delays: new FaultDelays(),
    hooks: new MockResponseHooks(settings.onResponse),
    access: { apiKey: settings.apiKey, acceptAnyKey: settings.acceptAnyKey },
    owner: settings.owner,
    now: settings.now,
    maxBodyBytes: settings.maxBodyBytes,
  };
  let closed = false;

  function answer(request: Request, arrival: MockArrival, caller: MockCaller): Promise<MockReply> {
    if (closed) return Promise.reject(new MockNetworkFailure("refused"));
    return runPipeline(state, request, arrival, caller).then(replyOf);
  }

  const fetch: MockApiFetch = async (input, init) => {
    // A copy even of a Request, as fetch makes one: a Request whose body is already used is then
    // refused with fetch's TypeError before anything is sent or counted.
    const request = new Request(input, init);
    const { signal } = request;
    // As fetch does with a signal that has already aborted: nothing is sent, nothing is counted.
    if (signal.aborted) throw signal.reason;
    const reply = await untilAborted(answer(request, arrivalOf(request), signal), signal);
    try {
      return responseOf(reply);
    } catch (error) {
      // Fetch refused the reply's headers, as node:http would; answered as node:http answers it.
      return responseOf(bugReply(reply, error));
    }
  };

  const api: MockApi = {
    url: MOCK_API_URL,
    // A getter, so util.inspect of the object shows [Getter] rather than the key.
    get apiKey() {
      return settings.apiKey;
    },
    store,
    faults: state.faults,
    requests: state.log,
    fetch,
    close() {
      closed = true;
      state.delays.close();
      return Promise.resolve();
    },
  };
  return { api, answer, nextRequestId: () => state.ids.next() };
}

/**
 * The reply, or the signal's reason as soon as it aborts. The pipeline runs on regardless, as a
 * server goes on with a request whose client gave up (a delayed create still commits).
 */
function untilAborted(reply: Promise<MockReply>, signal: AbortSignal): Promise<MockReply> {
  return new Promise<MockReply>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    // Stryker disable next-line ObjectLiteral,BooleanLiteral: a signal aborts once, so its abort listener runs at most once either way
    signal.addEventListener("abort", onAbort, { once: true });
    // Stryker disable next-line ArrowFunction,StringLiteral: only frees the listener; an abort after the reply settled the promise rejects nothing
    reply.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}

/** The reply of an outcome that has one; the fetch failure of one that has none. */
function replyOf(outcome: MockOutcome): MockReply {
  switch (outcome.kind) {
    case "reply":
      return outcome.reply;
    case "drop":
      throw new MockNetworkFailure("dropped");
    case "closed":
      throw new MockNetworkFailure("closed");
    case "body-unreadable":
      throw requestBodyFailure(outcome.cause);
    // Nobody waits for this one: in process the caller's promise has already rejected with its
    // signal's reason (the pipeline abandons a request only once its signal has aborted), and
    // behind node:http the socket is gone. So whatever this case does reaches no one.
    // Stryker disable next-line ConditionalExpression,StringLiteral: see above, the caller has already had its rejection
    case "abandoned":
      // Stryker disable next-line StringLiteral: see above, the caller has already had its rejection
      throw new MockNetworkFailure("closed");
  }
}

/** What a Fetch Request says about itself, as the log keeps it. */
export function arrivalOf(request: Request): MockArrival {
  const url = new URL(request.url);
  const headers: Record<string, string> = {};
  request.headers.forEach((value, name) => {
    if (name !== "authorization") headers[name] = value;
  });
  return { method: request.method, target: url.pathname + url.search, headers };
}

// Statuses whose response has no body by definition; the Response constructor refuses one for them.
const NULL_BODY_STATUSES: ReadonlySet<number> = new Set([101, 103, 204, 205, 304]);

/**
 * The reply as a Fetch Response, with the status text node:http would send: its reason phrase, or
 * "unknown" for a status it has none for (a fault's 499, say), as its writeHead does.
 */
export function responseOf(reply: MockReply): Response {
  return new Response(NULL_BODY_STATUSES.has(reply.status) ? null : reply.text, {
    status: reply.status,
    statusText: STATUS_CODES[reply.status] ?? "unknown",
    headers: reply.headers,
  });
}
