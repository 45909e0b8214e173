// What the server saw and sent, for assertions: every request is counted per operation (exactly,
// forever) and the most recent ones are kept whole; every response can be handed to a listener.

import type { MockFault } from "./faults.js";
import { unknownRoute } from "./mock-messages.js";
import { type OperationId, type RouteName, resolveRouteName } from "./routing.js";

/**
 * One request as the server received it. The Authorization header is never kept.
 *
 * @example
 * ```ts
 * const [first] = server.requests.all("admin-api-keys-get");
 * expect(first?.params.key_id).toBe("a/b");
 * ```
 */
export interface MockRequestRecord {
  readonly requestId: string;
  /** The operation the request was routed to; null for an unknown path or method, a CONNECT included. */
  readonly operationId: OperationId | null;
  readonly method: string;
  /** The raw request target, path and query, exactly as it arrived (still percent-encoded). */
  readonly url: string;
  /** Decoded path parameters, such as `{ key_id: "a/b" }`. */
  readonly params: Readonly<Record<string, string>>;
  /** Request headers, lower-cased, without `authorization`. */
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  /** The parsed JSON body, once read; undefined for requests without one. */
  readonly body: unknown;
}

/**
 * One response the server sent.
 *
 * @example
 * ```ts
 * const server = await startMockServer({ onResponse: (r) => console.log(r.operationId, r.status, r.requestId) });
 * ```
 */
export interface MockResponseRecord {
  readonly requestId: string;
  readonly operationId: OperationId | null;
  readonly method: string;
  readonly url: string;
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  /** The parsed JSON body; the raw text when it is not JSON (a `malformed` fault). */
  readonly body: unknown;
  /** The scripted fault that shaped this response, if any. */
  readonly fault: MockFault["kind"] | null;
}

/**
 * Requests the server received, counted on the server side.
 *
 * @example
 * ```ts
 * for await (const key of client.adminApiKeys.list({ limit: 100 })) void key;
 * expect(server.requests.count("admin-api-keys-list")).toBe(3);
 * expect(server.requests.all("admin-api-keys-list").map((r) => r.url)).toContain("/v1/organization/admin_api_keys?limit=100");
 * ```
 */
export interface MockRequestLog {
  /** How many requests reached a route (operation id or `"METHOD /path"`), or the server when omitted. Never capped. */
  count(route?: RouteName | "*"): number;
  /** The kept requests, oldest first, for one route or all (the newest `recordLimit`, 10,000 by default). */
  all(route?: RouteName | "*"): MockRequestRecord[];
  /** Forgets every request and resets the counts. */
  clear(): void;
}

type MutableRecord = { -readonly [K in keyof MockRequestRecord]: MockRequestRecord[K] };

export class RequestLog implements MockRequestLog {
  readonly #counts = new Map<OperationId | null, number>();
  #records: MutableRecord[] = [];
  #total = 0;
  readonly #limit: number;

  constructor(limit: number) {
    this.#limit = limit;
  }

  /** Starts a record for a request that just arrived; the caller fills in the body later. */
  open(record: MutableRecord): MutableRecord {
    this.#total++;
    this.#counts.set(record.operationId, (this.#counts.get(record.operationId) ?? 0) + 1);
    if (this.#limit > 0) {
      this.#records.push(record);
      // Trim in batches so keeping the newest N stays O(1) per request on average.
      // Stryker disable next-line ConditionalExpression,EqualityOperator,ArithmeticOperator,MethodExpression,UnaryOperator: only bounds memory; all() keeps the newest #limit records whatever is trimmed here
      if (this.#records.length >= 2 * this.#limit) this.#records = this.#records.slice(-this.#limit);
    }
    return record;
  }

  count(route?: RouteName | "*"): number {
    const key = this.#resolve(route);
    return key === "*" ? this.#total : (this.#counts.get(key) ?? 0);
  }

  all(route?: RouteName | "*"): MockRequestRecord[] {
    const key = this.#resolve(route);
    const kept = this.#records.slice(-this.#limit);
    return key === "*" ? kept : kept.filter((record) => record.operationId === key);
  }

  clear(): void {
    this.#counts.clear();
    this.#records = [];
    this.#total = 0;
  }

  #resolve(route: string | undefined): OperationId | "*" {
    const key = resolveRouteName(route ?? "*");
    if (key === undefined) throw new RangeError(unknownRoute(route));
    return key;
  }
}
