// The parameter validators in generated/validators.ts, as the local server would call them: an
// object of the strings a URL carries, checked against the spec's parameter schemas, converted to
// their types, with the spec's defaults filled in.

import { describe, expect, it } from "vitest";
import { parameterValidators, schemaValidators, type ValidationError } from "../../generated/validators.js";

const list = parameterValidators["admin-api-keys-list"].query;
const keyPath = parameterValidators["admin-api-keys-get"].path;

/** The validator's verdict, the object as it left it, and what it found wrong. */
function check(validate: typeof list, values: Record<string, unknown>) {
  const ok = validate(values);
  return { ok, values, errors: validate.errors };
}

const brief = (errors: ValidationError[] | null | undefined) =>
  (errors ?? []).map(({ instancePath, keyword, params }) => ({ instancePath, keyword, params }));

describe("parameterValidators: the list operation's query", () => {
  it("passes valid values, turned into the schema's types", () => {
    expect(check(list, { limit: "5", order: "desc", after: "key_abc" })).toEqual({
      ok: true,
      values: { limit: 5, order: "desc", after: "key_abc" },
      errors: null,
    });
  });

  it("fills in the spec's defaults for what is absent, and adds nothing else", () => {
    expect(check(list, {})).toEqual({ ok: true, values: { order: "asc", limit: 20 }, errors: null });
  });

  it("refuses a value out of range, naming the parameter and the bound", () => {
    const zero = check(list, { limit: "0" });
    expect(zero.ok).toBe(false);
    expect(brief(zero.errors)).toEqual([{ instancePath: "/limit", keyword: "minimum", params: { comparison: ">=", limit: 1 } }]);
    expect(brief(check(list, { limit: "101" }).errors)).toEqual([
      { instancePath: "/limit", keyword: "maximum", params: { comparison: "<=", limit: 100 } },
    ]);
  });

  it("refuses a value that is not of the type, leaving it as it came", () => {
    for (const raw of ["abc", "", "1.5", "Infinity", "-Infinity", "NaN", "true"]) {
      const result = check(list, { limit: raw });
      expect(result.ok, raw).toBe(false);
      expect(brief(result.errors), raw).toEqual([{ instancePath: "/limit", keyword: "type", params: { type: "integer" } }]);
      expect(result.values.limit, raw).toBe(raw);
    }
  });

  it("reads an integer only as a client writes one: not as hex, an exponent or with spaces", () => {
    // ajv alone would read each of these as a number ("0x10" as 16, "1e2" as 100).
    for (const raw of ["0x10", "1e2", " 5", "5 ", "0b11", "1_000", "٣"]) {
      const result = check(list, { limit: raw });
      expect(result.ok, raw).toBe(false);
      expect(brief(result.errors), raw).toEqual([{ instancePath: "/limit", keyword: "type", params: { type: "integer" } }]);
      expect(result.values.limit, raw).toBe(raw);
    }
    for (const [raw, value] of [["+5", 5], ["05", 5], ["100", 100]] as const) {
      expect(check(list, { limit: raw }), raw).toMatchObject({ ok: true, values: { limit: value } });
    }
  });

  it("refuses a value outside the enum", () => {
    const result = check(list, { order: "newest" });
    expect(result.ok).toBe(false);
    expect(brief(result.errors)).toEqual([{ instancePath: "/order", keyword: "enum", params: { allowedValues: ["asc", "desc"] } }]);
  });

  it("reports every problem at once", () => {
    const result = check(list, { limit: "abc", order: "newest" });
    expect(brief(result.errors).map((error) => `${error.instancePath} ${error.keyword}`)).toEqual(["/order enum", "/limit type"]);
  });

  it("allows parameters the spec does not list, and leaves them as they are", () => {
    expect(check(list, { limit: "7", utm_source: "mail" })).toEqual({
      ok: true,
      values: { limit: 7, order: "asc", utm_source: "mail" },
      errors: null,
    });
  });

  it("clears errors after a passing call", () => {
    list({ limit: "abc" });
    expect(list.errors).not.toBeNull();
    list({ limit: "3" });
    expect(list.errors).toBeNull();
  });
});

describe("parameterValidators: path parameters", () => {
  it("passes a key ID and refuses an empty one", () => {
    expect(check(keyPath, { key_id: "key_abc" })).toEqual({ ok: true, values: { key_id: "key_abc" }, errors: null });
    expect(brief(check(keyPath, { key_id: "" }).errors)).toEqual([
      { instancePath: "/key_id", keyword: "minLength", params: { limit: 1 } },
    ]);
  });

  it("names a missing path parameter as required", () => {
    expect(brief(check(keyPath, {}).errors)).toEqual([{ instancePath: "", keyword: "required", params: { missingProperty: "key_id" } }]);
  });

  it("shares one validator between operations with the same parameters", () => {
    expect(parameterValidators["admin-api-keys-delete"].path).toBe(keyPath);
  });
});

describe("parameterValidators: coverage of the spec", () => {
  it("has query and path validators for every operation, accepting nothing-at-all where there are no parameters", () => {
    expect(Object.keys(parameterValidators)).toEqual(["admin-api-keys-list", "admin-api-keys-create", "admin-api-keys-get", "admin-api-keys-delete"]);
    const create = parameterValidators["admin-api-keys-create"];
    expect(check(create.query, {})).toEqual({ ok: true, values: {}, errors: null });
    expect(check(create.path, {})).toEqual({ ok: true, values: {}, errors: null });
  });

  it("leaves the body validators as they were: no coercion, no defaults", () => {
    const body = { name: 5 };
    expect(schemaValidators.AdminApiKeyCreateRequest(body)).toBe(false);
    expect(body).toEqual({ name: 5 });
  });
});
