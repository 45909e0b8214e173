// Cursor pagination over `GET /organization/admin_api_keys`. A page knows how to fetch the page
// after it; iteration holds only the page in hand, so memory stays flat however many keys there
// are. The cursor is checked before it is followed: a server that would make us loop gets an error.

import {
  type AdminApiKey,
  adminApiKeysList,
  type AdminApiKeysListQuery,
  type ApiKeyList,
  operationConstraints,
} from "../generated/client.js";
import { APIError, InvalidParameterError } from "./errors.js";
import type { RequestOptions, Transport } from "./transport.js";
import { checkFields, checkObject } from "./validate.js";

const LIST = operationConstraints.adminApiKeysList;

function isPage(body: unknown): body is ApiKeyList {
  return (
    typeof body === "object" &&
    body !== null &&
    "data" in body &&
    Array.isArray(body.data) &&
    "has_more" in body &&
    typeof body.has_more === "boolean"
  );
}

function shapeOf(body: unknown): string {
  if (typeof body !== "object" || body === null) return `JSON ${body === null ? "null" : `of type ${typeof body}`}`;
  if (Array.isArray(body)) return "a JSON array";
  return `a JSON object with fields ${Object.keys(body).join(", ") || "(none)"}`;
}

/** Fetches the page the query names. Checks the query first; sends nothing if it is wrong. */
export async function fetchPage(
  transport: Transport,
  query: AdminApiKeysListQuery,
  options: RequestOptions | undefined,
): Promise<Page> {
  checkObject("list() parameters", query, false);
  checkFields("list()", query, LIST.query);
  const { data, response } = await transport.send(adminApiKeysList, query, "GET", options);
  if (!isPage(data)) {
    throw new APIError(
      `${response.status}: expected a page of keys ({ "data": [...], "has_more": true|false }), received ${shapeOf(data)}`,
      { status: response.status, headers: response.headers },
    );
  }
  // A page asked for "after X" that ends at X again is the previous page once more; following it
  // would loop, and handing it out would repeat its keys.
  if (query.after !== undefined && data.last_id === query.after) {
    throw new APIError(
      `Stopped listing keys: the page after ${transport.redact(JSON.stringify(query.after))} ends at that same key; the server is repeating a page.`,
      { status: response.status, headers: response.headers },
    );
  }
  return new Page(data, response, query, transport, options);
}

/**
 * One page of admin API keys, as the server sent it, plus the way to the next page.
 * `JSON.stringify(page)` gives the server's list object.
 *
 * @example
 * ```ts
 * let page = await client.adminApiKeys.list({ limit: 100 });
 * for (;;) {
 *   for (const key of page.data) console.log(key.id);
 *   if (!page.hasNextPage()) break;
 *   page = await page.getNextPage();
 * }
 * ```
 */
export class Page implements ApiKeyList {
  /** Always `list`. */
  readonly object: "list";
  /** The keys on this page, in the requested order. */
  readonly data: AdminApiKey[];
  /** True when more keys follow this page. */
  readonly has_more: boolean;
  /** The ID of the first key on this page; null when the page is empty. */
  readonly first_id: string | null;
  /** The ID of the last key on this page: the `after` of the next page. */
  readonly last_id: string | null;
  readonly #response: Response;
  readonly #query: AdminApiKeysListQuery;
  readonly #transport: Transport;
  readonly #options: RequestOptions | undefined;

  /** @internal Pages come from `client.adminApiKeys.list()`. */
  constructor(
    list: ApiKeyList,
    response: Response,
    query: AdminApiKeysListQuery,
    transport: Transport,
    options: RequestOptions | undefined,
  ) {
    this.object = "list";
    this.data = list.data;
    this.has_more = list.has_more;
    this.first_id = list.first_id ?? null;
    this.last_id = list.last_id ?? null;
    this.#response = response;
    this.#query = query;
    this.#transport = transport;
    this.#options = options;
  }

  /** True when the server said more keys follow. */
  hasNextPage(): boolean {
    return this.has_more;
  }

  /**
   * Fetches the page after this one (`after` = this page's `last_id`). Rejects with an `APIError`
   * when the server said `has_more` but sent no keys or no `last_id`, since asking again would loop.
   */
  async getNextPage(): Promise<Page> {
    if (!this.has_more) {
      throw new Error("This is the last page (has_more is false); check hasNextPage() before getNextPage().");
    }
    return fetchPage(this.#transport, { ...this.#query, after: this.#nextCursor() }, this.#options);
  }

  #nextCursor(): string {
    if (this.data.length > 0 && typeof this.last_id === "string" && this.last_id !== "") return this.last_id;
    const after = this.#query.after;
    const where = after === undefined ? "the first page" : `the page after ${this.#transport.redact(JSON.stringify(after))}`;
    const problem = this.data.length === 0 ? "holds no keys" : "has no last_id";
    throw new APIError(
      `Stopped listing keys: the server said has_more, but ${where} ${problem}; asking again would repeat it.`,
      { status: this.#response.status, headers: this.#response.headers },
    );
  }
}

/**
 * What `client.adminApiKeys.list()` returns. Nothing is sent until it is used:
 * - `await` it for the first {@link Page};
 * - `for await (const key of it)` for every key, across all pages;
 * - `it.pages()` for every page;
 * - `it.toArray({ max })` for the keys in an array.
 *
 * @example
 * ```ts
 * for await (const key of client.adminApiKeys.list({ limit: 100 })) console.log(key.id, key.name);
 * const newest = await client.adminApiKeys.list({ order: "desc" }).toArray({ max: 5 });
 * ```
 */
export class PagePromise implements PromiseLike<Page>, AsyncIterable<AdminApiKey> {
  readonly #transport: Transport;
  readonly #query: AdminApiKeysListQuery;
  readonly #options: RequestOptions | undefined;
  #firstPage: Promise<Page> | undefined;

  /** @internal Made by `client.adminApiKeys.list()`. */
  constructor(transport: Transport, query: AdminApiKeysListQuery, options: RequestOptions | undefined) {
    this.#transport = transport;
    this.#query = query;
    this.#options = options;
  }

  // Awaiting keeps the first page (it is what was asked for); iterating does not keep any page.
  #first(): Promise<Page> {
    return (this.#firstPage ??= fetchPage(this.#transport, this.#query, this.#options));
  }

  /** Resolves to the first page. */
  then<Fulfilled = Page, Rejected = never>(
    onfulfilled?: ((page: Page) => Fulfilled | PromiseLike<Fulfilled>) | null,
    onrejected?: ((reason: unknown) => Rejected | PromiseLike<Rejected>) | null,
  ): Promise<Fulfilled | Rejected> {
    return this.#first().then(onfulfilled, onrejected);
  }

  /** Like `Promise.prototype.catch`, for the first page. */
  catch<Rejected = never>(onrejected?: ((reason: unknown) => Rejected | PromiseLike<Rejected>) | null): Promise<Page | Rejected> {
    return this.#first().catch(onrejected);
  }

  /** Every page in turn, fetching each only when the one before has been handled. */
  async *pages(): AsyncGenerator<Page, void, undefined> {
    let page = await (this.#firstPage ?? fetchPage(this.#transport, this.#query, this.#options));
    yield page;
    while (page.hasNextPage()) {
      page = await page.getNextPage();
      yield page;
    }
  }

  /** Every key on every page, in order. */
  async *[Symbol.asyncIterator](): AsyncGenerator<AdminApiKey, void, undefined> {
    for await (const page of this.pages()) {
      for (const key of page.data) yield key;
    }
  }

  /**
   * Collects the keys into an array: all of them, or the first `max`. Stops fetching as soon as it
   * has `max` keys.
   */
  async toArray(options?: { max?: number | undefined }): Promise<AdminApiKey[]> {
    const max = options?.max ?? Number.POSITIVE_INFINITY;
    if (max !== Number.POSITIVE_INFINITY && !(Number.isSafeInteger(max) && max >= 1)) {
      throw new InvalidParameterError("max", `max must be an integer of at least 1; got ${String(max)}`);
    }
    const keys: AdminApiKey[] = [];
    for await (const page of this.pages()) {
      for (const key of page.data) {
        keys.push(key);
        if (keys.length >= max) return keys;
      }
    }
    return keys;
  }
}
