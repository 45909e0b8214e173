// The store behind every local server. Options checking refuses duplicate ids before they get
// here and create draws a fresh id until it is free, so the store's own refusal is the last guard
// against an emulator bug that would otherwise leave two records under one id.
import { describe, expect, it } from "vitest";
import type { AdminApiKey } from "../../generated/client.js";
import { KeyStore } from "../../src/testing/store.js";

function key(id: string, name: string): AdminApiKey {
  return {
    object: "organization.admin_api_key",
    id,
    name,
    redacted_value: "sk-admin...abc",
    created_at: 1_700_000_000,
    expires_at: null,
    owner: { type: "user", id: "user_1" },
  };
}

describe("KeyStore.insert", () => {
  it("refuses a second key under a stored id, naming it, and keeps the first", () => {
    const store = new KeyStore();
    store.insert(key("key_1", "first"), "sk-admin-first", true);
    expect(() => store.insert(key("key_1", "second"), "sk-admin-second", true)).toThrow(new Error("A key with id 'key_1' is already stored."));
    expect(store.size).toBe(1);
    expect(store.createdCount).toBe(1);
    expect(store.get("key_1")?.name).toBe("first");
    expect(store.idForSecret("sk-admin-first")).toBe("key_1");
    expect(store.idForSecret("sk-admin-second")).toBeUndefined();
  });
});
