// The parameter checks are driven by the generated constraint table; these cases cover the
// constraint kinds the table can hold, including ones today's spec does not use.
import { describe, expect, it } from "vitest";
import type { FieldConstraint } from "../../generated/client.js";
import { bodyProblem, checkParam, parseQuery } from "../../src/testing/validation.js";

function message(result: unknown): string {
  if (typeof result !== "object" || result === null || !("body" in result)) throw new Error("expected an error reply");
  return (result as { body: { error: { message: string } } }).body.error.message;
}

describe("checkParam", () => {
  it.each<[FieldConstraint, string, string]>([
    [{ required: false, type: "integer", minimum: 1 }, "0", "an integer of at least 1"],
    [{ required: false, type: "integer", maximum: 9 }, "10", "an integer of at most 9"],
    [{ required: false, type: "integer" }, "x", "expected an integer;"],
    [{ required: false, type: "string", minLength: 2 }, "a", "at least 2 characters"],
    [{ required: false, type: "string", minLength: 1 }, "", "at least 1 character;"],
    [{ required: false, type: "string", maxLength: 2 }, "abc", "at most 2 characters"],
    [{ required: false, type: "string", pattern: "^key_" }, "abc", "matching ^key_"],
    [{ required: false, type: "string", enum: ["a", "b"] }, "c", "one of a, b"],
  ])("refuses a value against %j, saying %s", (constraint, raw, expected) => {
    expect(message(checkParam("p", raw, constraint))).toContain(expected);
  });

  it("returns the parsed value when it passes", () => {
    expect(checkParam("limit", "+7", { required: false, type: "integer", minimum: 1, maximum: 10 })).toBe(7);
    expect(checkParam("id", "key_1", { required: true, type: "string", pattern: "^key_", minLength: 1, maxLength: 9 })).toBe("key_1");
  });

  it("shortens a long offending value in the message", () => {
    expect(message(checkParam("p", "x".repeat(100), { required: false, type: "integer" }))).toContain(`${"x".repeat(40)}…`);
  });
});

describe("parseQuery", () => {
  it("names a missing required parameter and fills defaults", () => {
    const missing = parseQuery(new URLSearchParams(""), { q: { required: true, type: "string" } });
    expect(missing.ok ? "" : message(missing.error)).toBe("Missing required parameter: q.");
    const filled = parseQuery(new URLSearchParams(""), { flag: { required: false, type: "boolean", default: true }, n: { required: false, type: "integer" } });
    expect(filled).toEqual({ ok: true, values: { flag: "true", n: undefined } });
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
