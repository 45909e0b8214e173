// Constraint extraction from schemas: refs followed, nullable anyOf unwrapped, allOf merged.

import { describe, expect, it } from "vitest";
import { fieldConstraint, isCursorPage, objectShape } from "../../scripts/generate/constraints.js";
import type { OpenApiDocument } from "../../scripts/generate/openapi.js";

const document: OpenApiDocument = {
  openapi: "3.1.0",
  info: { title: "t" },
  components: {
    schemas: {
      Name: { type: "string", minLength: 1, maxLength: 64, pattern: "^[a-z]+$" },
      Base: { type: "object", required: ["id"], properties: { id: { type: "string" } } },
      Page: {
        allOf: [
          { $ref: "#/components/schemas/Base" },
          { type: "object", required: ["data"], properties: { data: { type: "array", items: {} }, has_more: { type: "boolean" } } },
        ],
      },
    },
  },
};

describe("fieldConstraint", () => {
  it("follows a $ref and copies the bounds", () => {
    expect(fieldConstraint(document, { $ref: "#/components/schemas/Name" }, true)).toEqual({
      required: true,
      type: "string",
      minLength: 1,
      maxLength: 64,
      pattern: "^[a-z]+$",
    });
  });

  it("reads anyOf [X, null] as a nullable X", () => {
    const schema = { anyOf: [{ type: "integer", minimum: 0 }, { type: "null" }] };
    expect(fieldConstraint(document, schema, false)).toEqual({ required: false, type: "integer", nullable: true, minimum: 0 });
  });

  it("reads type [X, null] the same way", () => {
    expect(fieldConstraint(document, { type: ["string", "null"] }, false)).toEqual({ required: false, type: "string", nullable: true });
  });

  it("takes an enum's values, its default, and a const as a one-value enum", () => {
    expect(fieldConstraint(document, { type: "string", enum: ["asc", "desc"], default: "asc" }, false)).toEqual({
      required: false,
      type: "string",
      enum: ["asc", "desc"],
      default: "asc",
    });
    expect(fieldConstraint(document, { const: "list" }, true)).toEqual({ required: true, type: "string", enum: ["list"] });
  });

  it("explains a field with no single type instead of guessing one", () => {
    expect(fieldConstraint(document, { anyOf: [{ type: "string" }, { type: "integer" }] }, true)).toMatch(/has no single type/);
  });
});

describe("objectShape and isCursorPage", () => {
  it("merges allOf members' properties and required names", () => {
    const shape = objectShape(document, { $ref: "#/components/schemas/Page" });
    expect(shape.properties.map(([name]) => name)).toEqual(["id", "data", "has_more"]);
    expect([...shape.required].sort()).toEqual(["data", "id"]);
  });

  it("recognises a page by its data array and has_more boolean", () => {
    expect(isCursorPage(document, { $ref: "#/components/schemas/Page" })).toBe(true);
    expect(isCursorPage(document, { $ref: "#/components/schemas/Base" })).toBe(false);
  });
});
