// The keys the local server holds. Indexed two ways so no request does more than O(log n) work
// to find its place: a Map by id, and an array kept sorted by (created_at, id) for pages.
// Each record is frozen and its JSON is rendered once, when it is stored: pages are then built by
// joining strings instead of serializing the same objects on every request.

import type { AdminApiKey } from "../../generated/client.js";

interface Entry {
  readonly key: AdminApiKey;
  readonly json: string;
  /** The key's secret, when the server made it (seeded and preloaded keys have none). */
  readonly secret: string | undefined;
}

/** One page of the sorted keys, with the JSON of each record ready to send. */
export interface StorePage {
  readonly json: readonly string[];
  readonly firstId: string | null;
  readonly lastId: string | null;
  readonly hasMore: boolean;
}

/**
 * Read access to the keys a local server holds, for assertions in tests. Records are frozen.
 *
 * @example
 * ```ts
 * const key = await client.adminApiKeys.create({ name: "ci" });
 * expect(server.store.get(key.id)?.name).toBe("ci");
 * expect(server.store.createdCount).toBe(1);
 * ```
 */
export interface MockKeyStore {
  /** The key with this id, without its secret. */
  get(id: string): AdminApiKey | undefined;
  has(id: string): boolean;
  /** Every key, in the order the list endpoint returns them (default ascending). */
  list(order?: "asc" | "desc"): AdminApiKey[];
  /** How many keys the server holds now. */
  readonly size: number;
  /** How many keys `create` has committed since the server started (deleted ones included). */
  readonly createdCount: number;
  /** How many keys `delete` has removed since the server started. */
  readonly deletedCount: number;
}

function compare(a: AdminApiKey, b: AdminApiKey): number {
  if (a.created_at !== b.created_at) return a.created_at - b.created_at;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function freezeKey(key: AdminApiKey): AdminApiKey {
  Object.freeze(key.owner);
  return Object.freeze(key);
}

export class KeyStore implements MockKeyStore {
  readonly #byId = new Map<string, Entry>();
  readonly #sorted: Entry[] = [];
  readonly #idBySecret = new Map<string, string>();
  #createdCount = 0;
  #deletedCount = 0;

  get size(): number {
    return this.#sorted.length;
  }

  get createdCount(): number {
    return this.#createdCount;
  }

  get deletedCount(): number {
    return this.#deletedCount;
  }

  get(id: string): AdminApiKey | undefined {
    return this.#byId.get(id)?.key;
  }

  has(id: string): boolean {
    return this.#byId.has(id);
  }

  list(order: "asc" | "desc" = "asc"): AdminApiKey[] {
    const keys = this.#sorted.map((entry) => entry.key);
    return order === "asc" ? keys : keys.reverse();
  }

  /** The JSON text of a stored key, as retrieve sends it. */
  json(id: string): string | undefined {
    return this.#byId.get(id)?.json;
  }

  /** The id of the live key whose secret this is. */
  idForSecret(secret: string): string | undefined {
    return this.#idBySecret.get(secret);
  }

  /** Stores a key. `committed` counts it as made by the create endpoint. Ids must be unique. */
  insert(key: AdminApiKey, secret?: string, committed = false): void {
    if (this.#byId.has(key.id)) throw new Error(`A key with id '${key.id}' is already stored.`);
    const entry: Entry = { key: freezeKey(key), json: JSON.stringify(key), secret };
    this.#byId.set(key.id, entry);
    this.#sorted.splice(this.#lowerBound(key), 0, entry);
    // Stryker disable next-line ConditionalExpression: idForSecret is only asked with a bearer token, a string, so an entry under undefined is never read
    if (secret !== undefined) this.#idBySecret.set(secret, key.id);
    if (committed) this.#createdCount++;
  }

  /** Removes a key; returns it, or undefined when no key has this id. */
  remove(id: string): AdminApiKey | undefined {
    const entry = this.#byId.get(id);
    if (entry === undefined) return undefined;
    this.#sorted.splice(this.#indexOf(entry.key), 1);
    this.#byId.delete(id);
    // Stryker disable next-line ConditionalExpression,EqualityOperator: only frees the entry; the removed id finds no key in #byId, so its secret authenticates nothing either way
    if (entry.secret !== undefined) this.#idBySecret.delete(entry.secret);
    this.#deletedCount++;
    return entry.key;
  }

  /** Records that a key authenticated a request. Its place in the order does not change. */
  touch(id: string, atSeconds: number): void {
    const entry = this.#byId.get(id);
    // Stryker disable next-line ConditionalExpression,LogicalOperator: auth touches only a key it has just found, and rebuilding a record with the same last_used_at changes nothing
    if (entry === undefined || entry.key.last_used_at === atSeconds) return;
    const key = freezeKey({ ...entry.key, owner: { ...entry.key.owner }, last_used_at: atSeconds });
    const updated: Entry = { key, json: JSON.stringify(key), secret: entry.secret };
    this.#sorted[this.#indexOf(entry.key)] = updated;
    this.#byId.set(id, updated);
  }

  /**
   * The page after `after` (or the first page), oldest first or, `descending`, newest first.
   * Returns undefined when `after` names no stored key.
   */
  page(descending: boolean, limit: number, after: string | undefined): StorePage | undefined {
    const sorted = this.#sorted;
    let start: number;
    if (after === undefined) {
      start = descending ? sorted.length - 1 : 0;
    } else {
      const cursor = this.#byId.get(after);
      if (cursor === undefined) return undefined;
      start = this.#indexOf(cursor.key) + (descending ? -1 : 1);
    }
    // slice clamps to the array; only a negative start needs clamping by hand, as slice counts it from the end.
    const entries = descending ? sorted.slice(Math.max(0, start + 1 - limit), start + 1).reverse() : sorted.slice(start, start + limit);
    const hasMore = descending ? start + 1 - limit > 0 : start + limit < sorted.length;
    const first = entries[0];
    const last = entries[entries.length - 1];
    return {
      json: entries.map((entry) => entry.json),
      firstId: first === undefined ? null : first.key.id,
      lastId: last === undefined ? null : last.key.id,
      hasMore,
    };
  }

  #lowerBound(key: AdminApiKey): number {
    let low = 0;
    let high = this.#sorted.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      const probe = this.#sorted[middle];
      // Stryker disable next-line ConditionalExpression: middle < high <= length, so probe is always defined; the check is for the type checker
      if (probe !== undefined && compare(probe.key, key) < 0) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  #indexOf(key: AdminApiKey): number {
    // Stored keys are unique by id, so the lower bound of a stored key is the key itself.
    return this.#lowerBound(key);
  }
}
