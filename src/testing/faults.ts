// Scripted faults: tests queue what a route should do wrong, and the server takes one per
// request, oldest first. A fault for "*" applies to any route that has none of its own.

import type { ErrorSchema } from "../../generated/client.js";
import { defaultFaultBody } from "./mock-errors.js";
import { describeValue, unknownRoute } from "./mock-messages.js";
import { type OperationId, type RouteName, resolveRouteName } from "./routing.js";

/**
 * Something a route does instead of (or on top of) answering normally.
 *
 * - `status`: answer with this status, an OpenAI error body (defaults per status) and, when
 *   given, `Retry-After` (seconds, or an HTTP date string), `retry-after-ms`, or other headers.
 * - `delay`: wait `ms`, then answer normally (a create still commits if the client gave up).
 * - `drop`: destroy the connection without answering.
 * - `malformed`: answer with a body that is not valid JSON (default: truncated JSON, status 200).
 * - `commit-then-fail`: handle the request normally (a create commits) and answer an error
 *   instead of the result, default 500: the case that makes retrying a create unsafe.
 *
 * Any fault may also wait `delayMs` before it acts.
 *
 * @example
 * ```ts
 * server.faults.add("admin-api-keys-get", { kind: "status", status: 503, retryAfter: 1 });
 * server.faults.add("admin-api-keys-list", { kind: "drop", delayMs: 50 });
 * ```
 */
export type MockFault =
  | {
      readonly kind: "status";
      readonly status: number;
      readonly error?: Partial<ErrorSchema>;
      readonly retryAfter?: number | string;
      readonly retryAfterMs?: number;
      readonly headers?: Readonly<Record<string, string>>;
      readonly delayMs?: number;
    }
  | { readonly kind: "delay"; readonly ms: number }
  | { readonly kind: "drop"; readonly delayMs?: number }
  | {
      readonly kind: "malformed";
      readonly status?: number;
      readonly body?: string;
      readonly contentType?: string;
      readonly delayMs?: number;
    }
  | { readonly kind: "commit-then-fail"; readonly status?: number; readonly error?: Partial<ErrorSchema>; readonly delayMs?: number };

/**
 * How many requests a queued fault applies to: a positive integer, or `Infinity` for every one.
 *
 * @example
 * ```ts
 * server.faults.add("*", { kind: "status", status: 500 }, { times: Infinity });
 * ```
 */
export interface FaultOptions {
  readonly times?: number;
}

/**
 * The fault script of a local server.
 *
 * @example
 * ```ts
 * server.faults.add("admin-api-keys-list", { kind: "status", status: 429, retryAfter: 1 }, { times: 2 });
 * server.faults.add("POST /organization/admin_api_keys", { kind: "commit-then-fail" });
 * ```
 */
export interface MockFaults {
  /** Queues a fault for a route (operation id, `"METHOD /path"`, or `"*"` for any). */
  add(route: RouteName | "*", fault: MockFault, options?: FaultOptions): void;
  /** Drops queued faults, for one route or all. */
  clear(route?: RouteName | "*"): void;
  /** How many requests queued faults will still affect, for one route or all. */
  pending(route?: RouteName | "*"): number;
}

interface Queued {
  readonly fault: MockFault;
  remaining: number;
}

const KINDS = new Set(["status", "delay", "drop", "malformed", "commit-then-fail"]);

function checkNumber(name: string, value: unknown, min: number, max: number): void {
  if (value === undefined) return;
  // Stryker disable next-line ConditionalExpression: Number.isInteger is false for any non-number, so the next test refuses it as well; the typeof is what lets the type checker compare the value
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`fault.${name} must be an integer from ${min} to ${max}; got ${describeValue(value)}.`);
  }
}

function checkFault(fault: MockFault): void {
  if (typeof fault !== "object" || fault === null || !KINDS.has(fault.kind)) {
    const kind = typeof fault === "object" && fault !== null ? describeValue(Reflect.get(fault, "kind")) : describeValue(fault);
    throw new TypeError(`fault.kind must be one of ${[...KINDS].join(", ")}; got ${kind}.`);
  }
  switch (fault.kind) {
    case "status":
      if (fault.status === undefined) throw new TypeError("fault.status must be an integer from 400 to 599 for a status fault; got undefined.");
      checkNumber("status", fault.status, 400, 599);
      checkNumber("retryAfterMs", fault.retryAfterMs, 0, 3_600_000);
      checkNumber("delayMs", fault.delayMs, 0, 600_000);
      if (typeof fault.retryAfter === "number") checkNumber("retryAfter", fault.retryAfter, 0, 86_400);
      return;
    case "delay":
      checkNumber("ms", fault.ms, 0, 600_000);
      if (fault.ms === undefined) throw new TypeError("fault.ms must be an integer from 0 to 600000 for a delay fault; got undefined.");
      return;
    case "malformed":
      checkNumber("status", fault.status, 200, 599);
      checkNumber("delayMs", fault.delayMs, 0, 600_000);
      return;
    case "commit-then-fail":
      checkNumber("status", fault.status, 400, 599);
      checkNumber("delayMs", fault.delayMs, 0, 600_000);
      return;
    case "drop":
      checkNumber("delayMs", fault.delayMs, 0, 600_000);
  }
}

export class FaultQueue implements MockFaults {
  readonly #queues = new Map<OperationId | "*", Queued[]>();

  add(route: RouteName | "*", fault: MockFault, options: FaultOptions = {}): void {
    const key = this.#resolve(route);
    checkFault(fault);
    const times = options.times ?? 1;
    if (times !== Infinity && (!Number.isInteger(times) || times < 1)) {
      throw new RangeError(`options.times must be a positive integer or Infinity; got ${describeValue(times)}.`);
    }
    const queue = this.#queues.get(key) ?? [];
    queue.push({ fault, remaining: times });
    this.#queues.set(key, queue);
  }

  clear(route?: RouteName | "*"): void {
    if (route === undefined) this.#queues.clear();
    else this.#queues.delete(this.#resolve(route));
  }

  pending(route?: RouteName | "*"): number {
    const queues = route === undefined ? [...this.#queues.values()] : [this.#queues.get(this.#resolve(route)) ?? []];
    return queues.flat().reduce((sum, queued) => sum + queued.remaining, 0);
  }

  /** The fault the next request to this operation meets, if any; it counts as used. */
  take(operationId: OperationId): MockFault | undefined {
    // Stryker disable next-line ConditionalExpression: a shortcut for the usual case of no faults at all; without it #takeFrom finds no queue for either key and gives undefined too
    if (this.#queues.size === 0) return undefined;
    return this.#takeFrom(operationId) ?? this.#takeFrom("*");
  }

  #takeFrom(key: OperationId | "*"): MockFault | undefined {
    // A queue in the map is never empty (the last fault out deletes it), so no head means no queue.
    const queue = this.#queues.get(key) ?? [];
    const head = queue[0];
    if (head === undefined) return undefined;
    head.remaining--;
    if (head.remaining <= 0) queue.shift();
    if (queue.length === 0) this.#queues.delete(key);
    return head.fault;
  }

  #resolve(route: string): OperationId | "*" {
    const key = resolveRouteName(route);
    if (key === undefined) {
      throw new RangeError(unknownRoute(route));
    }
    return key;
  }
}

/** What a fault answers instead of the operation's result. */
export interface FaultReply {
  readonly status: number;
  readonly text: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly contentType?: string;
}

const TRUNCATED_JSON = '{"object":"list","data":[{"object":"organization.admin_api_key","id":"key_';

/** The answer of a fault that replaces the response: an error status, or a malformed body. */
export function faultReply(fault: Extract<MockFault, { kind: "status" | "malformed" | "commit-then-fail" }>): FaultReply {
  if (fault.kind === "malformed") {
    const reply = { status: fault.status ?? 200, text: fault.body ?? TRUNCATED_JSON };
    return fault.contentType === undefined ? reply : { ...reply, contentType: fault.contentType };
  }
  const status = fault.status ?? 500;
  const text = JSON.stringify({ error: { ...defaultFaultBody(status), ...fault.error } });
  if (fault.kind === "commit-then-fail") return { status, text };
  const headers: Record<string, string> = {};
  if (fault.retryAfter !== undefined) headers["retry-after"] = String(fault.retryAfter);
  if (fault.retryAfterMs !== undefined) headers["retry-after-ms"] = String(fault.retryAfterMs);
  return { status, text, headers: { ...headers, ...fault.headers } };
}
