// How the emulator words what it refuses: every keyword a parameter schema can fail on (today's
// spec uses only some; a spec that gains a pattern or a length bound gets the others), and the
// safe description of a wrong value in its option errors.

import { describe, expect, it } from "vitest";
import type { ValidationError } from "../../generated/validators.js";
import { handlers } from "../../src/testing/handlers.js";
import { describeValue, unknownRoute } from "../../src/testing/mock-messages.js";
import { KeyStore } from "../../src/testing/store.js";
import { expected } from "../../src/testing/validation.js";

const failure = (keyword: string, params: Record<string, unknown>, message?: string): ValidationError => ({
  instancePath: "/p",
  schemaPath: "#",
  keyword,
  params,
  ...(message === undefined ? {} : { message }),
});

describe("expected(): the words for each failed keyword", () => {
  it.each<[string, ValidationError, string]>([
    ["a type error of an integer with the spec's bounds", failure("type", { type: "integer" }), "an integer from 1 to 100"],
    ["a bound of the same parameter", failure("minimum", { limit: 1 }), "an integer from 1 to 100"],
    ["a number without bounds", failure("type", { type: "number" }), "a number"],
    ["a boolean", failure("type", { type: "boolean" }), "true or false"],
    ["another type", failure("type", { type: "string" }), "a string"],
    ["an enum", failure("enum", { allowedValues: ["asc", "desc"] }), "one of asc, desc"],
    ["an enum without its values", failure("enum", {}), "one of the allowed values"],
    ["one character at least", failure("minLength", { limit: 1 }), "at least 1 character"],
    ["more characters at least", failure("minLength", { limit: 3 }), "at least 3 characters"],
    ["a length bound", failure("maxLength", { limit: 64 }), "at most 64 characters"],
    ["a pattern", failure("pattern", { pattern: "^key_" }), "a value matching ^key_"],
    ["another keyword, with ajv's message", failure("multipleOf", {}, "must be multiple of 5"), "must be multiple of 5"],
    ["another keyword, without one", failure("multipleOf", {}), "a value the spec allows"],
  ])("%s", (_label, error, words) => {
    const name = error.keyword === "type" && error.params["type"] === "integer" ? "limit" : error.keyword === "minimum" ? "limit" : "after";
    expect(expected("admin-api-keys-list", name, error)).toBe(words);
  });

  it("a bound of a parameter the spec gives only a minimum or only a maximum", () => {
    // The list query's limit has both; a parameter the table does not know has neither.
    expect(expected("admin-api-keys-get", "limit", failure("type", { type: "integer" }))).toBe("an integer");
  });
});

describe("describeValue(): a wrong value, safely", () => {
  it.each<[unknown, string]>([
    ["short", '"short"'],
    ["x".repeat(50), `"${"x".repeat(40)}…"`],
    [42, "42"],
    [true, "true"],
    [null, "null"],
    [undefined, "undefined"],
    [[1], "an array"],
    [{ a: 1 }, "an object"],
    [() => 1, "a function"],
    [Symbol("s"), "a symbol"],
  ])("%o → %s", (value, words) => {
    expect(describeValue(value)).toBe(words);
  });

  it("names the known routes in the unknown-route message", () => {
    expect(unknownRoute("GET /x")).toMatch(/^route must be "\*" or one of admin-api-keys-list, GET \/organization\/admin_api_keys, .*; got "GET \/x" \(an unknown route\)\.$/);
  });
});

describe("the get and delete handlers check their path parameter with the spec's schema", () => {
  it.each(["admin-api-keys-get", "admin-api-keys-delete"] as const)("%s refuses an empty key_id as a 400 naming it", (operationId) => {
    const reply = handlers[operationId]({
      store: new KeyStore(),
      params: { key_id: "" },
      search: new URLSearchParams(),
      body: undefined,
      nowSeconds: 0,
      owner: { type: "user", id: "u" },
    });
    expect(reply.status).toBe(400);
    expect("body" in reply ? reply.body.error : undefined).toMatchObject({ param: "key_id", message: 'Invalid value for key_id: expected at least 1 character; got "".' });
  });
});
