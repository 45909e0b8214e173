// The lean client's path serializer must give exactly what openapi-fetch's own gives, for every
// template and value, since it replaces it on every request (the paths test covers what reaches a
// server; this covers the templates the spec does not use yet).

import { defaultPathSerializer } from "openapi-fetch";
import { describe, expect, it } from "vitest";
import { serializePath } from "../../src/lean-fetch.js";

const BASE = "https://api.example.com/v1";

describe("serializePath matches openapi-fetch's defaultPathSerializer", () => {
  it.each<[string, Record<string, unknown>]>([
    ["/organization/admin_api_keys", {}],
    ["/organization/admin_api_keys/{key_id}", { key_id: "key_abc" }],
    ["/organization/admin_api_keys/{key_id}", { key_id: "../a/b?c#d %" }],
    ["/organization/admin_api_keys/{key_id}", { key_id: "$&$1ключ" }],
    ["/organization/admin_api_keys/{key_id}", { key_id: "" }],
    ["/items/{id}", { id: 42 }],
    ["/items/{id}", { id: true }],
    ["/items/{id}", {}],
    ["/items/{id}", { id: null }],
    ["/items/{id}/parts/{part}", { id: "a", part: "b/c" }],
    ["/items/{id}/same/{id}", { id: "x y" }],
    ["/items/{id}/parts/{part}", { id: "a" }],
    ["/items/{.label}", { label: "v" }],
    ["/items/{;matrix}", { matrix: "v" }],
    ["/items/{ids*}", { ids: ["a", "b"] }],
    ["/items/{ids}", { ids: ["a", "b"] }],
    ["/items/{filter}", { filter: { a: "1", b: "2" } }],
    ["/items/{unclosed", { unclosed: "v" }],
    ["/items/{}", { "": "v" }],
    ["/items/{a{b}", { "a{b": "v", b: "w" }],
    ["/items/{a.b}", { "a.b": "v" }],
    ["/items/{id}}", { id: "v" }],
  ])("%s with %j", (template, params) => {
    const url = `${BASE}${template}`;
    expect(serializePath(url, params)).toBe(defaultPathSerializer(url, params));
  });
});
