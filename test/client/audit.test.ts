// auditKeys is pure: each rule, its bounds and its figure, table-tested without a server.
import { describe, expect, it } from "vitest";
import { type AdminApiKey, type AuditPolicy, DEFAULT_AUDIT_POLICY, InvalidParameterError, auditKey, auditKeys, checkAuditPolicy } from "../../src/index.js";

const NOW = 1_800_000_000_000;
const NOW_S = NOW / 1000;
const DAY = 86_400;
const OWNER = { type: "user" as const, object: "organization.user" as const, id: "user_ada", name: "Ada", role: "owner" };

/** A key created `createdDaysAgo` days before NOW, with the other dates given in days from NOW (negative: past). */
function key(id: string, createdDaysAgo: number, dates: { lastUsed?: number | null; expires?: number | null } = {}, name: string | null = `name of ${id}`): AdminApiKey {
  return {
    object: "organization.admin_api_key",
    id,
    name,
    redacted_value: "sk-admin...abc",
    created_at: NOW_S - createdDaysAgo * DAY,
    expires_at: dates.expires === undefined || dates.expires === null ? null : NOW_S + dates.expires * DAY,
    last_used_at: dates.lastUsed === undefined || dates.lastUsed === null ? null : NOW_S + dates.lastUsed * DAY,
    owner: OWNER,
  };
}

const findings = (keys: AdminApiKey[], policy: AuditPolicy) => auditKeys(keys, policy, { now: NOW }).map((f) => [f.keyId, f.rule, f.detail, f.seconds]);

describe("auditKeys, rule by rule", () => {
  it.each([
    // [case, key, policy, expected findings]
    ["used 143 days ago, over 90", key("k", 400, { lastUsed: -143, expires: 30 }), { unusedForSeconds: 90 * DAY }, [["k", "unused", "last used 143 days ago", 143 * DAY]]],
    ["used exactly 90 days ago: not more than 90", key("k", 400, { lastUsed: -90, expires: 30 }), { unusedForSeconds: 90 * DAY }, []],
    ["used 89 days ago", key("k", 400, { lastUsed: -89, expires: 30 }), { unusedForSeconds: 90 * DAY }, []],
    ["never used, created 120 days ago: counted from creation", key("k", 120, { expires: 30 }), { unusedForSeconds: 90 * DAY }, [["k", "unused", "never used; created 120 days ago", 120 * DAY]]],
    ["never used, created 10 days ago", key("k", 10, { expires: 30 }), { unusedForSeconds: 90 * DAY }, []],
    ["used exactly 1 day ago, against 1h: one day, singular", key("k", 400, { lastUsed: -1, expires: 30 }), { unusedForSeconds: 3600 }, [["k", "unused", "last used 1 day ago", DAY]]],
    ["unused for 5 hours against 1h", key("k", 1, { lastUsed: -5 / 24, expires: 30 }), { unusedForSeconds: 3600 }, [["k", "unused", "last used 5 hours ago", 5 * 3600]]],
    ["never expires", key("k", 1), { noExpiry: true }, [["k", "no-expiry", "never expires", null]]],
    ["expires: no-expiry says nothing", key("k", 1, { expires: 3 }), { noExpiry: true }, []],
    ["noExpiry false is off", key("k", 1), { noExpiry: false }, []],
    ["expires in 5 days, within 14", key("k", 1, { expires: 5 }), { expiringWithinSeconds: 14 * DAY }, [["k", "expiring", "expires in 5 days", 5 * DAY]]],
    ["expires in exactly 14 days: within", key("k", 1, { expires: 14 }), { expiringWithinSeconds: 14 * DAY }, [["k", "expiring", "expires in 14 days", 14 * DAY]]],
    ["expires in 15 days", key("k", 1, { expires: 15 }), { expiringWithinSeconds: 14 * DAY }, []],
    ["expires this very second: expired, not expiring", key("k", 30, { expires: 0 }), { expiringWithinSeconds: 14 * DAY }, [["k", "expiring", "expired under a minute ago", 0]]],
    ["expired 3 days ago", key("k", 30, { expires: -3 }), { expiringWithinSeconds: 14 * DAY }, [["k", "expiring", "expired 3 days ago", -3 * DAY]]],
    ["never expires is not expiring", key("k", 1), { expiringWithinSeconds: 14 * DAY }, []],
    ["created 200 days ago, over 180", key("k", 200, { lastUsed: -1, expires: 30 }), { olderThanSeconds: 180 * DAY }, [["k", "old", "created 200 days ago", 200 * DAY]]],
    ["created exactly 180 days ago", key("k", 180, { lastUsed: -1, expires: 30 }), { olderThanSeconds: 180 * DAY }, []],
    ["created 1 day ago", key("k", 1, { lastUsed: -1, expires: 30 }), { olderThanSeconds: 180 * DAY }, []],
    ["no rule: nothing", key("k", 900), {}, []],
  ] as const)("%s", (_case, input, policy, expected) => {
    expect(findings([input], policy)).toEqual(expected);
  });

  it("lists a key's findings in rule order, keys in the order given, naming key, name and owner", () => {
    const keys = [key("key_a", 400), key("key_b", 1, { lastUsed: 0, expires: 100 }), key("key_c", 200, { expires: 2 }, null)];
    const result = auditKeys(keys, DEFAULT_AUDIT_POLICY, { now: NOW });
    expect(result.map((f) => `${f.keyId} ${f.rule}`)).toEqual(["key_a unused", "key_a no-expiry", "key_a old", "key_c unused", "key_c expiring", "key_c old"]);
    expect(result[0]).toEqual({ keyId: "key_a", name: "name of key_a", owner: OWNER, rule: "unused", detail: "never used; created 400 days ago", seconds: 400 * DAY });
    expect(result[3]?.name).toBeNull();
  });

  it("applies the documented default policy: 90 days unused, no expiry, 14 days to expiry, 180 days old", () => {
    expect(DEFAULT_AUDIT_POLICY).toEqual({ unusedForSeconds: 90 * DAY, noExpiry: true, expiringWithinSeconds: 14 * DAY, olderThanSeconds: 180 * DAY });
    expect(Object.isFrozen(DEFAULT_AUDIT_POLICY)).toBe(true);
  });

  it("auditKey gives one key's findings, the same as auditKeys", () => {
    const one = key("key_a", 400);
    expect(auditKey(one, DEFAULT_AUDIT_POLICY, { now: NOW })).toEqual(auditKeys([one], DEFAULT_AUDIT_POLICY, { now: NOW }));
  });

  it("takes any iterable, without holding it", () => {
    function* generated(): Generator<AdminApiKey> {
      yield key("key_a", 400);
      yield key("key_b", 1, { lastUsed: 0, expires: 100 });
    }
    expect(auditKeys(generated(), { noExpiry: true }, { now: NOW }).map((f) => f.keyId)).toEqual(["key_a"]);
  });

  it("says under a minute for spans shorter than one", () => {
    expect(findings([key("k", 1, { lastUsed: -30 / DAY, expires: 10 })], { unusedForSeconds: 0 })).toEqual([["k", "unused", "last used under a minute ago", 30]]);
  });
});

describe("checkAuditPolicy", () => {
  it.each([
    [{ unusedForSeconds: -1 }, "unusedForSeconds", "unusedForSeconds must be a number of seconds, 0 or more; got -1"],
    [{ olderThanSeconds: Number.NaN }, "olderThanSeconds", "olderThanSeconds must be a number of seconds, 0 or more; got NaN"],
    [{ expiringWithinSeconds: "14d" }, "expiringWithinSeconds", "expiringWithinSeconds must be a number of seconds, 0 or more; got string"],
    [{ unusedForSeconds: "14" }, "unusedForSeconds", "unusedForSeconds must be a number of seconds, 0 or more; got string"],
    [{ olderThanSeconds: Number.POSITIVE_INFINITY }, "olderThanSeconds", "olderThanSeconds must be a number of seconds, 0 or more; got Infinity"],
    [{ noExpiry: "yes" }, "noExpiry", "noExpiry must be true or false; got string"],
  ])("refuses %j, naming the rule", (policy, param, message) => {
    const error: unknown = (() => {
      try {
        // The wrong types are the point: a caller without TypeScript can pass them.
        checkAuditPolicy(policy as AuditPolicy);
      } catch (thrown) {
        return thrown;
      }
    })();
    expect(error).toBeInstanceOf(InvalidParameterError);
    expect(error).toMatchObject({ param, message });
    expect(() => auditKeys([], policy as AuditPolicy, { now: NOW })).toThrow(message);
  });

  it.each([[null], ["strict"], [undefined], [90]])("refuses a policy that is not an object: %j", (policy) => {
    for (const audit of [() => checkAuditPolicy(policy as unknown as AuditPolicy), () => auditKeys([key("k", 400)], policy as unknown as AuditPolicy, { now: NOW })]) {
      const error: unknown = (() => {
        try {
          audit();
        } catch (thrown) {
          return thrown;
        }
      })();
      expect(error).toBeInstanceOf(InvalidParameterError);
      expect(error).toMatchObject({ param: "policy", message: "policy must be an object of rules" });
    }
  });
});
