import { describe, expect, it } from "vitest";
import { operationConstraints } from "../../generated/client.js";
import type { AdminApiKey, AdminApiKeyOwner } from "../../generated/client.js";
import { createMockApi } from "../../src/testing/index.js";
import { seededKeys } from "../../src/testing/records.js";
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

  it.each([
    ["asc", 2, [2, 1], [true, false]],
    ["asc", 3, [3], [false]],
    ["desc", 2, [2, 1], [true, false]],
    ["desc", 3, [3], [false]],
    ["desc", 1, [1, 1, 1], [true, true, false]],
  ])("pages three keys %s by %i: page sizes %j, has_more %j", async (order, limit, sizes, more) => {
    const server = await start({ keys: [key("key_1", 100), key("key_2", 200), key("key_3", 300)] });
    const seen: string[] = [];
    const pages: { size: number; more: boolean }[] = [];
    let after = "";
    for (;;) {
      const page = await call(server, `${LIST}?order=${order}&limit=${limit}${after}`);
      seen.push(...page.json.data.map((k: AdminApiKey) => k.id));
      pages.push({ size: page.json.data.length, more: page.json.has_more });
      if (!page.json.has_more) break;
      after = `&after=${page.json.last_id}`;
    }
    expect(pages).toEqual(sizes.map((size, index) => ({ size, more: more[index] })));
    expect(seen).toEqual(order === "asc" ? ["key_1", "key_2", "key_3"] : ["key_3", "key_2", "key_1"]);
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

  it("refuses an unknown or deleted after id, naming after and what to pass", async () => {
    const server = await start({ seed: 5 });
    const refusal = async (after: string) => {
      const answer = await call(server, `${LIST}?after=${after}`);
      expectError(answer, 400, "after");
      return answer.json.error.message;
    };
    const created = await createKey(server);
    await call(server, `${LIST}/${created.id}`, { method: "DELETE" });
    expect(await refusal("key_nope")).toBe('Invalid value for after: no admin API key has ID "key_nope"; pass the last_id of a page.');
    expect(await refusal(created.id)).toBe(`Invalid value for after: no admin API key has ID "${created.id}"; pass the last_id of a page.`);
    expect(await refusal("")).toBe('Invalid value for after: no admin API key has ID ""; pass the last_id of a page.');
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

describe("the keys a server starts with", () => {
  const NOW = 1_800_000_000;
  const HOUR = 3600;
  const DAY = 86_400;
  const ownerMade = NOW - 500 * DAY;
  const ada: AdminApiKeyOwner = { type: "user", object: "organization.user", id: "user_seed_ada", name: "Ada Lovelace", role: "owner", created_at: ownerMade };
  const bot: AdminApiKeyOwner = {
    type: "service_account",
    object: "organization.service_account",
    id: "sa_seed_deploy",
    name: "Deploy bot",
    role: "member",
    created_at: ownerMade,
  };
  const grace: AdminApiKeyOwner = { type: "user", object: "organization.user", id: "user_seed_grace", name: "Grace Hopper", role: "owner", created_at: ownerMade };
  const seeded = (id: string, name: string, ending: string, created_at: number, lifetimeDays: number | null, last_used_at: number | null, owner: AdminApiKeyOwner) => ({
    object: "organization.admin_api_key",
    id,
    name,
    redacted_value: `sk-admin...${ending}`,
    created_at,
    expires_at: lifetimeDays === null ? null : created_at + lifetimeDays * DAY,
    last_used_at,
    owner,
  });

  it("seeds the same keys on every run: an hour apart in pairs, the newest an hour old, owners and lifetimes in turn", () => {
    expect(seededKeys(6, NOW)).toEqual([
      seeded("key_b5c4a8da494d5bcd", "CI pipeline 1", "eey", NOW - 4 * HOUR, null, null, ada),
      seeded("key_1a0ced8360dfbc3a", "Terraform 2", "9gv", NOW - 3 * HOUR, 90, 1_799_990_267, bot),
      seeded("key_4ed0daa08f8bc3ae", "Billing export 3", "f6l", NOW - 3 * HOUR, 365, 1_799_991_979, grace),
      seeded("key_7163f241ac22c831", "Audit sync 4", "vyz", NOW - 2 * HOUR, null, 1_799_997_500, ada),
      seeded("key_8c89f9b6d6d89a84", "Provisioning 5", "euv", NOW - 2 * HOUR, 90, null, bot),
      seeded("key_2fd047103c8bfcca", "On-call 6", "q9s", NOW - HOUR, 365, 1_799_997_102, grace),
    ]);
  });

  it("seeds ids of 16 hex digits, every 50th key without a name, and last use between creation and now", () => {
    const keys = seededKeys(100, NOW);
    for (const key of keys) expect(key.id).toMatch(/^key_[0-9a-f]{16}$/);
    // Zero-padded: some ids have a half that starts with 0.
    expect(keys.some((key) => /^key_(0|[0-9a-f]{8}0)/.test(key.id))).toBe(true);
    expect(keys.flatMap((key, index) => (key.name === null ? [index] : []))).toEqual([49, 99]);
    expect(keys[50]?.name).toBe("Billing export 51");
    for (const key of keys) {
      if (key.last_used_at === null || key.last_used_at === undefined) continue;
      expect(key.last_used_at).toBeGreaterThanOrEqual(key.created_at);
      expect(key.last_used_at).toBeLessThan(NOW);
    }
    expect(keys.filter((key) => key.last_used_at === null)).toHaveLength(25);
  });

  it("keeps the fields a partial key gives, filling in only the missing required ones", () => {
    const mock = createMockApi({
      keys: [{ id: "key_p", redacted_value: "sk-admin...xyz", last_used_at: 5, owner: { type: "user", id: "user_p" } }],
      now: () => NOW * 1000,
    });
    // toStrictEqual: no field left out is present as undefined either.
    expect(mock.store.get("key_p")).toStrictEqual({
      object: "organization.admin_api_key",
      id: "key_p",
      redacted_value: "sk-admin...xyz",
      created_at: NOW,
      expires_at: null,
      last_used_at: 5,
      owner: { type: "user", id: "user_p" },
    });
  });

  it("keeps a partial key's wrong object for the schema check, which refuses it", () => {
    expect(() => createMockApi({ keys: [{ id: "key_1", object: "organization.user" as "organization.admin_api_key" }] })).toThrow(
      new TypeError("options.keys[0] must match the spec's AdminApiKey schema; got a record where /object must be equal to one of the allowed values."),
    );
  });
});
