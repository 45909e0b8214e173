// The parameter checks are driven by the generated constraint table; these cases cover the
// constraint kinds the table can hold, including ones today's spec does not use.
import { describe, expect, it } from "vitest";
import { bodyProblem, checkPath, parameterProblem, parseQuery } from "../../src/testing/validation.js";

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

  it.each([
    [100, `"${"x".repeat(40)}…"`],
    [41, `"${"x".repeat(40)}…"`],
    [40, `"${"x".repeat(40)}"`],
  ])("quotes an offending value of %i characters as %s", (length, quoted) => {
    expect(refusal(`limit=${"x".repeat(length)}`)).toBe(`Invalid value for limit: expected an integer from 1 to 100; got ${quoted}.`);
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
    expect(checkPath({}, "admin-api-keys-delete")).toMatchObject({
      status: 400,
      body: { error: { param: "key_id", message: "Missing required parameter: key_id.", code: "missing_required_parameter" } },
    });
  });
});

// Today's spec has no required query parameter and no parameter with one bound only; these cases
// hold the wording the same code gives a spec that has them.
describe("parameterProblem", () => {
  it.each([
    [
      "a missing required parameter",
      [{ instancePath: "", schemaPath: "", keyword: "required", params: { missingProperty: "project_id" } }],
      { param: "project_id", message: "Missing required parameter: project_id.", code: "missing_required_parameter" },
    ],
    [
      "a value out of bounds, quoted as given",
      [{ instancePath: "/limit", schemaPath: "", keyword: "maximum", params: { limit: 100 } }],
      { param: "limit", message: 'Invalid value for limit: expected an integer from 1 to 100; got "500".', code: "invalid_value" },
    ],
    ["no failure named (a validator that reports none)", null, { param: null, message: "Invalid parameters.", code: "invalid_value" }],
    ["an empty list of failures", [], { param: null, message: "Invalid parameters.", code: "invalid_value" }],
  ])("answers %s with a 400 saying so", (_, errors, error) => {
    expect(parameterProblem("admin-api-keys-list", { limit: "500" }, errors)).toEqual({
      status: 400,
      body: { error: { type: "invalid_request_error", ...error } },
    });
  });
});

describe("bodyProblem", () => {
  it.each([
    ["a body that is not an object", "x", [{ instancePath: "", schemaPath: "", keyword: "type", params: { type: "object" } }], null, "invalid_body", "The request body must be a JSON object; got a string."],
    ["no failure named", [1], null, null, "invalid_body", "The request body must be a JSON object; got an array."],
    ["a missing field", {}, [{ instancePath: "", schemaPath: "", keyword: "required", params: { missingProperty: "name" } }], "name", "missing_required_parameter", "Missing required parameter: name."],
    ["a wrong field", { name: 5 }, [{ instancePath: "/name", schemaPath: "", keyword: "type", params: {}, message: "must be string" }], "name", "invalid_value", "Invalid value for name: must be string."],
  ])("answers %s with a 400 saying so", (_, body, errors, param, code, message) => {
    expect(bodyProblem(body, errors)).toEqual({ status: 400, body: { error: { message, type: "invalid_request_error", param, code } } });
  });

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
