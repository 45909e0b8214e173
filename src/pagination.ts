// Cursor pagination over `GET /organization/admin_api_keys`. A page knows how to fetch the page
// after it; iteration holds only the page in hand (and the cursors followed so far, one short
// string a page), so memory stays flat however many keys there are. Each cursor is checked before
// it is followed: a server that would make us loop ends the iteration with a PaginationError.

import {
  type AdminApiKey,
  adminApiKeysList,
  type AdminApiKeysListQuery,
  type ApiKeyList,
  operationConstraints,
} from "../generated/client.js";
import { InvalidParameterError, PaginationError } from "./errors.js";
import { errorFromWrongShape, jsonShape } from "./exchange-errors.js";
import type { WithResponse } from "./api-promise.js";
import type { RequestOptions } from "./request-options.js";
import type { Transport } from "./transport.js";
import { checkFields, checkObject, isJsonObject } from "./validate.js";

const LIST = operationConstraints.adminApiKeysList;

function isPage(body: unknown): body is ApiKeyList {
  return (
    typeof body === "object" &&
    body !== null &&
    "data" in body &&
    Array.isArray(body.data) &&
    // A page's keys are read by everyone after this (a cursor from the last one, a table row, an
    // audit finding): an entry that is no object would fail there, far from the answer that held it.
    body.data.every(isJsonObject) &&
    "has_more" in body &&
    typeof body.has_more === "boolean"
  );
}

function shapeOf(body: unknown): string {
  const shape = jsonShape(body);
  const entries: unknown = typeof body === "object" && body !== null && "data" in body ? body.data : undefined;
  if (!Array.isArray(entries)) return shape;
  const index = entries.findIndex((entry) => !isJsonObject(entry));
  return index === -1 ? shape : `${shape}, whose data[${index}] is ${jsonShape(entries[index])}, not a key`;
}

/**
 * The cursors one chain of pages has followed, each with the page number it was followed from.
 * A cursor that comes back from a page at or after that number means the server is looping.
 * (Asking the same page for its next page twice is not a loop, so the number is kept.)
 */
type FollowedCursors = Map<string, number>;

/** Where a page sits in its chain: how many pages came before it and which cursors were followed. */
interface ChainPosition {
  readonly index: number;
  readonly followed: FollowedCursors;
}

/**
 * The cursor of the page after this one: its `last_id`, or, when the server left that out or
 * sent null (the spec allows both), the id of its last key, as the official SDK does. None for a
 * page without keys.
 */
function nextCursorOf(list: ApiKeyList): string | undefined {
  const lastKey = list.data.at(-1);
  // An empty page names no key to go on after, whatever its last_id says.
  if (lastKey === undefined) return undefined;
  if (typeof list.last_id === "string" && list.last_id !== "") return list.last_id;
  // The page came from a server; its records are checked, not trusted.
  const id: unknown = lastKey.id;
  return typeof id === "string" && id !== "" ? id : undefined;
}

/** The start of a chain; an `after` given by the caller counts as followed already. */
function firstPosition(query: AdminApiKeysListQuery): ChainPosition {
  const followed: FollowedCursors = new Map();
  // Stryker disable next-line ConditionalExpression: every cursor looked up later is a non-empty string, so an entry under an absent `after` would never be found
  if (typeof query.after === "string") followed.set(query.after, 0);
  return { index: 0, followed };
}

function checkQuery(query: AdminApiKeysListQuery): AdminApiKeysListQuery {
  checkObject("list() parameters", query);
  checkFields("list()", query, LIST.query);
  return query;
}

/** Fetches the page the query names, with its response. Checks the query first; sends nothing if it is wrong. */
async function fetchPage(
  transport: Transport,
  query: AdminApiKeysListQuery,
  options: RequestOptions | undefined,
  position: ChainPosition = firstPosition(query),
): Promise<WithResponse<Page>> {
  const { data, response, requestId } = await transport.send(adminApiKeysList, LIST, checkQuery(query), options);
  if (!isPage(data)) {
    const expected = 'a page of keys ({ "data": [...], "has_more": true|false })';
    throw errorFromWrongShape(response, expected, shapeOf(data), (text) => transport.redact(text));
  }
  const next = data.has_more ? checkProgress(data, requestId, query, position, transport) : undefined;
  return { data: new Page(data, query, transport, options, position, next, requestId), response, requestId };
}

function pageOf(outcome: WithResponse<Page>): Page {
  return outcome.data;
}

/**
 * The cursor a page with has_more goes on from; or the PaginationError that ends a chain whose next
 * step would loop or lead nowhere.
 */
function checkProgress(
  list: ApiKeyList,
  requestId: string | undefined,
  query: AdminApiKeysListQuery,
  position: ChainPosition,
  transport: Transport,
): string {
  const pages = position.index + 1;
  const where = query.after === undefined ? "the first page" : `the page after ${quoted(query.after, transport)}`;
  const next = nextCursorOf(list);
  if (next === undefined) {
    const problem = list.data.length === 0 ? "holds no keys" : "has no last_id and its last key no id";
    throw new PaginationError(
      `Stopped listing keys: the server said has_more, but ${where} ${problem}, so there is no cursor to go on from.`,
      { reason: list.data.length === 0 ? "empty-page" : "missing-cursor", pages, requestId },
    );
  }
  // A cursor not followed yet is followed from no page number, so from none at or before this one.
  const followedFrom = position.followed.get(next) ?? Number.POSITIVE_INFINITY;
  if (followedFrom <= position.index) {
    const cursor = transport.redact(next);
    throw new PaginationError(
      `Stopped listing keys after ${pages} pages: ${where} points on to ${quoted(next, transport)}, a cursor this listing has already followed; following it again would repeat keys forever.`,
      { reason: "repeated-cursor", cursor, pages, requestId },
    );
  }
  return next;
}

function quoted(cursor: string, transport: Transport): string {
  return transport.redact(JSON.stringify(cursor.length > 80 ? `${cursor.slice(0, 80)}…` : cursor));
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
  readonly #query: AdminApiKeysListQuery;
  readonly #transport: Transport;
  readonly #options: RequestOptions | undefined;
  readonly #position: ChainPosition;
  /** The `after` of the next page; none on the last page. */
  readonly #next: string | undefined;
  readonly #requestId: string | undefined;

  /** @internal Pages come from `client.adminApiKeys.list()`. */
  constructor(
    list: ApiKeyList,
    query: AdminApiKeysListQuery,
    transport: Transport,
    options: RequestOptions | undefined,
    position: ChainPosition,
    next: string | undefined,
    requestId: string | undefined,
  ) {
    this.object = "list";
    this.data = list.data;
    this.has_more = list.has_more;
    this.first_id = list.first_id ?? null;
    this.last_id = list.last_id ?? null;
    this.#query = query;
    this.#transport = transport;
    this.#options = options;
    this.#position = position;
    this.#next = next;
    this.#requestId = requestId;
  }

  /** The `x-request-id` of the response this page came in (redacted); not part of its JSON. */
  get requestId(): string | undefined {
    return this.#requestId;
  }

  /** True when the server said more keys follow. */
  hasNextPage(): boolean {
    return this.has_more;
  }

  /**
   * Fetches the page after this one: `after` is this page's `last_id`, or its last key's id when
   * the server sent no `last_id`. Rejects with a {@link PaginationError} when that page would
   * point back to a cursor this chain of pages has already followed, or says `has_more` with no keys.
   */
  async getNextPage(): Promise<Page> {
    // A page with has_more always has a cursor: fetchPage refused one without.
    const after = this.#next;
    if (after === undefined) {
      throw new InvalidParameterError(
        "getNextPage()",
        "getNextPage() must be called on a page with has_more: true (check hasNextPage() first); got the last page, has_more: false",
      );
    }
    const { index, followed } = this.#position;
    if (!followed.has(after)) followed.set(after, index + 1);
    return fetchPage(this.#transport, { ...this.#query, after }, this.#options, { index: index + 1, followed }).then(pageOf);
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
  #firstPage: Promise<WithResponse<Page>> | undefined;
  #page: Promise<Page> | undefined;

  /** @internal Made by `client.adminApiKeys.list()`. */
  constructor(transport: Transport, query: AdminApiKeysListQuery, options: RequestOptions | undefined) {
    this.#transport = transport;
    this.#query = query;
    this.#options = options;
  }

  // Awaiting keeps the first page (it is what was asked for); iterating does not keep any page.
  #first(): Promise<Page> {
    return (this.#page ??= this.withResponse().then(pageOf));
  }

  /** The first page, the `Response` it came in (body read) and its request id. */
  withResponse(): Promise<WithResponse<Page>> {
    return (this.#firstPage ??= fetchPage(this.#transport, this.#query, this.#options));
  }

  /** The raw `Response` of the first page, body unread; no `Page` is made of it. */
  async asResponse(): Promise<Response> {
    return this.#transport.sendForResponse(adminApiKeysList, LIST, checkQuery(this.#query), this.#options);
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
    let page = await (this.#page ?? fetchPage(this.#transport, this.#query, this.#options).then(pageOf));
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
