// Pagination against a server that generates keys: request counts, the cursors sent, the ways to
// consume a list, the guards against a server that would make us loop, and flat memory.

import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { afterEach, describe, expect, it } from "vitest";
import { type AdminApiKey, AdminKeysError, APIError, createAdminKeysClient, InvalidParameterError, Page, PaginationError } from "../../src/index.js";
import { type Handler, keyObject, type ScriptedServer, sendJson, startServer } from "../helpers/scripted-server.js";

let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const id = (index: number) => `key_${String(index).padStart(6, "0")}`;

/** Serves `total` keys in creation order, honouring `after`, `limit` and `order` as the API does. */
function keyServer(total: number): Handler {
  return (req, res) => {
    const query = new URL(req.url, "http://x").searchParams;
    const limit = Number(query.get("limit") ?? 20);
    const descending = query.get("order") === "desc";
    const after = query.get("after");
    const position = after === null ? 0 : Number(after.slice(4)) + (descending ? -1 : 1);
    const indexes: number[] = [];
    for (let i = 0, at = descending && after === null ? total - 1 : position; i < limit && at >= 0 && at < total; i++) {
      indexes.push(at);
      at += descending ? -1 : 1;
    }
    const last = indexes.at(-1);
    sendJson(res, 200, {
      object: "list",
      data: indexes.map((index) => keyObject(id(index))),
      first_id: indexes.length ? id(indexes[0] ?? 0) : null,
      last_id: last === undefined ? null : id(last),
      has_more: last !== undefined && (descending ? last > 0 : last < total - 1),
    });
  };
}

async function keysFrom(handler: Handler) {
  server = await startServer(handler);
  return createAdminKeysClient({ apiKey: "sk-admin-pages", baseUrl: server.baseUrl, maxRetries: 0 }).adminApiKeys;
}

const afters = () => server?.requests.map((seen) => new URL(seen.url, "http://x").searchParams.get("after")) ?? [];

describe("for await over every key", () => {
  it.each([
    [0, 20, 1],
    [5, 20, 1],
    [20, 20, 1],
    [21, 20, 2],
    [250, 100, 3],
    [1000, 100, 10],
    [7, 1, 7],
  ])("%i keys at limit %i take exactly %i requests", async (total, limit, requests) => {
    const keys = await keysFrom(keyServer(total));
    const ids: string[] = [];
    for await (const key of keys.list({ limit })) ids.push(key.id);
    expect(ids).toEqual(Array.from({ length: total }, (_, i) => id(i)));
    expect(server?.requests).toHaveLength(requests);
  });

  it("asks each next page after the last_id of the page before", async () => {
    const keys = await keysFrom(keyServer(25));
    for await (const key of keys.list({ limit: 10 })) expect(key.object).toBe("organization.admin_api_key");
    expect(afters()).toEqual([null, id(9), id(19)]);
  });

  it("keeps the other parameters on every page", async () => {
    const keys = await keysFrom(keyServer(5));
    const ids: string[] = [];
    for await (const key of keys.list({ limit: 2, order: "desc" })) ids.push(key.id);
    expect(ids).toEqual([id(4), id(3), id(2), id(1), id(0)]);
    expect(server?.requests.map((seen) => seen.url)).toEqual([
      "/v1/organization/admin_api_keys?limit=2&order=desc",
      `/v1/organization/admin_api_keys?limit=2&order=desc&after=${id(3)}`,
      `/v1/organization/admin_api_keys?limit=2&order=desc&after=${id(1)}`,
    ]);
  });

  it("starts after the caller's own cursor", async () => {
    const keys = await keysFrom(keyServer(10));
    const all = await keys.list({ after: id(6), limit: 2 }).toArray();
    expect(all.map((key) => key.id)).toEqual([id(7), id(8), id(9)]);
  });

  it("stops fetching when the loop breaks", async () => {
    const keys = await keysFrom(keyServer(100));
    for await (const key of keys.list({ limit: 10 })) if (key.id === id(12)) break;
    expect(server?.requests).toHaveLength(2);
  });
});

describe("pages", () => {
  it("awaiting list() gives the first Page, and getNextPage() the next", async () => {
    const keys = await keysFrom(keyServer(3));
    const first = await keys.list({ limit: 2 });
    expect(first).toBeInstanceOf(Page);
    expect(first.data.map((key) => key.id)).toEqual([id(0), id(1)]);
    expect([first.has_more, first.first_id, first.last_id, first.hasNextPage()]).toEqual([true, id(0), id(1), true]);
    const second = await first.getNextPage();
    expect([second.has_more, second.first_id, second.last_id, second.hasNextPage()]).toEqual([false, id(2), id(2), false]);
    const error = (await second.getNextPage().catch((thrown: unknown) => thrown)) as InvalidParameterError;
    expect(error).toBeInstanceOf(InvalidParameterError);
    expect(error.param).toBe("getNextPage()");
    expect(error.message).toBe(
      "getNextPage() must be called on a page with has_more: true (check hasNextPage() first); got the last page, has_more: false",
    );
    expect(server?.requests).toHaveLength(2);
  });

  it("a Page serializes as the server's list object", async () => {
    const keys = await keysFrom(keyServer(1));
    const page = await keys.list();
    expect(JSON.parse(JSON.stringify(page))).toEqual({
      object: "list",
      data: [keyObject(id(0))],
      first_id: id(0),
      last_id: id(0),
      has_more: false,
    });
  });

  it("awaiting twice sends one request; .catch works like a promise's", async () => {
    const keys = await keysFrom(keyServer(3));
    const listing = keys.list();
    const [a, b] = await Promise.all([listing, listing]);
    expect(a).toBe(b);
    expect(await listing.catch(() => "failed")).toBe(a);
    expect(server?.requests).toHaveLength(1);
  });

  it("nothing is sent until the list is used", async () => {
    const keys = await keysFrom(keyServer(3));
    keys.list();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(server?.requests).toHaveLength(0);
  });

  it("pages() yields each page once", async () => {
    const keys = await keysFrom(keyServer(5));
    const sizes: number[] = [];
    for await (const page of keys.list({ limit: 2 }).pages()) sizes.push(page.data.length);
    expect(sizes).toEqual([2, 2, 1]);
    expect(server?.requests).toHaveLength(3);
  });

  it("pages() after an await reuses the first page", async () => {
    const keys = await keysFrom(keyServer(5));
    const listing = keys.list({ limit: 2 });
    const first = await listing;
    const pages: Page[] = [];
    for await (const page of listing.pages()) pages.push(page);
    expect(pages[0]).toBe(first);
    expect(server?.requests).toHaveLength(3);
  });
});

describe("toArray", () => {
  it("collects every key", async () => {
    const keys = await keysFrom(keyServer(45));
    expect(await keys.list({ limit: 20 }).toArray()).toHaveLength(45);
    expect(server?.requests).toHaveLength(3);
  });

  it.each([
    [25, 3],
    [20, 2],
    [1, 1],
    [500, 10],
  ])("stops at max %i keys after %i requests", async (max, requests) => {
    const keys = await keysFrom(keyServer(100));
    const some = await keys.list({ limit: 10 }).toArray({ max });
    expect(some).toHaveLength(Math.min(max, 100));
    expect(server?.requests).toHaveLength(requests);
  });
});

describe("a server that would make us loop ends the iteration with a PaginationError", () => {
  const page = (data: Record<string, unknown>[], rest: Record<string, unknown>) => ({ object: "list", data, ...rest });

  it("has_more with no keys: one request, then a PaginationError (not an APIError with status 200)", async () => {
    const keys = await keysFrom((_req, res) =>
      sendJson(res, 200, page([], { first_id: null, last_id: null, has_more: true }), { "x-request-id": "req_empty" }),
    );
    const error = (await keys.list().toArray().catch((thrown: unknown) => thrown)) as PaginationError;
    expect(error).toBeInstanceOf(PaginationError);
    expect(error).not.toBeInstanceOf(APIError);
    expect(error).toBeInstanceOf(AdminKeysError);
    expect(error.name).toBe("PaginationError");
    expect(error.reason).toBe("empty-page");
    expect(error.message).toBe(
      "Stopped listing keys: the server said has_more, but the first page holds no keys, so there is no cursor to go on from.",
    );
    expect("status" in error).toBe(false);
    expect(error.requestId).toBe("req_empty");
    expect(error.pages).toBe(1);
    expect(server?.requests).toHaveLength(1);
  });

  it("has_more with a non-null last_id but no keys is an empty page too: nothing to go on from", async () => {
    const keys = await keysFrom((_req, res) => sendJson(res, 200, page([], { first_id: null, last_id: "key_x", has_more: true })));
    const error = (await keys.list().toArray().catch((thrown: unknown) => thrown)) as PaginationError;
    expect(error).toBeInstanceOf(PaginationError);
    expect(error.reason).toBe("empty-page");
    expect(server?.requests).toHaveLength(1);
  });

  it("a page that repeats the cursor it was asked for: its keys are not handed out twice", async () => {
    // This server ignores `after` and always sends the first page.
    const keys = await keysFrom((_req, res) =>
      sendJson(res, 200, page([keyObject("key_a"), keyObject("key_b")], { first_id: "key_a", last_id: "key_b", has_more: true })),
    );
    const seen: string[] = [];
    const error = await (async () => {
      for await (const key of keys.list()) seen.push(key.id);
    })().catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(PaginationError);
    expect((error as PaginationError).reason).toBe("repeated-cursor");
    expect((error as PaginationError).cursor).toBe("key_b");
    expect((error as PaginationError).message).toBe(
      'Stopped listing keys after 2 pages: the page after "key_b" points on to "key_b", a cursor this listing has already followed; following it again would repeat keys forever.',
    );
    expect(seen).toEqual(["key_a", "key_b"]);
    expect(afters()).toEqual([null, "key_b"]);
  });

  it.each([[7], [""], [null]])("has_more with keys but no last_id and a last key id of %j: a PaginationError naming it", async (keyId) => {
    const keys = await keysFrom((_req, res) => sendJson(res, 200, page([{ ...keyObject("x"), id: keyId }], { first_id: null, has_more: true })));
    const error = (await keys.list().toArray().catch((thrown: unknown) => thrown)) as PaginationError;
    expect(error).toBeInstanceOf(PaginationError);
    expect(error.reason).toBe("missing-cursor");
    expect(error.message).toBe(
      "Stopped listing keys: the server said has_more, but the first page has no last_id and its last key no id, so there is no cursor to go on from.",
    );
    expect(server?.requests).toHaveLength(1);
  });

  it("a caller's own cursor counts as followed: a page after it that points back to it ends at once", async () => {
    const keys = await keysFrom((_req, res) => sendJson(res, 200, page([keyObject("key_a")], { first_id: "key_a", last_id: "key_s", has_more: true })));
    const error = (await keys.list({ after: "key_s" }).toArray().catch((thrown: unknown) => thrown)) as PaginationError;
    expect(error).toBeInstanceOf(PaginationError);
    expect(error.reason).toBe("repeated-cursor");
    expect(server?.requests).toHaveLength(1);
  });

  it.each([
    ["an 80-character cursor is quoted whole", "c".repeat(80), `"${"c".repeat(80)}"`],
    ["an 81-character cursor is cut at 80", "c".repeat(81), `"${"c".repeat(80)}…"`],
  ])("in the message, %s; the error's cursor is the whole cursor", async (_label, cursor, shown) => {
    const keys = await keysFrom((_req, res) => sendJson(res, 200, page([keyObject("key_a")], { first_id: "key_a", last_id: cursor, has_more: true })));
    const error = (await keys.list({ after: cursor }).toArray().catch((thrown: unknown) => thrown)) as PaginationError;
    expect(error).toBeInstanceOf(PaginationError);
    expect(error.message).toBe(
      `Stopped listing keys after 1 pages: the page after ${shown} points on to ${shown}, a cursor this listing has already followed; following it again would repeat keys forever.`,
    );
    expect(error.cursor).toBe(cursor);
  });

  /** Serves a ring of pages: the page after cursor `ring[i]` ends at `ring[i + 1]`, and the last one at `ring[0]`. */
  function ring(cursors: readonly string[]): Handler {
    return (req, res) => {
      const after = new URL(req.url, "http://x").searchParams.get("after");
      const at = after === null ? 0 : (cursors.indexOf(after) + 1) % cursors.length;
      const cursor = cursors[at] ?? "";
      sendJson(res, 200, page([keyObject(cursor)], { first_id: cursor, last_id: cursor, has_more: true }));
    };
  }

  it.each([
    [["key_A", "key_B"], 3],
    [["key_A", "key_B", "key_C"], 4],
    [["key_A", "key_B", "key_C", "key_D", "key_E"], 6],
  ])("a cycle through %j ends after one request more than the cycle, counted on the server", async (cursors, requests) => {
    const keys = await keysFrom(ring(cursors));
    const seen: string[] = [];
    const error = await (async () => {
      for await (const key of keys.list()) seen.push(key.id);
    })().catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(PaginationError);
    expect((error as PaginationError).reason).toBe("repeated-cursor");
    expect((error as PaginationError).cursor).toBe(cursors[0]);
    expect((error as PaginationError).pages).toBe(requests);
    expect(server?.requests).toHaveLength(requests);
    // Every key handed out once; the page that pointed back was not handed out.
    expect(seen).toEqual(cursors);
  });

  it("getNextPage() by hand meets the same guard, and asking one page twice is not a loop", async () => {
    const keys = await keysFrom(ring(["key_A", "key_B"]));
    const first = await keys.list();
    const second = await first.getNextPage();
    const again = await first.getNextPage();
    expect(again.last_id).toBe(second.last_id);
    await expect(second.getNextPage()).rejects.toBeInstanceOf(PaginationError);
    expect(server?.requests).toHaveLength(4);
  });

  it("asking an earlier page again after a later one went on is not a loop either", async () => {
    // key_A → key_B → key_C → (last page).
    const keys = await keysFrom((req, res) => {
      const after = new URL(req.url, "http://x").searchParams.get("after");
      const cursor = after === null ? "key_A" : after === "key_A" ? "key_B" : after === "key_B" ? "key_C" : undefined;
      if (cursor === undefined) return sendJson(res, 200, page([keyObject("key_D")], { first_id: "key_D", last_id: "key_D", has_more: false }));
      sendJson(res, 200, page([keyObject(cursor)], { first_id: cursor, last_id: cursor, has_more: true }));
    });
    const first = await keys.list();
    const second = await first.getNextPage();
    const third = await second.getNextPage();
    // The second page again: it points on to key_B, which the second page itself followed.
    const secondAgain = await first.getNextPage();
    expect(secondAgain.last_id).toBe("key_B");
    const thirdAgain = await secondAgain.getNextPage();
    expect(thirdAgain.last_id).toBe(third.last_id);
    expect((await thirdAgain.getNextPage()).last_id).toBe("key_D");
    expect(afters()).toEqual([null, "key_A", "key_B", "key_A", "key_B", "key_C"]);
  });

  it("a cursor counts from the first page it was followed from, though a later page follows it again", async () => {
    // A server whose answers change while the listing runs (keys created and revoked meanwhile):
    // the page after each request points on to these cursors, in the order the requests arrive.
    const nextCursors = ["key_A", "key_B", "key_X", "key_X", "key_Y", "key_Z", "key_X"];
    const keys = await keysFrom((_req, res, index) => {
      const cursor = nextCursors[index] ?? "key_end";
      sendJson(res, 200, page([keyObject(cursor)], { first_id: cursor, last_id: cursor, has_more: true }));
    });
    const first = await keys.list();
    const second = await first.getNextPage();
    const third = await second.getNextPage();
    // Page 2 again now points on to key_X, which page 3 pointed to as well.
    const secondAgain = await first.getNextPage();
    expect(secondAgain.last_id).toBe("key_X");
    // key_X is followed from page 2 first, so the page it leads to is page 3 ...
    expect((await secondAgain.getNextPage()).last_id).toBe("key_Y");
    // ... and following it from page 3 later does not make that page 4.
    expect((await third.getNextPage()).last_id).toBe("key_Z");
    // So page 3, fetched again after key_B, may not point on to key_X.
    const error = (await second.getNextPage().catch((thrown: unknown) => thrown)) as PaginationError;
    expect(error).toBeInstanceOf(PaginationError);
    expect(error.reason).toBe("repeated-cursor");
    expect(error.cursor).toBe("key_X");
    expect(error.pages).toBe(3);
    expect(error.message).toBe(
      'Stopped listing keys after 3 pages: the page after "key_B" points on to "key_X", a cursor this listing has already followed; following it again would repeat keys forever.',
    );
    expect(afters()).toEqual([null, "key_A", "key_B", "key_A", "key_X", "key_X", "key_B"]);
  });

  it.each([[null], [undefined], [""], [42]])(
    "has_more with keys and a last_id of %j goes on after the last key's id, as the official SDK does",
    async (lastId) => {
      const keys = await keysFrom((req, res) => {
        const after = new URL(req.url, "http://x").searchParams.get("after");
        const ids = after === null ? ["key_a", "key_b"] : after === "key_b" ? ["key_c"] : [];
        const rest: Record<string, unknown> = { first_id: ids[0] ?? null, has_more: after === null };
        if (lastId !== undefined) rest["last_id"] = after === null ? lastId : "key_c";
        sendJson(res, 200, page(ids.map((id) => keyObject(id)), rest));
      });
      const all = await keys.list().toArray();
      expect(all.map((key) => key.id)).toEqual(["key_a", "key_b", "key_c"]);
      expect(afters()).toEqual([null, "key_b"]);
    },
  );
});

describe("memory", () => {
  /** V8's collector, exposed at run time (the test runner starts workers without --expose-gc). */
  function collector(): () => void {
    setFlagsFromString("--expose-gc");
    const gc: unknown = runInNewContext("gc");
    if (typeof gc !== "function") throw new Error("gc is not available");
    return () => gc();
  }

  it("iteration holds only the page in hand: consumed pages are collected while it runs", async () => {
    const gc = collector();
    const keys = await keysFrom(keyServer(2000));
    const pages: WeakRef<Page>[] = [];
    let alive = -1;
    for await (const current of keys.list({ limit: 100 }).pages()) {
      pages.push(new WeakRef(current));
      if (!current.hasNextPage()) {
        // A new macrotask, so the WeakRefs made in earlier jobs can be cleared, then a full collection.
        await new Promise((resolve) => setImmediate(resolve));
        gc();
        alive = pages.filter((ref) => ref.deref() !== undefined).length;
      }
    }
    expect(pages).toHaveLength(20);
    // Only the last page, which the loop still holds, survives.
    expect(alive).toBe(1);
  });

  it("memory stays flat over 100,000 keys", async () => {
    const gc = collector();
    const keys = await keysFrom(keyServer(100_000));
    gc();
    const baseline = process.memoryUsage().heapUsed;
    let peak = 0;
    let count = 0;
    let last: AdminApiKey | undefined;
    for await (const key of keys.list({ limit: 100 })) {
      last = key;
      if (++count % 10_000 === 0) {
        gc();
        peak = Math.max(peak, process.memoryUsage().heapUsed - baseline);
      }
    }
    expect(count).toBe(100_000);
    expect(last?.id).toBe(id(99_999));
    expect(server?.requests).toHaveLength(1000);
    // 100,000 retained keys would take well over 50 MB; one page of 100 takes well under 1 MB.
    expect(peak).toBeLessThan(8 * 2 ** 20);
  }, 60_000);
});
