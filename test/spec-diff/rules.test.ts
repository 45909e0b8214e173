// The catalogue: for every rule of the table, a small edit to a copy of spec/openapi.yaml and the
// exact report it must produce (kind after the type check, rule, operation, pointer). The whole
// catalogue is diffed in one batch, so the generated types are checked in one ts-morph pass.

import { beforeAll, describe, expect, it } from "vitest";
import { diffMany, type Change, SPEC_DIFF_OPTIONS } from "../../scripts/spec-diff/engine.js";
import type { JsonObject } from "../../scripts/spec/json.js";
import { RULE_IDS, RULES, type RuleId } from "../../scripts/spec-diff/rules.js";
import { LIST, loadSpec, mutated, ONE, type Spec } from "./helpers.js";

const LIST_AT = "/paths/~1organization~1admin_api_keys";
const ONE_AT = "/paths/~1organization~1admin_api_keys~1{key_id}";
const GET_LIST = "GET /organization/admin_api_keys";
const CREATE = "POST /organization/admin_api_keys";
const GET_ONE = "GET /organization/admin_api_keys/{key_id}";
const DELETE = "DELETE /organization/admin_api_keys/{key_id}";

type Expected = Pick<Change, "kind" | "rule" | "operation" | "pointer">;

interface Mutation {
  readonly rule: RuleId;
  readonly title: string;
  /** Applied to both sides first, to set up a starting point the spec does not have. */
  readonly prepare?: (spec: Spec) => void;
  readonly edit: (spec: Spec) => void;
  readonly expected: readonly Expected[];
}

const change = (kind: Change["kind"], rule: RuleId, operation: string, pointer: string): Expected => ({ kind, rule, operation, pointer });

const CATALOGUE: readonly Mutation[] = [
  // Operations
  {
    rule: "path-removed",
    title: "the single-key path is deleted",
    edit: (spec) => spec.remove("paths", ONE),
    expected: [change("breaking", "path-removed", GET_ONE, `${ONE_AT}/get`), change("breaking", "path-removed", DELETE, `${ONE_AT}/delete`)],
  },
  {
    rule: "operation-removed",
    title: "DELETE is removed, GET stays",
    edit: (spec) => spec.remove("paths", ONE, "delete"),
    expected: [change("breaking", "operation-removed", DELETE, `${ONE_AT}/delete`)],
  },
  {
    rule: "operation-added",
    title: "a PATCH operation appears",
    edit: (spec) => {
      spec.get("paths", ONE).patch = { operationId: "admin-api-keys-update", responses: { "200": { description: "Updated." } } };
    },
    expected: [change("non-breaking", "operation-added", "PATCH /organization/admin_api_keys/{key_id}", `${ONE_AT}/patch`)],
  },
  {
    rule: "operation-id-changed",
    title: "admin-api-keys-get becomes admin-api-keys-retrieve",
    edit: (spec) => {
      spec.get("paths", ONE, "get").operationId = "admin-api-keys-retrieve";
    },
    expected: [change("breaking", "operation-id-changed", GET_ONE, `${ONE_AT}/get/operationId`)],
  },
  {
    rule: "security-changed",
    title: "the bearer scheme becomes an API key header (types cannot see it)",
    edit: (spec) => {
      spec.get("components", "securitySchemes").AdminApiKeyAuth = { type: "apiKey", in: "header", name: "X-Admin-Key" };
    },
    expected: [GET_LIST, CREATE, GET_ONE, DELETE].map((operation) => change("spec-only", "security-changed", operation, "/components/securitySchemes/AdminApiKeyAuth")),
  },
  {
    rule: "security-changed",
    title: "one operation drops authentication",
    edit: (spec) => {
      spec.get("paths", LIST, "get").security = [];
    },
    expected: [change("spec-only", "security-changed", GET_LIST, `${LIST_AT}/get/security`)],
  },

  // Parameters
  {
    rule: "parameter-added-required",
    title: "a required query parameter is added to the list",
    edit: (spec) => {
      spec.list("paths", LIST, "get", "parameters").push({ name: "project_id", in: "query", required: true, schema: { type: "string" } });
    },
    expected: [change("breaking", "parameter-added-required", GET_LIST, `${LIST_AT}/get/parameters/project_id`)],
  },
  {
    rule: "parameter-added-optional",
    title: "an optional query parameter is added to the list",
    edit: (spec) => {
      spec.list("paths", LIST, "get", "parameters").push({ name: "before", in: "query", schema: { type: "string" } });
    },
    expected: [change("non-breaking", "parameter-added-optional", GET_LIST, `${LIST_AT}/get/parameters/before`)],
  },
  {
    rule: "parameter-removed",
    title: "limit is no longer a parameter of the list",
    edit: (spec) => {
      const parameters = spec.list("paths", LIST, "get", "parameters");
      parameters.splice(parameters.findIndex((parameter) => JSON.stringify(parameter).includes("Limit")), 1);
    },
    expected: [change("breaking", "parameter-removed", GET_LIST, `${LIST_AT}/get/parameters/limit`)],
  },
  {
    rule: "parameter-renamed",
    title: "after becomes starting_after",
    edit: (spec) => {
      spec.parameter("After").name = "starting_after";
    },
    expected: [change("breaking", "parameter-renamed", GET_LIST, "/components/parameters/After")],
  },
  {
    rule: "parameter-renamed",
    title: "the path template {key_id} becomes {id} (the path still matches)",
    edit: (spec) => {
      const paths = spec.get("paths");
      const item = spec.get("paths", ONE);
      delete paths[ONE];
      paths["/organization/admin_api_keys/{id}"] = item;
      spec.parameter("KeyId").name = "id";
    },
    expected: [
      change("breaking", "parameter-renamed", "GET /organization/admin_api_keys/{id}", "/components/parameters/KeyId"),
      change("breaking", "parameter-renamed", "DELETE /organization/admin_api_keys/{id}", "/components/parameters/KeyId"),
    ],
  },
  {
    rule: "parameter-made-required",
    title: "limit becomes required",
    edit: (spec) => {
      spec.parameter("Limit").required = true;
    },
    expected: [change("breaking", "parameter-made-required", GET_LIST, "/components/parameters/Limit/required")],
  },
  {
    rule: "parameter-made-optional",
    title: "a required limit becomes optional again",
    prepare: (spec) => {
      spec.parameter("Limit").required = true;
    },
    edit: (spec) => {
      spec.parameter("Limit").required = false;
    },
    expected: [change("non-breaking", "parameter-made-optional", GET_LIST, "/components/parameters/Limit/required")],
  },

  // Request bodies
  {
    rule: "request-body-added",
    title: "DELETE accepts an optional body",
    edit: (spec) => {
      spec.get("paths", ONE, "delete").requestBody = { content: { "application/json": { schema: { type: "object", properties: { reason: { type: "string" } } } } } };
    },
    expected: [change("non-breaking", "request-body-added", DELETE, `${ONE_AT}/delete/requestBody`)],
  },
  {
    rule: "request-body-removed",
    title: "create takes no body",
    edit: (spec) => spec.remove("paths", LIST, "post", "requestBody"),
    expected: [change("breaking", "request-body-removed", CREATE, `${LIST_AT}/post/requestBody`)],
  },
  {
    rule: "request-body-made-required",
    title: "an optional create body becomes required",
    prepare: (spec) => {
      spec.get("paths", LIST, "post", "requestBody").required = false;
    },
    edit: (spec) => {
      spec.get("paths", LIST, "post", "requestBody").required = true;
    },
    expected: [change("breaking", "request-body-made-required", CREATE, `${LIST_AT}/post/requestBody/required`)],
  },
  {
    rule: "request-body-made-optional",
    title: "the create body becomes optional",
    edit: (spec) => {
      spec.get("paths", LIST, "post", "requestBody").required = false;
    },
    expected: [change("non-breaking", "request-body-made-optional", CREATE, `${LIST_AT}/post/requestBody/required`)],
  },
  {
    rule: "request-property-added-required",
    title: "create requires a project_id",
    edit: (spec) => {
      spec.schema("AdminApiKeyCreateRequest").properties = { ...spec.get("components", "schemas", "AdminApiKeyCreateRequest", "properties"), project_id: { type: "string" } };
      spec.list("components", "schemas", "AdminApiKeyCreateRequest", "required").push("project_id");
    },
    expected: [change("breaking", "request-property-added-required", CREATE, "/components/schemas/AdminApiKeyCreateRequest/properties/project_id")],
  },
  {
    rule: "request-property-added-optional",
    title: "create accepts optional scopes",
    edit: (spec) => {
      spec.get("components", "schemas", "AdminApiKeyCreateRequest", "properties").scopes = { type: "array", items: { type: "string" } };
    },
    expected: [change("non-breaking", "request-property-added-optional", CREATE, "/components/schemas/AdminApiKeyCreateRequest/properties/scopes")],
  },
  {
    rule: "request-property-removed",
    title: "expires_in_seconds is no longer accepted",
    edit: (spec) => spec.remove("components", "schemas", "AdminApiKeyCreateRequest", "properties", "expires_in_seconds"),
    expected: [change("breaking", "request-property-removed", CREATE, "/components/schemas/AdminApiKeyCreateRequest/properties/expires_in_seconds")],
  },
  {
    rule: "request-property-made-required",
    title: "expires_in_seconds becomes required",
    edit: (spec) => {
      spec.list("components", "schemas", "AdminApiKeyCreateRequest", "required").push("expires_in_seconds");
    },
    expected: [change("breaking", "request-property-made-required", CREATE, "/components/schemas/AdminApiKeyCreateRequest/properties/expires_in_seconds")],
  },
  {
    rule: "request-property-made-optional",
    title: "name becomes optional",
    edit: (spec) => {
      spec.schema("AdminApiKeyCreateRequest").required = [];
    },
    expected: [change("non-breaking", "request-property-made-optional", CREATE, "/components/schemas/AdminApiKeyCreateRequest/properties/name")],
  },

  // Values sent
  {
    rule: "request-type-narrowed",
    title: "name must be an integer",
    edit: (spec) => {
      spec.property("AdminApiKeyCreateRequest", "name").type = "integer";
    },
    expected: [change("breaking", "request-type-narrowed", CREATE, "/components/schemas/AdminApiKeyCreateRequest/properties/name")],
  },
  {
    rule: "request-type-narrowed",
    title: "expires_in_seconds from number to integer (same TypeScript type: spec-only)",
    prepare: (spec) => {
      spec.property("AdminApiKeyCreateRequest", "expires_in_seconds").type = "number";
    },
    edit: (spec) => {
      spec.property("AdminApiKeyCreateRequest", "expires_in_seconds").type = "integer";
    },
    expected: [change("spec-only", "request-type-narrowed", CREATE, "/components/schemas/AdminApiKeyCreateRequest/properties/expires_in_seconds")],
  },
  {
    rule: "request-type-widened",
    title: "name may be null",
    edit: (spec) => {
      spec.property("AdminApiKeyCreateRequest", "name").type = ["string", "null"];
    },
    expected: [change("non-breaking", "request-type-widened", CREATE, "/components/schemas/AdminApiKeyCreateRequest/properties/name")],
  },
  {
    rule: "request-enum-narrowed",
    title: "order no longer accepts desc",
    edit: (spec) => {
      spec.get("components", "parameters", "Order", "schema").enum = ["asc"];
    },
    expected: [change("breaking", "request-enum-narrowed", GET_LIST, "/components/parameters/Order/schema/enum")],
  },
  {
    rule: "request-enum-widened",
    title: "order also accepts random",
    edit: (spec) => {
      spec.get("components", "parameters", "Order", "schema").enum = ["asc", "desc", "random"];
    },
    expected: [change("non-breaking", "request-enum-widened", GET_LIST, "/components/parameters/Order/schema/enum")],
  },
  {
    rule: "request-bounds-narrowed",
    title: "limit at most 50 (types cannot see bounds: spec-only)",
    edit: (spec) => {
      spec.get("components", "parameters", "Limit", "schema").maximum = 50;
    },
    expected: [change("spec-only", "request-bounds-narrowed", GET_LIST, "/components/parameters/Limit/schema/maximum")],
  },
  {
    rule: "request-bounds-widened",
    title: "keys may live two years",
    edit: (spec) => {
      spec.property("AdminApiKeyCreateRequest", "expires_in_seconds").maximum = 63072000;
    },
    expected: [change("non-breaking", "request-bounds-widened", CREATE, "/components/schemas/AdminApiKeyCreateRequest/properties/expires_in_seconds/maximum")],
  },
  {
    rule: "request-bounds-narrowed",
    title: "key IDs must match a pattern",
    edit: (spec) => {
      spec.get("components", "parameters", "KeyId", "schema").pattern = "^key_[A-Za-z0-9]+$";
    },
    expected: [GET_ONE, DELETE].map((operation) => change("spec-only", "request-bounds-narrowed", operation, "/components/parameters/KeyId/schema/pattern")),
  },
  {
    rule: "request-bounds-narrowed",
    title: "limit in steps of 4 instead of 2",
    prepare: (spec) => {
      spec.get("components", "parameters", "Limit", "schema").multipleOf = 2;
    },
    edit: (spec) => {
      spec.get("components", "parameters", "Limit", "schema").multipleOf = 4;
    },
    expected: [change("spec-only", "request-bounds-narrowed", GET_LIST, "/components/parameters/Limit/schema/multipleOf")],
  },
  {
    rule: "request-bounds-widened",
    title: "limit in steps of 2 instead of 4, and no lower bound",
    prepare: (spec) => {
      spec.get("components", "parameters", "Limit", "schema").multipleOf = 4;
    },
    edit: (spec) => {
      const limit = spec.get("components", "parameters", "Limit", "schema");
      limit.multipleOf = 2;
      delete limit.minimum;
    },
    expected: [
      change("non-breaking", "request-bounds-widened", GET_LIST, "/components/parameters/Limit/schema/minimum"),
      change("non-breaking", "request-bounds-widened", GET_LIST, "/components/parameters/Limit/schema/multipleOf"),
    ],
  },
  {
    rule: "default-changed",
    title: "the default order becomes desc",
    edit: (spec) => {
      spec.get("components", "parameters", "Order", "schema").default = "desc";
    },
    expected: [change("spec-only", "default-changed", GET_LIST, "/components/parameters/Order/schema/default")],
  },

  // Responses
  {
    rule: "response-status-removed",
    title: "GET one no longer documents 404",
    edit: (spec) => spec.remove("paths", ONE, "get", "responses", "404"),
    expected: [change("breaking", "response-status-removed", GET_ONE, `${ONE_AT}/get/responses/404`)],
  },
  {
    rule: "response-status-added",
    title: "create documents a 409",
    edit: (spec) => {
      spec.get("paths", LIST, "post", "responses")["409"] = { $ref: "#/components/responses/BadRequest" };
    },
    expected: [change("non-breaking", "response-status-added", CREATE, `${LIST_AT}/post/responses/409`)],
  },
  {
    rule: "media-type-removed",
    title: "DELETE's answer has no JSON body any more",
    edit: (spec) => spec.remove("paths", ONE, "delete", "responses", "200", "content", "application/json"),
    expected: [change("breaking", "media-type-removed", DELETE, `${ONE_AT}/delete/responses/200/content/application~1json`)],
  },
  {
    rule: "media-type-added",
    title: "create also accepts a form body",
    edit: (spec) => {
      spec.get("paths", LIST, "post", "requestBody", "content")["application/x-www-form-urlencoded"] = { schema: { $ref: "#/components/schemas/AdminApiKeyCreateRequest" } };
    },
    expected: [change("non-breaking", "media-type-added", CREATE, `${LIST_AT}/post/requestBody/content/application~1x-www-form-urlencoded`)],
  },
  {
    rule: "response-property-removed",
    title: "the delete confirmation loses `deleted`",
    edit: (spec) => {
      spec.remove("components", "schemas", "AdminApiKeyDeleteResponse", "properties", "deleted");
      spec.schema("AdminApiKeyDeleteResponse").required = ["id", "object"];
    },
    expected: [change("breaking", "response-property-removed", DELETE, "/components/schemas/AdminApiKeyDeleteResponse/properties/deleted")],
  },
  {
    rule: "response-property-removed",
    title: "a field of a schema merged through allOf is named where it is declared",
    edit: (spec) => spec.remove("components", "schemas", "AdminApiKey", "properties", "last_used_at"),
    expected: [GET_LIST, CREATE, GET_ONE].map((operation) => change("breaking", "response-property-removed", operation, "/components/schemas/AdminApiKey/properties/last_used_at")),
  },
  {
    rule: "response-property-made-optional",
    title: "`deleted` may be missing",
    edit: (spec) => {
      spec.schema("AdminApiKeyDeleteResponse").required = ["id", "object"];
    },
    expected: [change("breaking", "response-property-made-optional", DELETE, "/components/schemas/AdminApiKeyDeleteResponse/properties/deleted")],
  },
  {
    rule: "response-property-added",
    title: "the delete confirmation gains deleted_at",
    edit: (spec) => {
      spec.get("components", "schemas", "AdminApiKeyDeleteResponse", "properties").deleted_at = { type: "integer", format: "unixtime" };
    },
    expected: [change("non-breaking", "response-property-added", DELETE, "/components/schemas/AdminApiKeyDeleteResponse/properties/deleted_at")],
  },
  {
    rule: "response-property-made-required",
    title: "first_id is always present",
    edit: (spec) => {
      spec.list("components", "schemas", "ApiKeyList", "required").push("first_id");
    },
    expected: [change("non-breaking", "response-property-made-required", GET_LIST, "/components/schemas/ApiKeyList/properties/first_id")],
  },
  {
    rule: "response-type-changed",
    title: "`deleted` becomes a string",
    edit: (spec) => {
      spec.property("AdminApiKeyDeleteResponse", "deleted").type = "string";
    },
    expected: [change("breaking", "response-type-changed", DELETE, "/components/schemas/AdminApiKeyDeleteResponse/properties/deleted")],
  },
  {
    rule: "response-made-nullable",
    title: "the deleted key's id may be null",
    edit: (spec) => {
      spec.property("AdminApiKeyDeleteResponse", "id").type = ["string", "null"];
    },
    expected: [change("breaking", "response-made-nullable", DELETE, "/components/schemas/AdminApiKeyDeleteResponse/properties/id")],
  },
  {
    rule: "response-nullable-removed",
    title: "first_id is never null",
    edit: (spec) => {
      const firstId = spec.property("ApiKeyList", "first_id");
      delete firstId.anyOf;
      firstId.type = "string";
    },
    expected: [change("non-breaking", "response-nullable-removed", GET_LIST, "/components/schemas/ApiKeyList/properties/first_id")],
  },
  {
    rule: "response-enum-changed",
    title: "the delete confirmation's object gains a value",
    edit: (spec) => {
      spec.property("AdminApiKeyDeleteResponse", "object").enum = ["organization.admin_api_key.deleted", "organization.admin_api_key.revoked"];
    },
    expected: [change("breaking", "response-enum-changed", DELETE, "/components/schemas/AdminApiKeyDeleteResponse/properties/object/enum")],
  },
  {
    rule: "response-bounds-changed",
    title: "the deleted key's id has a minimum length",
    edit: (spec) => {
      spec.property("AdminApiKeyDeleteResponse", "id").minLength = 1;
    },
    expected: [change("non-breaking", "response-bounds-changed", DELETE, "/components/schemas/AdminApiKeyDeleteResponse/properties/id/minLength")],
  },
  {
    rule: "format-changed",
    title: "expires_in_seconds gains format int64 (types cannot see formats: spec-only)",
    edit: (spec) => {
      spec.property("AdminApiKeyCreateRequest", "expires_in_seconds").format = "int64";
    },
    expected: [change("spec-only", "format-changed", CREATE, "/components/schemas/AdminApiKeyCreateRequest/properties/expires_in_seconds/format")],
  },
  {
    rule: "format-changed",
    title: "a format inside an anyOf branch is named in that branch",
    edit: (spec) => {
      const [integer] = spec.list("components", "schemas", "AdminApiKey", "properties", "expires_at", "anyOf");
      if (typeof integer !== "object" || integer === null || Array.isArray(integer)) throw new Error("test bug: expires_at has changed shape");
      integer.format = "date-time";
    },
    expected: [GET_LIST, CREATE, GET_ONE].map((operation) => change("spec-only", "format-changed", operation, "/components/schemas/AdminApiKey/properties/expires_at/anyOf/0/format")),
  },

  // Documentation and the rest
  {
    rule: "description-changed",
    title: "limit is described differently",
    edit: (spec) => {
      spec.parameter("Limit").description = "The largest number of keys in one page.";
    },
    expected: [change("non-breaking", "description-changed", GET_LIST, "/components/parameters/Limit/description")],
  },
  {
    rule: "example-changed",
    title: "limit's example becomes 50",
    edit: (spec) => {
      spec.parameter("Limit").example = 50;
    },
    expected: [change("non-breaking", "example-changed", GET_LIST, "/components/parameters/Limit/example")],
  },
  {
    rule: "unclassified-change",
    title: "DELETE is marked deprecated",
    edit: (spec) => {
      spec.get("paths", ONE, "delete").deprecated = true;
    },
    expected: [change("non-breaking", "unclassified-change", DELETE, `${ONE_AT}/delete/deprecated`)],
  },
];

describe("the mutation catalogue", () => {
  let results: Change[][] = [];

  beforeAll(async () => {
    const base = await loadSpec();
    const jobs = CATALOGUE.map((mutation) => {
      const before: JsonObject = mutation.prepare ? mutated(base, mutation.prepare) : base;
      return { before, after: mutated(before, mutation.edit), options: SPEC_DIFF_OPTIONS };
    });
    results = (await diffMany(jobs)).map((result) => {
      if (result.warning) throw new Error(result.warning);
      return result.changes;
    });
  }, 60_000);

  it("has at least one mutation for every rule of the table", () => {
    const covered = new Set(CATALOGUE.map((mutation) => mutation.rule));
    expect(RULE_IDS.filter((rule) => !covered.has(rule))).toEqual([]);
  });

  it.each(CATALOGUE.map((mutation, index) => [mutation.rule, mutation.title, index] as const))("%s: %s", (rule, _title, index) => {
    const mutation = CATALOGUE[index];
    const changes = results[index];
    if (mutation === undefined || changes === undefined) throw new Error("test bug: catalogue and results out of step");
    const seen = changes.map(({ kind, rule: id, operation, pointer }) => ({ kind, rule: id, operation, pointer }));
    expect(seen).toEqual(mutation.expected);
    // The kind the table gives, unless the types could not see the break.
    for (const entry of mutation.expected) expect([RULES[rule].kind, "spec-only"]).toContain(entry.kind);
    for (const entry of changes) expect(entry.message.length).toBeGreaterThan(10);
  });
});
