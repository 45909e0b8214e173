// The prefixes an adapter sharing a host (MSW) claims. Today's spec has one stem, so the cases
// that tell a covering stem from a sibling use templates of their own.
import { describe, expect, it } from "vitest";
import { coveringPrefixes, matchRoute, routePrefixes } from "../../src/testing/routing.js";

describe("matchRoute", () => {
  it.each([
    ["GET", "/v1/organization/admin_api_keys", { kind: "operation", operationId: "admin-api-keys-list", params: {} }],
    ["GET", "/v1/organization/admin_api_keys/key_%41", { kind: "operation", operationId: "admin-api-keys-get", params: { key_id: "key_A" } }],
    ["DELETE", "/v1/organization/admin_api_keys/key_1", { kind: "operation", operationId: "admin-api-keys-delete", params: { key_id: "key_1" } }],
    ["PATCH", "/v1/organization/admin_api_keys/key_1", { kind: "method-not-allowed", allowed: ["GET", "DELETE"] }],
    ["GET", "/v1/organization/admin_api_keys/%E0%A4%A", { kind: "bad-encoding", param: "key_id" }],
    // Only under the base path: another version's path that is otherwise the same is not routed.
    ["GET", "/v2/organization/admin_api_keys", { kind: "not-found" }],
    ["GET", "/organization/admin_api_keys", { kind: "not-found" }],
    ["GET", "/v1/organization/admin_api_keys/", { kind: "not-found" }],
    ["GET", "/v1/organization/admin_api_keys/a/b", { kind: "not-found" }],
  ])("%s %s", (method, path, match) => {
    expect(matchRoute(method, path)).toEqual(match);
  });
});

describe("coveringPrefixes", () => {
  it.each([
    [["/organization/admin_api_keys", "/organization/admin_api_keys/{key_id}"], ["/organization/admin_api_keys"]],
    // The longer template first: the shorter stem still covers it, and comes out alone.
    [["/a/b/{id}", "/a/{id}"], ["/a"]],
    // "/ab" starts with "/a" but lies beside it, not under it.
    [["/ab", "/a/b", "/a"], ["/a", "/ab"]],
    [["/z/y/x", "/z/{id}/w", "/q"], ["/z", "/q"]],
    [["/{id}"], ["/"]],
    // A parameter is a whole segment in braces; a brace on one side only is a literal.
    [["/x}/y", "/{x/y"], ["/x}/y", "/{x/y"]],
  ])("keeps of %j the stems no shorter one covers: %j", (templates, prefixes) => {
    expect(coveringPrefixes(templates)).toEqual(prefixes);
  });

  it("claims the spec's one stem", () => {
    expect(routePrefixes()).toEqual(["/organization/admin_api_keys"]);
  });
});
