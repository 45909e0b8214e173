// How the emulator words what it refuses: every keyword a parameter schema can fail on (today's
// spec uses only some; a spec that gains a pattern or a length bound gets the others), and the
// safe description of a wrong value in its option errors.

import { describe, expect, it } from "vitest";
import type { ValidationError } from "../../generated/validators.js";
import type { MockFault, MockServer } from "../../src/testing/index.js";
import { handlers } from "../../src/testing/handlers.js";
import { describeValue, unknownRoute } from "../../src/testing/mock-messages.js";
import { KeyStore } from "../../src/testing/store.js";
import { boundsWording, expected } from "../../src/testing/validation.js";
import { type CallOptions, LIST, call, mockApiFactory, rawExchange, serverFactory } from "./helpers.js";

const make = mockApiFactory();
const start = serverFactory();

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

  it("a parameter the table does not know: no bounds, and a number when a bound fails", () => {
    // The list query's limit has both bounds; the get operation has no query parameters at all.
    expect(expected("admin-api-keys-get", "limit", failure("type", { type: "integer" }))).toBe("an integer");
    expect(expected("admin-api-keys-get", "limit", failure("maximum", { limit: 5 }))).toBe("a number");
    // Nor are the members every object inherits parameters of the table.
    for (const name of ["__proto__", "constructor", "toString"]) {
      expect(expected("admin-api-keys-list", name, failure("maximum", { limit: 5 }))).toBe("a number");
    }
  });
});

// Today's spec has no parameter with only one bound; these hold the words for one that has.
describe("boundsWording(): a parameter's bounds, either possibly absent", () => {
  it.each<[unknown, unknown, string]>([
    [1, 100, " from 1 to 100"],
    [0, undefined, " of at least 0"],
    [undefined, 10, " of at most 10"],
    ["1", "10", ""],
    [undefined, undefined, ""],
  ])("minimum %o, maximum %o: %j", (minimum, maximum, words) => {
    expect(boundsWording(minimum, maximum)).toBe(words);
  });
});

describe("describeValue(): a wrong value, safely", () => {
  it.each<[unknown, string]>([
    ["short", '"short"'],
    ["x".repeat(50), `"${"x".repeat(40)}…"`],
    ["x".repeat(41), `"${"x".repeat(40)}…"`],
    ["x".repeat(40), `"${"x".repeat(40)}"`],
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

// Every error body the emulator sends, word for word: status, message, type, param and code.
describe("the error bodies", () => {
  // Each: what is asked, with what, and the status, param, code and message of the refusal.
  it.each<[string, string, CallOptions, number, string | null, string, string]>([
    ["no key", LIST, { key: null }, 401, null, "missing_api_key", "No API key provided. Send an admin key in the Authorization header as `Bearer <key>`."],
    ["an unknown key", LIST, { key: "sk-admin-unknown" }, 401, null, "invalid_api_key", "Incorrect API key provided."],
    ["another scheme", LIST, { key: null, headers: { authorization: "Basic abc" } }, 401, null, "invalid_api_key", "Incorrect API key provided: the Authorization header must be `Bearer <key>`."],
    ["a key id that names no key", `${LIST}/key_nope`, {}, 404, "key_id", "not_found", "No admin API key found with ID 'key_nope'."],
    ["deleting a key id that names no key", `${LIST}/key_nope`, { method: "DELETE" }, 404, "key_id", "not_found", "No admin API key found with ID 'key_nope'."],
    ["an unknown path", "/organization/projects", {}, 404, null, "unknown_url", "Invalid URL (GET /v1/organization/projects)"],
    ["a method the path does not take", LIST, { method: "PUT" }, 405, null, "method_not_allowed", "Method PUT is not allowed on /v1/organization/admin_api_keys; allowed: GET, POST."],
    ["an invalid query value", `${LIST}?limit=0`, {}, 400, "limit", "invalid_value", 'Invalid value for limit: expected an integer from 1 to 100; got "0".'],
    ["a body over maxBodyBytes", LIST, { method: "POST", body: { name: "longer than the limit" } }, 413, null, "request_too_large", "The request body is larger than 16 bytes."],
  ])("for %s", async (_label, path, options, status, param, code, message) => {
    const mock = make({ maxBodyBytes: 16 });
    const answer = await call(mock, path, options);
    expect(answer.status).toBe(status);
    expect(answer.json).toEqual({ error: { message, type: "invalid_request_error", param, code } });
  });

  it.each<[MockFault, number, Record<string, unknown>]>([
    [{ kind: "status", status: 429 }, 429, { message: "Rate limit reached for admin requests.", type: "requests", param: null, code: "rate_limit_exceeded" }],
    [{ kind: "status", status: 500 }, 500, { message: "The server had an error while processing your request.", type: "server_error", param: null, code: null }],
    [{ kind: "status", status: 503 }, 503, { message: "The server had an error while processing your request.", type: "server_error", param: null, code: null }],
    [{ kind: "status", status: 409 }, 409, { message: "Scripted failure with status 409.", type: "invalid_request_error", param: null, code: null }],
  ])("for a scripted %o without a body of its own", async (fault, status, error) => {
    const mock = make();
    mock.faults.add("admin-api-keys-list", fault);
    const answer = await call(mock, LIST);
    expect(answer.status).toBe(status);
    expect(answer.json).toEqual({ error });
  });

  it("for bytes that are not HTTP, over a socket", async () => {
    const server = await start();
    const reply = await rawExchange(server, "NOT HTTP AT ALL\r\n\r\n");
    expect(reply).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(JSON.parse(reply.slice(reply.indexOf("\r\n\r\n") + 4))).toEqual({
      error: { message: "Malformed HTTP request (Bad Request).", type: "invalid_request_error", param: null, code: "bad_http" },
    });
  });
});

