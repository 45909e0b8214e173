// The engine beyond single rules: nothing reported when nothing changed, prose-only edits are
// non-breaking, spellings of the same schema compare equal, shared and recursive schemas are
// reported once per operation.

import { beforeAll, describe, expect, it } from "vitest";
import { diffSpecs, hasBreak } from "../../scripts/spec-diff/engine.js";
import { isObject, type JsonObject, type JsonValue } from "../../scripts/spec/json-value.js";
import { LIST, loadSpec, mutated, ONE } from "./helpers.js";

let base: JsonObject;
beforeAll(async () => {
  base = await loadSpec();
});

/** Rewrites every description and summary in the document (examples aside: they are data). */
function rewordEverything(node: JsonValue): void {
  if (Array.isArray(node)) node.forEach(rewordEverything);
  else if (isObject(node)) {
    for (const [key, value] of Object.entries(node)) {
      if ((key === "description" || key === "summary") && typeof value === "string") node[key] = `Reworded: ${value}`;
      else if (key !== "examples") rewordEverything(value);
    }
  }
}

describe("diffSpecs", () => {
  it("reports nothing for an unchanged spec", async () => {
    const result = await diffSpecs(base, structuredClone(base));
    expect(result.changes).toEqual([]);
    expect(hasBreak(result.changes)).toBe(false);
  });

  it("reports an edit that only rewords descriptions as non-breaking description changes", async () => {
    const after = mutated(base, (spec) => rewordEverything(spec.root));
    const { changes } = await diffSpecs(base, after);
    expect(changes.length).toBeGreaterThan(20);
    expect(new Set(changes.map((change) => `${change.kind} ${change.rule}`))).toEqual(new Set(["non-breaking description-changed"]));
    expect(hasBreak(changes)).toBe(false);
    const limit = changes.find((change) => change.pointer === "/components/parameters/Limit/description");
    expect(limit).toMatchObject({ operation: "GET /organization/admin_api_keys", before: "How many keys one page holds at most.", after: "Reworded: How many keys one page holds at most." });
  });

  it("treats other spellings of the same schema as no change", async () => {
    const after = mutated(base, (spec) => {
      const key = spec.schema("AdminApiKey");
      const properties = spec.get("components", "schemas", "AdminApiKey", "properties");
      // anyOf [T, null] → OpenAPI 3.0 nullable, and → a type array
      properties.expires_at = { type: "integer", format: "unixtime", nullable: true, description: spec.property("AdminApiKey", "expires_at").description ?? null, example: 1714063533 };
      properties.name = { type: ["string", "null"], description: "The name given at creation.", example: "Main Admin Key" };
      // enum of one → const
      properties.object = { type: "string", const: "organization.admin_api_key", description: "Always `organization.admin_api_key`." };
      // $ref → the same schema written inline
      properties.owner = structuredClone(spec.schema("AdminApiKeyOwner"));
      // vendor extensions are not part of the contract
      key["x-oaiMeta"] = { name: "The admin API key object" };
      // a referenced parameter written inline
      const parameters = spec.list("paths", LIST, "get", "parameters");
      parameters[0] = structuredClone(spec.parameter("After"));
    });
    const { changes } = await diffSpecs(base, after);
    expect(changes).toEqual([]);
  });

  it("reports a change to a schema shared by every error response once per operation", async () => {
    const after = mutated(base, (spec) => {
      spec.schema("Error").required = ["type", "message", "param"];
    });
    const { changes } = await diffSpecs(base, after);
    expect(changes.map((change) => [change.operation, change.rule, change.pointer])).toEqual(
      ["GET /organization/admin_api_keys", "POST /organization/admin_api_keys", "GET /organization/admin_api_keys/{key_id}", "DELETE /organization/admin_api_keys/{key_id}"].map((operation) => [
        operation,
        "response-property-became-optional",
        "/components/schemas/Error/properties/code",
      ]),
    );
    expect(changes.every((change) => change.kind === "breaking")).toBe(true);
  });

  it("follows a recursive schema without looping", async () => {
    const recursive = mutated(base, (spec) => {
      spec.get("components", "schemas", "AdminApiKeyOwner", "properties").manager = { $ref: "#/components/schemas/AdminApiKeyOwner" };
    });
    const after = mutated(recursive, (spec) => {
      spec.property("AdminApiKeyOwner", "role").enum = ["owner", "member"];
    });
    const { changes } = await diffSpecs(recursive, after);
    expect(changes.map((change) => [change.operation, change.rule, change.pointer, change.kind])).toEqual(
      ["GET /organization/admin_api_keys", "POST /organization/admin_api_keys", "GET /organization/admin_api_keys/{key_id}"].map((operation) => [
        operation,
        "response-enum-changed",
        "/components/schemas/AdminApiKeyOwner/properties/role/enum",
        "breaking",
      ]),
    );
  });

  it("gives before and after values a reader can act on", async () => {
    const after = mutated(base, (spec) => {
      spec.get("components", "parameters", "Limit", "schema").maximum = 50;
      spec.get("components", "parameters", "Order", "schema").enum = ["desc"];
      spec.remove("paths", ONE, "delete");
    });
    const { changes } = await diffSpecs(base, after);
    const byRule = Object.fromEntries(changes.map((change) => [change.rule, change]));
    expect(byRule["request-bounds-narrowed"]).toMatchObject({ before: 100, after: 50, message: "The request maximum changed from 100 to 50." });
    expect(byRule["request-parameter-enum-value-removed"]).toMatchObject({ before: ["asc", "desc"], after: ["desc"] });
    expect(byRule["api-removed-without-deprecation"]).toMatchObject({ before: "admin-api-keys-delete", after: null, message: "DELETE /organization/admin_api_keys/{key_id} was removed." });
    expect(hasBreak(changes)).toBe(true);
  });

  it("lists the operations in document order, breaks first within each", async () => {
    const after = mutated(base, (spec) => {
      spec.parameter("Limit").description = "Reworded.";
      spec.get("components", "parameters", "Limit", "schema").maximum = 10;
      spec.parameter("Order").required = true;
      spec.get("paths", ONE, "delete").summary = "Revoke a key";
    });
    const { changes } = await diffSpecs(base, after);
    expect(changes.map((change) => `${change.operation} ${change.kind} ${change.rule}`)).toEqual([
      "GET /organization/admin_api_keys breaking request-parameter-became-required",
      "GET /organization/admin_api_keys spec-only request-bounds-narrowed",
      "GET /organization/admin_api_keys non-breaking description-changed",
      "DELETE /organization/admin_api_keys/{key_id} non-breaking description-changed",
    ]);
  });
});
