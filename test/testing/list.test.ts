import { describe, expect, it } from "vitest";
import { operationConstraints } from "../../generated/client.js";
import type { AdminApiKey } from "../../generated/client.js";
import { LIST, call, createKey, expectError, serverFactory } from "./helpers.js";

const start = serverFactory();
const limitBounds = operationConstraints.adminApiKeysList.query.limit;

function key(id: string, created_at: number): AdminApiKey {
  return {
    object: "organization.admin_api_key",
    id,
    name: id,
    redacted_value: "sk-admin...abc",
    created_at,
    expires_at: null,
    last_used_at: null,
    owner: { type: "user", object: "organization.user", id: "user_1", name: "U", created_at: 1, role: "owner" },
  };
}

describe("list", () => {
  it("orders by created_at, breaking ties by id, in both orders", async () => {
    const keys = [key("key_c", 200), key("key_a", 300), key("key_b", 200), key("key_d", 100)];
    const server = await start({ keys });
    const asc = await call(server, `${LIST}?limit=10`);
    expect(asc.json.data.map((k: AdminApiKey) => k.id)).toEqual(["key_d", "key_b", "key_c", "key_a"]);
    const desc = await call(server, `${LIST}?limit=10&order=desc`);
    expect(desc.json.data.map((k: AdminApiKey) => k.id)).toEqual(["key_a", "key_c", "key_b", "key_d"]);
    expect(asc.json).toMatchObject({ object: "list", first_id: "key_d", last_id: "key_a", has_more: false });
  });

  it("returns the default page size from the spec and says has_more exactly", async () => {
    const server = await start({ seed: 21 });
    const first = await call(server, LIST);
    expect(first.json.data).toHaveLength(limitBounds.default);
    expect(first.json.has_more).toBe(true);
    const second = await call(server, `${LIST}?after=${first.json.last_id}`);
    expect(second.json.data).toHaveLength(1);
    expect(second.json.has_more).toBe(false);
    expect(second.json.first_id).toBe(second.json.last_id);

    const exact = await start({ seed: 20 });
    expect((await call(exact, LIST)).json.has_more).toBe(false);
  });

  it("walks every key exactly once with after=last_id, ascending and descending", async () => {
    const server = await start({ seed: 250 });
    for (const order of ["asc", "desc"] as const) {
      const seen: string[] = [];
      let after: string | null = null;
      let requests = 0;
      for (;;) {
        const page = await call(server, `${LIST}?limit=100&order=${order}${after === null ? "" : `&after=${after}`}`);
        requests++;
        seen.push(...page.json.data.map((k: AdminApiKey) => k.id));
        expect(page.json.first_id).toBe(page.json.data[0].id);
        expect(page.json.last_id).toBe(page.json.data.at(-1).id);
        if (!page.json.has_more) break;
        after = page.json.last_id;
      }
      expect(requests).toBe(3);
      expect(new Set(seen).size).toBe(250);
      const expected = server.store.list(order).map((k) => k.id);
      expect(seen).toEqual(expected);
    }
  });

  it("answers an empty page with null ids", async () => {
    const server = await start();
    const page = await call(server, LIST);
    expect(page.json).toEqual({ object: "list", data: [], first_id: null, last_id: null, has_more: false });
    const last = server.store.size;
    expect(last).toBe(0);
  });

  it("gives an empty last page after the final key, in either order", async () => {
    const server = await start({ seed: 3 });
    const [oldest, , newest] = server.store.list();
    expect((await call(server, `${LIST}?after=${newest?.id}`)).json).toMatchObject({ data: [], has_more: false, first_id: null });
    expect((await call(server, `${LIST}?order=desc&after=${oldest?.id}`)).json).toMatchObject({ data: [], has_more: false });
  });

  it("accepts the spec's limit bounds and refuses values outside them, naming limit", async () => {
    const server = await start({ seed: 120 });
    expect((await call(server, `${LIST}?limit=${limitBounds.minimum}`)).json.data).toHaveLength(1);
    expect((await call(server, `${LIST}?limit=${limitBounds.maximum}`)).json.data).toHaveLength(limitBounds.maximum);
    for (const bad of [String(limitBounds.minimum - 1), String(limitBounds.maximum + 1), "abc", "1.5", "", "1e2", "-1", "0x10"]) {
      const answer = await call(server, `${LIST}?limit=${encodeURIComponent(bad)}`);
      expectError(answer, 400, "limit");
      expect(answer.json.error.message).toContain(`${limitBounds.minimum} to ${limitBounds.maximum}`);
    }
    expectError(await call(server, `${LIST}?limit=5&limit=6`), 400, "limit");
  });

  it("refuses an order outside the spec's enum, naming order and the allowed values", async () => {
    const server = await start({ seed: 2 });
    const answer = await call(server, `${LIST}?order=newest`);
    expectError(answer, 400, "order");
    expect(answer.json.error.message).toContain("asc, desc");
  });

  it("refuses an unknown or deleted after id, naming after", async () => {
    const server = await start({ seed: 5 });
    expectError(await call(server, `${LIST}?after=key_nope`), 400, "after");
    const created = await createKey(server);
    await call(server, `${LIST}/${created.id}`, { method: "DELETE" });
    expectError(await call(server, `${LIST}?after=${created.id}`), 400, "after");
    expectError(await call(server, `${LIST}?after=`), 400, "after");
  });

  it("ignores query parameters the spec does not define", async () => {
    const server = await start({ seed: 2 });
    expect((await call(server, `${LIST}?limit=1&foo=bar`)).json.data).toHaveLength(1);
  });

  it("never includes a key's secret value", async () => {
    const server = await start();
    await createKey(server);
    const page = await call(server, LIST);
    expect(page.json.data).toHaveLength(1);
    expect(page.json.data[0]).not.toHaveProperty("value");
    expect(page.text).not.toContain("sk-admin-");
  });

  it("pages through 20,000 keys in sorted order without repeats", async () => {
    const server = await start({ seed: 20_000 });
    let after = "";
    let previous: AdminApiKey | undefined;
    let total = 0;
    for (;;) {
      const page = await call(server, `${LIST}?limit=100${after}`);
      for (const k of page.json.data as AdminApiKey[]) {
        if (previous !== undefined) {
          expect(k.created_at > previous.created_at || (k.created_at === previous.created_at && k.id > previous.id)).toBe(true);
        }
        previous = k;
        total++;
      }
      if (!page.json.has_more) break;
      after = `&after=${page.json.last_id}`;
    }
    expect(total).toBe(20_000);
    expect(server.requests.count("admin-api-keys-list")).toBe(200);
  });
});
