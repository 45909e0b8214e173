// The generated types against the example objects in the seeds (/work/shared/seeds, copied here
// as literals) and against wrong objects. Where a seed's object breaks our spec, the comment says
// how, the raw object is asserted to be rejected, and the corrected object to be accepted.
//
// Seed 000 (a generated API listing) has no example objects. Seed 001 prints the list's items as
// JSON strings; they are parsed into the literals below.

import { assertType, describe, expectTypeOf, it } from "vitest";
import type {
  AdminApiKey,
  AdminApiKeyCreateRequest,
  AdminApiKeyCreateResponse,
  AdminApiKeyDeleteResponse,
  AdminApiKeyOwner,
  AdminApiKeysDeletePath,
  AdminApiKeysGetPath,
  AdminApiKeysListQuery,
  ApiKeyList,
  ErrorResponse,
  ErrorSchema,
} from "../../generated/client.js";
import type { components, operations, paths } from "../../generated/schema.js";

describe("seed 001 (Perl client docs)", () => {
  it("list: the item parsed from its JSON string lacks expires_at, which our spec requires", () => {
    assertType<ApiKeyList>({
      data: [
        // @ts-expect-error expires_at is required (and nullable) in our spec; the seed's item omits it
        {
          object: "organization.admin_api_key",
          id: "key_abc",
          name: "Main Admin Key",
          redacted_value: "sk-admin...xyz",
          created_at: 1711471533,
          last_used_at: 1711471534,
          owner: { type: "user", object: "organization.user", id: "user_123", name: "John Doe", created_at: 1711471533, role: "owner" },
        },
      ],
      first_id: "key_abc",
      has_more: false,
      last_id: "key_xyz",
      object: "list",
    });
    assertType<ApiKeyList>({
      data: [
        {
          object: "organization.admin_api_key",
          id: "key_abc",
          name: "Main Admin Key",
          redacted_value: "sk-admin...xyz",
          created_at: 1711471533,
          expires_at: null,
          last_used_at: 1711471534,
          owner: { type: "user", object: "organization.user", id: "user_123", name: "John Doe", created_at: 1711471533, role: "owner" },
        },
      ],
      first_id: "key_abc",
      has_more: false,
      last_id: "key_xyz",
      object: "list",
    });
  });

  it("create request: valid as printed", () => {
    assertType<AdminApiKeyCreateRequest>({ name: "New Admin Key" });
  });

  it("create response: lacks expires_at; valid once it has it", () => {
    // @ts-expect-error expires_at is required in our spec; the seed omits it
    assertType<AdminApiKeyCreateResponse>({
      created_at: 1711471533,
      id: "key_abc",
      last_used_at: 1711471534,
      name: "Administration Key",
      object: "organization.admin_api_key",
      owner: { created_at: 1711471533, id: "sa_456", name: "My Service Account", object: "organization.user", role: "owner", type: "user" },
      redacted_value: "sk-admin...def",
      value: "sk-admin-1234abcd",
    });
    assertType<AdminApiKeyCreateResponse>({
      created_at: 1711471533,
      expires_at: null,
      id: "key_abc",
      last_used_at: 1711471534,
      name: "Administration Key",
      object: "organization.admin_api_key",
      owner: { created_at: 1711471533, id: "sa_456", name: "My Service Account", object: "organization.user", role: "owner", type: "user" },
      redacted_value: "sk-admin...def",
      value: "sk-admin-1234abcd",
    });
  });
});

describe("seed 002 (API reference page, retrieve)", () => {
  it("shows a secret `value` on a retrieved key and no expires_at; our spec has neither", () => {
    assertType<AdminApiKey>({
      object: "organization.admin_api_key",
      id: "key_abc",
      name: "Administration Key",
      redacted_value: "sk-admin...def",
      // @ts-expect-error a retrieved key carries no `value`: only the answer to create has it
      value: "sk-admin-1234abcd",
      created_at: 1711471533,
      owner: { type: "service_account", id: "sa_456", name: "My Service Account", created_at: 1711471533, role: "member" },
    });
    // Without `value` it is still invalid: expires_at is required in our spec.
    // @ts-expect-error expires_at is missing
    assertType<AdminApiKey>({
      object: "organization.admin_api_key",
      id: "key_abc",
      name: "Administration Key",
      redacted_value: "sk-admin...def",
      created_at: 1711471533,
      owner: { type: "service_account", id: "sa_456", name: "My Service Account", created_at: 1711471533, role: "member" },
    });
    assertType<AdminApiKey>({
      object: "organization.admin_api_key",
      id: "key_abc",
      name: "Administration Key",
      redacted_value: "sk-admin...def",
      created_at: 1711471533,
      expires_at: null,
      owner: { type: "service_account", id: "sa_456", name: "My Service Account", created_at: 1711471533, role: "member" },
    });
  });
});

describe("seed 003 (Java SDK page, list)", () => {
  it("list: its item lacks expires_at; valid once it has it", () => {
    assertType<ApiKeyList>({
      object: "list",
      data: [
        // @ts-expect-error expires_at is required in our spec; the seed's item omits it
        {
          object: "organization.admin_api_key",
          id: "key_abc",
          name: "Main Admin Key",
          redacted_value: "sk-admin...def",
          created_at: 1711471533,
          last_used_at: 1711471534,
          owner: { type: "service_account", object: "organization.service_account", id: "sa_456", name: "My Service Account", created_at: 1711471533, role: "member" },
        },
      ],
      first_id: "key_abc",
      last_id: "key_abc",
      has_more: false,
    });
    assertType<ApiKeyList>({
      object: "list",
      data: [
        {
          object: "organization.admin_api_key",
          id: "key_abc",
          name: "Main Admin Key",
          redacted_value: "sk-admin...def",
          created_at: 1711471533,
          expires_at: 1714063533,
          last_used_at: 1711471534,
          owner: { type: "service_account", object: "organization.service_account", id: "sa_456", name: "My Service Account", created_at: 1711471533, role: "member" },
        },
      ],
      first_id: "key_abc",
      last_id: "key_abc",
      has_more: false,
    });
  });

  it("list parameters: after, order (asc | desc) and limit, all optional", () => {
    assertType<AdminApiKeysListQuery>({});
    assertType<AdminApiKeysListQuery>({ after: "key_abc", order: "desc", limit: 20 });
  });
});

describe("objects the spec documents but the seeds do not show", () => {
  it("delete response, error response and path parameters", () => {
    assertType<AdminApiKeyDeleteResponse>({ id: "key_abc", object: "organization.admin_api_key.deleted", deleted: true });
    assertType<ErrorResponse>({ error: { message: "Incorrect API key provided.", type: "invalid_request_error", param: null, code: "invalid_api_key" } });
    assertType<AdminApiKeysGetPath>({ key_id: "key_abc" });
    assertType<AdminApiKeysDeletePath>({ key_id: "key_abc" });
  });
});

describe("wrong objects are rejected", () => {
  const owner: AdminApiKeyOwner = { type: "user", id: "user_123" };

  it("a missing required field", () => {
    // @ts-expect-error redacted_value is required
    assertType<AdminApiKey>({ object: "organization.admin_api_key", id: "key_abc", created_at: 1711471533, expires_at: null, owner });
    // @ts-expect-error name is required to create a key
    assertType<AdminApiKeyCreateRequest>({ expires_in_seconds: 60 });
    // @ts-expect-error deleted is required
    assertType<AdminApiKeyDeleteResponse>({ id: "key_abc", object: "organization.admin_api_key.deleted" });
    // @ts-expect-error param and code are required (nullable, not optional)
    assertType<ErrorSchema>({ message: "x", type: "server_error" });
    // @ts-expect-error key_id is required
    assertType<AdminApiKeysGetPath>({});
  });

  it("a wrong enum value", () => {
    // @ts-expect-error object is always "organization.admin_api_key"
    assertType<AdminApiKey>({ object: "organization.user", id: "key_abc", redacted_value: "sk-admin...def", created_at: 1711471533, expires_at: null, owner });
    // @ts-expect-error order is "asc" or "desc"
    assertType<AdminApiKeysListQuery>({ order: "newest" });
    // @ts-expect-error a list's object is "list"
    assertType<ApiKeyList>({ object: "page", data: [], has_more: false });
    // @ts-expect-error object is always "organization.admin_api_key.deleted"
    assertType<AdminApiKeyDeleteResponse>({ id: "key_abc", object: "organization.admin_api_key", deleted: true });
  });

  it("a string where a timestamp or number belongs", () => {
    // @ts-expect-error created_at is Unix seconds, a number
    assertType<AdminApiKey>({ object: "organization.admin_api_key", id: "key_abc", redacted_value: "sk-admin...def", created_at: "2024-03-26T16:45:33Z", expires_at: null, owner });
    // @ts-expect-error expires_at is Unix seconds or null
    assertType<AdminApiKey>({ object: "organization.admin_api_key", id: "key_abc", redacted_value: "sk-admin...def", created_at: 1711471533, expires_at: "1714063533", owner });
    // @ts-expect-error limit is an integer
    assertType<AdminApiKeysListQuery>({ limit: "20" });
    // @ts-expect-error expires_in_seconds is an integer
    assertType<AdminApiKeyCreateRequest>({ name: "k", expires_in_seconds: "60" });
  });
});

describe("the generated aliases name the schema types", () => {
  it("are the components and operations types, not copies", () => {
    expectTypeOf<AdminApiKey>().toEqualTypeOf<components["schemas"]["AdminApiKey"]>();
    expectTypeOf<ErrorSchema>().toEqualTypeOf<components["schemas"]["Error"]>();
    expectTypeOf<AdminApiKeysListQuery>().toEqualTypeOf<NonNullable<operations["admin-api-keys-list"]["parameters"]["query"]>>();
    expectTypeOf<paths["/organization/admin_api_keys/{key_id}"]["delete"]>().toEqualTypeOf<operations["admin-api-keys-delete"]>();
  });

  it("keep nullable fields nullable and optional fields optional", () => {
    expectTypeOf<AdminApiKey["expires_at"]>().toEqualTypeOf<number | null>();
    expectTypeOf<AdminApiKey["last_used_at"]>().toEqualTypeOf<number | null | undefined>();
    expectTypeOf<AdminApiKeyCreateResponse["value"]>().toEqualTypeOf<string>();
  });
});
