// The public types: derived from the generated components, and strict where users type by hand.

import { describe, expectTypeOf, it } from "vitest";
import type { components } from "../../generated/schema.js";
import {
  type AdminApiKey,
  type AdminApiKeyCreateParams,
  type AdminApiKeyCreateResponse,
  type AdminApiKeyDeleteResponse,
  type AdminApiKeyListParams,
  type ApiKeyList,
  APIConnectionError,
  APIError,
  APIUserAbortError,
  BadRequestError,
  InternalServerError,
  NotFoundError,
  PaginationError,
  createAdminKeysClient,
  type Page,
  type PagePromise,
  RateLimitError,
} from "../../src/index.js";

const client = createAdminKeysClient({ apiKey: "sk-admin-types" });

describe("public types", () => {
  it("come from the spec's components", () => {
    expectTypeOf<AdminApiKey>().toEqualTypeOf<components["schemas"]["AdminApiKey"]>();
    expectTypeOf<AdminApiKeyCreateResponse>().toEqualTypeOf<components["schemas"]["AdminApiKeyCreateResponse"]>();
    expectTypeOf<AdminApiKeyDeleteResponse>().toEqualTypeOf<components["schemas"]["AdminApiKeyDeleteResponse"]>();
    expectTypeOf<ApiKeyList>().toEqualTypeOf<components["schemas"]["ApiKeyList"]>();
    expectTypeOf<AdminApiKeyCreateParams>().toEqualTypeOf<components["schemas"]["AdminApiKeyCreateRequest"]>();
  });

  it("methods resolve to the spec's shapes", () => {
    expectTypeOf(client.adminApiKeys.retrieve("key_1")).resolves.toEqualTypeOf<AdminApiKey>();
    expectTypeOf(client.adminApiKeys.delete("key_1")).resolves.toEqualTypeOf<AdminApiKeyDeleteResponse>();
    expectTypeOf(client.adminApiKeys.create({ name: "n" })).resolves.toEqualTypeOf<AdminApiKeyCreateResponse>();
    expectTypeOf(client.adminApiKeys.create({ name: "n" })).resolves.toHaveProperty("value").toEqualTypeOf<string>();
    expectTypeOf(client.adminApiKeys.list()).toEqualTypeOf<PagePromise>();
  });

  it("a PagePromise awaits to a Page and iterates keys", () => {
    expectTypeOf<Awaited<PagePromise>>().toEqualTypeOf<Page>();
    expectTypeOf<PagePromise>().toMatchTypeOf<AsyncIterable<AdminApiKey>>();
    expectTypeOf<Page["data"]>().toEqualTypeOf<AdminApiKey[]>();
    expectTypeOf<Page>().toMatchTypeOf<ApiKeyList>();
    expectTypeOf(client.adminApiKeys.list().toArray()).resolves.toEqualTypeOf<AdminApiKey[]>();
  });

  it("parameters are checked by the compiler too", () => {
    expectTypeOf<AdminApiKeyListParams>().toEqualTypeOf<{ after?: string; order?: "asc" | "desc"; limit?: number }>();
    // @ts-expect-error order is "asc" | "desc"
    void client.adminApiKeys.list({ order: "newest" });
    // @ts-expect-error limit is a number
    void client.adminApiKeys.list({ limit: "10" });
    // @ts-expect-error name is required
    void client.adminApiKeys.create({});
    // @ts-expect-error keyId is a string
    void client.adminApiKeys.retrieve(42);
  });

  it("errors carry typed fields", () => {
    expectTypeOf<RateLimitError>().toMatchTypeOf<APIError>();
    expectTypeOf<APIError["status"]>().toEqualTypeOf<number | undefined>();
    expectTypeOf<APIError["requestId"]>().toEqualTypeOf<string | undefined>();
    expectTypeOf<APIError["headers"]>().toEqualTypeOf<Headers | undefined>();
  });

  it("each subclass narrows status, so a caught NotFoundError's status is a number", () => {
    expectTypeOf<NotFoundError["status"]>().toEqualTypeOf<404>();
    expectTypeOf<BadRequestError["status"]>().toEqualTypeOf<400>();
    expectTypeOf<RateLimitError["status"]>().toEqualTypeOf<429>();
    expectTypeOf<InternalServerError["status"]>().toEqualTypeOf<number>();
    expectTypeOf<APIConnectionError["status"]>().toEqualTypeOf<undefined>();
    expectTypeOf<APIUserAbortError["status"]>().toEqualTypeOf<undefined>();
    const status: number = ({} as NotFoundError).status;
    void status;
    // A PaginationError is not an HTTP failure: it has no status at all.
    expectTypeOf<PaginationError>().not.toHaveProperty("status");
  });
});
