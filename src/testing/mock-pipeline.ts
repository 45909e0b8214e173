// The emulator's request pipeline: the steps every request goes through, whichever adapter
// brought it (node:http, in-process fetch, MSW). The order is part of the behaviour, so it is
// written down once, here, and `runPipeline` below runs the steps in exactly this order:
//
//   1. route        method and path → an operation, or the 404 / 405 / 400 of a request the spec
//                   does not route (answered at once, after step 2)
//   2. record       give the request its x-request-id, count it and keep it in the log; every
//                   request that arrives is counted, routed or not, answered or not
//   3. take fault   the operation's next scripted fault is used up now, whatever happens next
//                   (so a fault meets exactly one request, even one that ends in a 413)
//   4. read body    only for an operation that takes one, under the size limit (413); before the
//                   fault acts, so a dropped create has sent its whole body and still commits nothing
//   5. apply fault  wait (delay, delayMs), then drop the connection, answer the scripted status or
//                   malformed body, or go on (delay, commit-then-fail)
//   6. authenticate 401 before anything is parsed or changed; a fault answers even without a key
//   7. parse body   Content-Type and JSON (400); the parsed body goes into the log
//   8. handle       the operation against the store, with its own query and body checks (400, 404)
//   9. fail after commit   a commit-then-fail fault replaces the committed result with its error
//  10. respond      content-type, content-length and x-request-id headers; the response hooks,
//                   unless the caller has stopped waiting
//
// A step is a function of what it needs; it returns what the next step needs or how the
// request ends. Nothing in here knows about sockets: the adapters turn a MockOutcome into bytes.

import type { AdminApiKeyOwner } from "../../generated/client.js";
import { operationConstraints } from "../../generated/client.js";
import { type AccessPolicy, authenticate } from "./auth.js";
import { type BodyResult, parseJsonBody, readBody } from "./body.js";
import { type ErrorReply, bodyTooLarge, emulatorBug, invalidParam, methodNotAllowed, unknownRoute } from "./mock-errors.js";
import type { FaultDelays } from "./fault-delays.js";
import { type FaultQueue, type MockFault, faultReply } from "./faults.js";
import { type Reply, handlers } from "./handlers.js";
import type { MockRequestRecord, RequestLog } from "./log.js";
import type { MockRequestIds } from "./mock-request-ids.js";
import type { MockResponseHooks } from "./mock-response-hooks.js";
import { type OperationId, type RouteMatch, matchRoute } from "./routing.js";
import type { KeyStore } from "./store.js";

/** The emulator's state, which the steps read and change. One per emulator, shared by its adapters. */
export interface MockPipelineState {
  readonly store: KeyStore;
  readonly faults: FaultQueue;
  readonly log: RequestLog;
  readonly ids: MockRequestIds;
  readonly delays: FaultDelays;
  readonly hooks: MockResponseHooks;
  readonly access: AccessPolicy;
  readonly owner: AdminApiKeyOwner;
  readonly now: () => number;
  readonly maxBodyBytes: number;
}

/**
 * A request as it arrived, as the log keeps it. Separate from the Fetch Request because the wire
 * can hold what a Request cannot: a raw target (`/v1/a/../b`, `http://host/...`, still
 * percent-encoded as sent) and methods Fetch refuses (CONNECT, TRACE).
 */
export interface MockArrival {
  readonly method: string;
  /** The request target, path and query, exactly as it arrived. */
  readonly target: string;
  /** Headers for the log, lower-cased, without `authorization`. */
  readonly headers: MockRequestRecord["headers"];
}

/** An answer before it is sent: status, body text, and any headers particular to it. */
export interface MockAnswer {
  readonly status: number;
  readonly text: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly contentType?: string;
}

/** A finished response, headers complete, as every adapter sends it. */
export interface MockReply {
  readonly status: number;
  readonly headers: MockReplyHeaders;
  readonly text: string;
}

/**
 * Whether the caller has stopped waiting. An AbortSignal is one (in process: the Request's); the
 * node:http adapter asks its ServerResponse, which costs nothing per request where a signal would.
 */
export interface MockCaller {
  readonly aborted: boolean;
}

/** How a request ends. */
export type MockOutcome =
  | { readonly kind: "reply"; readonly reply: MockReply }
  /** A scripted drop: the connection is reset without an answer. */
  | { readonly kind: "drop" }
  /** The emulator closed while the request waited. */
  | { readonly kind: "closed" }
  /** The body could not be read to its end (the client went away mid-body). */
  | { readonly kind: "body-unreadable"; readonly cause: unknown }
  /** The answer was ready but the caller had stopped waiting: nobody hears of it. */
  | { readonly kind: "abandoned" };

/** One request on its way through the steps: what the log and the response record need. */
export interface MockExchange {
  readonly requestId: string;
  readonly operationId: OperationId | null;
  readonly arrival: MockArrival;
  /** The log's record, whose body step 7 fills in. */
  readonly record: { body: unknown };
  /** The fault that shaped the answer, once step 5 has it. */
  fault: MockFault["kind"] | null;
}

/** Where step 1 sent a request. */
export interface MockRouting {
  readonly path: string;
  readonly query: string;
  readonly match: RouteMatch;
}

const takesBody: ReadonlySet<OperationId> = new Set(
  Object.values(operationConstraints)
    .filter((operation) => operation.body !== null)
    .map((operation) => operation.operationId),
);

// ── 1. route ────────────────────────────────────────────────────────────────────────────────

/** Splits the raw target into path and query and matches the path against the spec's routes. */
export function routeRequest(method: string, target: string): MockRouting {
  const mark = target.indexOf("?");
  const path = mark === -1 ? target : target.slice(0, mark);
  const query = mark === -1 ? "" : target.slice(mark + 1);
  return { path, query, match: matchRoute(method, path) };
}

/**
 * The answer to a request the spec does not route: unknown path, wrong method, undecodable
 * segment. A CONNECT's says `connection: close`: the emulator is no proxy, and the connection a
 * CONNECT asked to tunnel is closed after the answer (only the node:http adapter can receive one).
 */
export function unroutedAnswer(method: string, path: string, match: Exclude<RouteMatch, { kind: "operation" }>): MockAnswer {
  const answer = errorAnswer(unroutedError(method, path, match));
  return method === "CONNECT" ? { ...answer, headers: { ...answer.headers, connection: "close" } } : answer;
}

function unroutedError(method: string, path: string, match: Exclude<RouteMatch, { kind: "operation" }>): ErrorReply {
  switch (match.kind) {
    case "not-found":
      return unknownRoute(method, path);
    case "method-not-allowed":
      return methodNotAllowed(method, path, match.allowed);
    case "bad-encoding":
      return invalidParam(match.param, `Invalid value for ${match.param}: the path segment is not valid percent-encoding.`);
  }
}

// ── 2. record ───────────────────────────────────────────────────────────────────────────────

/** Gives the request its id and opens its log record (which counts it). */
export function recordRequest(state: Pick<MockPipelineState, "ids" | "log">, arrival: MockArrival, routing: MockRouting): MockExchange {
  const requestId = state.ids.next();
  const operationId = routing.match.kind === "operation" ? routing.match.operationId : null;
  const record = state.log.open({
    requestId,
    operationId,
    method: arrival.method,
    url: arrival.target,
    params: routing.match.kind === "operation" ? routing.match.params : {},
    headers: arrival.headers,
    body: undefined,
  });
  return { requestId, operationId, arrival, record, fault: null };
}

// ── 3. take fault ───────────────────────────────────────────────────────────────────────────

/** Uses up the next fault scripted for the operation (or for "*"), if any. */
export function takeFault(faults: FaultQueue, operationId: OperationId): MockFault | undefined {
  return faults.take(operationId);
}

// ── 4. read body ────────────────────────────────────────────────────────────────────────────

/** What step 4 found: a body text to go on with (empty when the operation takes none), a 413, or no body. */
export type BodyStep = { readonly kind: "text"; readonly text: string } | { readonly kind: "answer"; readonly answer: MockAnswer } | Extract<MockOutcome, { kind: "body-unreadable" }>;

/** Reads the body of an operation that takes one; others' bodies are left unread. */
export async function readRequestBody(request: Request, operationId: OperationId, maxBodyBytes: number): Promise<BodyStep> {
  if (!takesBody.has(operationId)) return { kind: "text", text: "" };
  const body: BodyResult = await readBody(request, maxBodyBytes);
  switch (body.kind) {
    case "complete":
      return { kind: "text", text: body.text };
    case "too-large":
      return { kind: "answer", answer: errorAnswer(bodyTooLarge(maxBodyBytes)) };
    case "unreadable":
      return { kind: "body-unreadable", cause: body.cause };
  }
}

// ── 5. apply fault ──────────────────────────────────────────────────────────────────────────

/** What step 5 decided: go on, answer instead, or end the request without an answer. */
export type FaultStep = { readonly kind: "continue" } | { readonly kind: "answer"; readonly answer: MockAnswer } | { readonly kind: "drop" } | { readonly kind: "closed" };

/** Waits as the fault asks, then acts on it. No fault: go on at once. */
export async function applyFault(fault: MockFault | undefined, delays: Pick<FaultDelays, "wait">): Promise<FaultStep> {
  if (fault === undefined) return { kind: "continue" };
  const wait = fault.kind === "delay" ? fault.ms : (fault.delayMs ?? 0);
  if (wait > 0 && !(await delays.wait(wait))) return { kind: "closed" };
  switch (fault.kind) {
    case "drop":
      return { kind: "drop" };
    case "status":
    case "malformed":
      return { kind: "answer", answer: faultReply(fault) };
    case "delay":
    case "commit-then-fail":
      return { kind: "continue" };
  }
}

// ── 6. authenticate ─────────────────────────────────────────────────────────────────────────

/** The 401 to answer, or undefined when the caller may go on. A created key that passes is marked used. */
export function authenticateRequest(
  headers: Headers,
  state: Pick<MockPipelineState, "access" | "store">,
  nowSeconds: number,
): MockAnswer | undefined {
  const denied = authenticate(headers.get("authorization") ?? undefined, state.access, state.store, nowSeconds);
  return denied === undefined ? undefined : errorAnswer(denied);
}

// ── 7. parse body ───────────────────────────────────────────────────────────────────────────

/** The parsed JSON body of an operation that takes one (kept in the log record), or the 400 to answer. */
export function parseRequestBody(
  headers: Headers,
  operationId: OperationId,
  text: string,
  exchange: Pick<MockExchange, "record">,
): { readonly body: unknown } | { readonly answer: MockAnswer } {
  // Stryker disable next-line ObjectLiteral: the caller reads .body, which is undefined in an empty object too
  if (!takesBody.has(operationId)) return { body: undefined };
  const parsed = parseJsonBody(headers.get("content-type") ?? undefined, text);
  if ("status" in parsed) return { answer: errorAnswer(parsed) };
  exchange.record.body = parsed.value;
  return { body: parsed.value };
}

// ── 8. handle ───────────────────────────────────────────────────────────────────────────────

/** What the operation's handler needs beyond the emulator's state. */
export interface MockOperationCall {
  readonly operationId: OperationId;
  readonly params: Readonly<Record<string, string>>;
  readonly query: string;
  readonly body: unknown;
  readonly nowSeconds: number;
}

/** Runs the operation against the store. */
export function handleOperation(state: Pick<MockPipelineState, "store" | "owner">, operation: MockOperationCall): MockAnswer {
  const reply: Reply | ErrorReply = handlers[operation.operationId]({
    store: state.store,
    params: operation.params,
    search: new URLSearchParams(operation.query),
    body: operation.body,
    nowSeconds: operation.nowSeconds,
    owner: state.owner,
  });
  return "text" in reply ? reply : errorAnswer(reply);
}

// ── 9. fail after commit ────────────────────────────────────────────────────────────────────

/** A commit-then-fail fault's error in place of the (already committed) result; any other answer as it is. */
export function failAfterCommit(fault: MockFault | undefined, answer: MockAnswer): MockAnswer {
  if (fault?.kind !== "commit-then-fail") return answer;
  const failure = faultReply(fault);
  return { status: failure.status, text: failure.text };
}

// ── 10. respond ─────────────────────────────────────────────────────────────────────────────

/**
 * Completes the headers and tells the response hooks, unless the caller has stopped waiting:
 * an answer nobody receives is not a response the emulator sent.
 */
export function respond(state: Pick<MockPipelineState, "hooks">, exchange: MockExchange, answer: MockAnswer, caller: MockCaller): MockOutcome {
  if (caller.aborted) return { kind: "abandoned" };
  const headers = replyHeaders(answer, exchange.requestId);
  // Stryker disable next-line ConditionalExpression: saves building the record only; notify with no listener does nothing
  if (state.hooks.active) {
    state.hooks.notify({
      requestId: exchange.requestId,
      operationId: exchange.operationId,
      method: exchange.arrival.method,
      url: exchange.arrival.target,
      status: answer.status,
      headers,
      body: parseJson(answer.text),
      fault: exchange.fault,
    });
  }
  return { kind: "reply", reply: { status: answer.status, headers, text: answer.text } };
}

/**
 * What an adapter sends when it cannot send the reply the pipeline made (a scripted fault's
 * header holding a byte HTTP does not allow): the 500 of an emulator bug, same x-request-id.
 */
export function bugReply(reply: MockReply, error: unknown): MockReply {
  const answer = errorAnswer(emulatorBug(error));
  return { status: answer.status, headers: replyHeaders(answer, reply.headers["x-request-id"]), text: answer.text };
}

/** A reply's headers, which always hold its request id. */
export type MockReplyHeaders = Readonly<Record<string, string>> & { readonly "x-request-id": string };

/** Every answer's headers: its type, length and request id, then its own (which may override). */
function replyHeaders(answer: MockAnswer, requestId: string): MockReplyHeaders {
  const base = {
    "content-type": answer.contentType ?? "application/json",
    "content-length": String(Buffer.byteLength(answer.text)),
    "x-request-id": requestId,
  };
  return { ...base, ...answer.headers };
}

// ── the pipeline ────────────────────────────────────────────────────────────────────────────

/** Runs one request through steps 1 to 10, in the order the file's comment gives. */
export async function runPipeline(state: MockPipelineState, request: Request, arrival: MockArrival, caller: MockCaller): Promise<MockOutcome> {
  const routing = routeRequest(arrival.method, arrival.target); // 1
  const exchange = recordRequest(state, arrival, routing); // 2
  const { match } = routing;
  if (match.kind !== "operation") return respond(state, exchange, unroutedAnswer(arrival.method, routing.path, match), caller);
  try {
    const { operationId, params } = match;
    const fault = takeFault(state.faults, operationId); // 3
    const body = await readRequestBody(request, operationId, state.maxBodyBytes); // 4
    if (body.kind === "body-unreadable") return body;
    if (body.kind === "answer") return respond(state, exchange, body.answer, caller);
    exchange.fault = fault?.kind ?? null;
    const faulted = await applyFault(fault, state.delays); // 5
    if (faulted.kind === "drop" || faulted.kind === "closed") return faulted;
    if (faulted.kind === "answer") return respond(state, exchange, faulted.answer, caller);
    const nowSeconds = Math.floor(state.now() / 1000);
    const denied = authenticateRequest(request.headers, state, nowSeconds); // 6
    if (denied !== undefined) return respond(state, exchange, denied, caller);
    const parsed = parseRequestBody(request.headers, operationId, body.text, exchange); // 7
    if ("answer" in parsed) return respond(state, exchange, parsed.answer, caller);
    const answer = handleOperation(state, { operationId, params, query: routing.query, body: parsed.body, nowSeconds }); // 8
    return respond(state, exchange, failAfterCommit(fault, answer), caller); // 9, 10
  } catch (error) {
    // A bug in the emulator itself: answered rather than leaving the client hanging.
    return respond(state, exchange, errorAnswer(emulatorBug(error)), caller);
  }
}

function errorAnswer(error: ErrorReply): MockAnswer {
  const text = JSON.stringify(error.body);
  return { status: error.status, text, headers: error.headers };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
