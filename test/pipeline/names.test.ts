import { describe, expect, it } from "vitest";
import { functionName, propertyKey, schemaTypeName } from "../../scripts/generate/names.js";
import { literal } from "../../scripts/generate/literal.js";

describe("functionName", () => {
  it.each([
    ["admin-api-keys-list", "adminApiKeysList"],
    ["organization.projects_list", "organizationProjectsList"],
    ["ListThings", "listThings"],
    ["2fa-reset", "op2faReset"],
    ["delete", "deleteOperation"],
    ["parse-json", "parseJsonOperation"],
  ])("%s → %s", (operationId, expected) => {
    expect(functionName(operationId)).toBe(expected);
  });
});

describe("schemaTypeName", () => {
  it.each([
    ["AdminApiKey", "AdminApiKey"],
    ["Error", "ErrorSchema"],
    ["Response", "ResponseSchema"],
    ["Record", "RecordSchema"],
    ["CallResult", "CallResultSchema"],
    ["api-key.list", "ApiKeyList"],
    ["2024Report", "Schema2024Report"],
  ])("%s → %s", (name, expected) => {
    expect(schemaTypeName(name)).toBe(expected);
  });
});

describe("literals", () => {
  it("quotes only keys that are not identifiers", () => {
    expect(propertyKey("key_id")).toBe("key_id");
    expect(propertyKey("x-request-id")).toBe('"x-request-id"');
  });

  it("writes data as a one-line TypeScript literal, leaving out undefined", () => {
    expect(literal({ required: true, type: "string", enum: ["asc", "desc"], minimum: undefined, "a-b": null })).toBe(
      '{ required: true, type: "string", enum: ["asc", "desc"], "a-b": null }',
    );
    expect(literal('say "hi"\n')).toBe('"say \\"hi\\"\\n"');
  });
});
