// The parameter checks are driven by the generated constraint table; these cases cover the
// constraint kinds the table can hold, including ones today's spec does not use.
import { describe, expect, it } from "vitest";
import { bodyProblem, checkPath, parseQuery } from "../../src/testing/validation.js";

function message(result: unknown): string {
  if (typeof result !== "object" || result === null || !("body" in result)) throw new Error("expected an error reply");
  return (result as { body: { error: { message: string } } }).body.error.message;
}

// The query and path checks are the spec's own schemas (generated parameterValidators); these
// cases hold the wording of the 400 each kind of failure becomes.
describe("parseQuery, with the list operation's parameter validator", () => {
  const refusal = (query: string) => {
    const result = parseQuery(new URLSearchParams(query), "admin-api-keys-list");
    return result.ok ? "" : message(result.error);
  };

  it.each([
    ["limit=0", 'Invalid value for limit: expected an integer from 1 to 100; got "0".'],
    ["limit=101", 'Invalid value for limit: expected an integer from 1 to 100; got "101".'],
    ["limit=abc", 'Invalid value for limit: expected an integer from 1 to 100; got "abc".'],
    ["limit=0x10", 'Invalid value for limit: expected an integer from 1 to 100; got "0x10".'],
    ["order=newest", 'Invalid value for order: expected one of asc, desc; got "newest".'],
    ["limit=1&limit=2", "Invalid value for limit: give it once; it was given 2 times."],
  ])("refuses %s, saying %s", (query, expected) => {
    expect(refusal(query)).toBe(expected);
  });

  it("shortens a long offending value in the message", () => {
    expect(refusal(`limit=${"x".repeat(100)}`)).toContain(`"${"x".repeat(40)}…"`);
  });

  it("returns the values as their types, with the spec's defaults, ignoring names it does not define", () => {
    expect(parseQuery(new URLSearchParams("limit=%2B7&utm=a&utm=b"), "admin-api-keys-list")).toEqual({
      ok: true,
      values: { limit: 7, order: "asc", utm: "a" },
    });
    expect(parseQuery(new URLSearchParams(""), "admin-api-keys-list")).toEqual({ ok: true, values: { order: "asc", limit: 20 } });
  });
});

describe("checkPath, with the get operation's parameter validator", () => {
  it("passes a key id and names an empty one", () => {
    expect(checkPath({ key_id: "key_1" }, "admin-api-keys-get")).toBeUndefined();
    expect(message(checkPath({ key_id: "" }, "admin-api-keys-get"))).toBe('Invalid value for key_id: expected at least 1 character; got "".');
    expect(message(checkPath({}, "admin-api-keys-delete"))).toContain("key_id");
  });
});

describe("bodyProblem", () => {
  it("names nested fields with dots and falls back when the validator gives no message", () => {
    const nested = bodyProblem({}, [{ instancePath: "/owner", schemaPath: "", keyword: "required", params: { missingProperty: "id" } }]);
    expect(message(nested)).toBe("Missing required parameter: owner.id.");
    const bare = bodyProblem({}, [{ instancePath: "/a/b", schemaPath: "", keyword: "minimum", params: {} }]);
    expect(message(bare)).toBe("Invalid value for a.b: not allowed by the schema.");
    expect(message(bodyProblem("x", null))).toContain("a string");
  });
});

describe("isJsonContentType", () => {
  it("accepts application/json with parameters and +json types, and nothing else", async () => {
    const { isJsonContentType } = await import("../../src/testing/body.js");
    expect(isJsonContentType("application/json")).toBe(true);
    expect(isJsonContentType(" APPLICATION/JSON ; charset=utf-8")).toBe(true);
    expect(isJsonContentType("application/merge-patch+json")).toBe(true);
    expect(isJsonContentType(undefined)).toBe(false);
    expect(isJsonContentType("text/json")).toBe(false);
    expect(isJsonContentType("application/jsonx")).toBe(false);
  });
});
