// The catalogue: for every rule of the table, a small edit to a copy of spec/openapi.yaml and the
// exact report it must produce (kind after the type check, rule, operation, pointer). The whole
// catalogue is diffed in one batch, so the generated types are checked in one ts-morph pass.
// Where a mutation needs a starting point the spec may spell in more than one way (a nullable
// field), `prepare` writes it, so that a restyling of the spec does not break the test.

import { beforeAll, describe, expect, it } from "vitest";
import { diffMany, type Change, SPEC_DIFF_OPTIONS } from "../../scripts/spec-diff/engine.js";
import type { JsonObject } from "../../scripts/spec/json-value.js";
import { RULE_IDS, RULES, ruleOf, type RuleId } from "../../scripts/spec-diff/rules.js";
import { LIST, loadSpec, mutated, ONE, type Spec } from "./helpers.js";

const LIST_AT = "/paths/~1organization~1admin_api_keys";
const ONE_AT = "/paths/~1organization~1admin_api_keys~1{key_id}";
const GET_LIST = "GET /organization/admin_api_keys";
const CREATE = "POST /organization/admin_api_keys";
const GET_ONE = "GET /organization/admin_api_keys/{key_id}";
const DELETE = "DELETE /organization/admin_api_keys/{key_id}";
const CREATE_REQUEST = "/components/schemas/AdminApiKeyCreateRequest";
const DELETE_RESPONSE = "/components/schemas/AdminApiKeyDeleteResponse";

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

// Schemas the mutations edit, by the name a reader knows them by.
const createRequest = (spec: Spec) => spec.schema("AdminApiKeyCreateRequest");
const deleteResponse = (spec: Spec) => spec.schema("AdminApiKeyDeleteResponse");
const param = (spec: Spec, name: string) => spec.get("components", "parameters", name, "schema");
const field = (spec: Spec, schema: string, name: string) => spec.property(schema, name);
const nullable = (type: string) => ({ type: [type, "null"] });

const CATALOGUE: readonly Mutation[] = [
  // Operations
  {
    rule: "api-path-removed-without-deprecation",
    title: "the single-key path is deleted",
    edit: (spec) => spec.remove("paths", ONE),
    expected: [GET_ONE, DELETE].map((op, i) => change("breaking", "api-path-removed-without-deprecation", op, `${ONE_AT}/${["get", "delete"][i]}`)),
  },
  {
    rule: "api-path-removed-with-deprecation",
    title: "the single-key path is deleted after both its operations were deprecated",
    prepare: (spec) => {
      spec.get("paths", ONE, "get").deprecated = true;
      spec.get("paths", ONE, "delete").deprecated = true;
    },
    edit: (spec) => spec.remove("paths", ONE),
    expected: [GET_ONE, DELETE].map((op, i) => change("breaking", "api-path-removed-with-deprecation", op, `${ONE_AT}/${["get", "delete"][i]}`)),
  },
  {
    rule: "api-removed-without-deprecation",
    title: "DELETE is removed, GET stays",
    edit: (spec) => spec.remove("paths", ONE, "delete"),
    expected: [change("breaking", "api-removed-without-deprecation", DELETE, `${ONE_AT}/delete`)],
  },
  {
    rule: "api-removed-with-deprecation",
    title: "a deprecated DELETE is removed",
    prepare: (spec) => {
      spec.get("paths", ONE, "delete").deprecated = true;
    },
    edit: (spec) => spec.remove("paths", ONE, "delete"),
    expected: [change("breaking", "api-removed-with-deprecation", DELETE, `${ONE_AT}/delete`)],
  },
  {
    rule: "endpoint-added",
    title: "a PATCH operation appears",
    edit: (spec) => {
      spec.get("paths", ONE).patch = { operationId: "admin-api-keys-update", responses: { "200": { description: "Updated." } } };
    },
    expected: [change("non-breaking", "endpoint-added", "PATCH /organization/admin_api_keys/{key_id}", `${ONE_AT}/patch`)],
  },
  {
    rule: "api-operation-id-removed",
    title: "admin-api-keys-get becomes admin-api-keys-retrieve",
    edit: (spec) => {
      spec.get("paths", ONE, "get").operationId = "admin-api-keys-retrieve";
    },
    expected: [change("breaking", "api-operation-id-removed", GET_ONE, `${ONE_AT}/get/operationId`)],
  },
  {
    rule: "api-operation-id-added",
    title: "an operation without an operationId gets one",
    prepare: (spec) => spec.remove("paths", ONE, "get", "operationId"),
    edit: (spec) => {
      spec.get("paths", ONE, "get").operationId = "admin-api-keys-get";
    },
    expected: [change("non-breaking", "api-operation-id-added", GET_ONE, `${ONE_AT}/get/operationId`)],
  },
  {
    rule: "endpoint-deprecated",
    title: "DELETE is marked deprecated",
    edit: (spec) => {
      spec.get("paths", ONE, "delete").deprecated = true;
    },
    expected: [change("non-breaking", "endpoint-deprecated", DELETE, `${ONE_AT}/delete/deprecated`)],
  },
  {
    rule: "endpoint-reactivated",
    title: "a deprecated DELETE is no longer deprecated",
    prepare: (spec) => {
      spec.get("paths", ONE, "delete").deprecated = true;
    },
    edit: (spec) => spec.remove("paths", ONE, "delete", "deprecated"),
    expected: [change("non-breaking", "endpoint-reactivated", DELETE, `${ONE_AT}/delete/deprecated`)],
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
    rule: "new-required-request-parameter",
    title: "a required query parameter is added to the list",
    edit: (spec) => {
      spec.list("paths", LIST, "get", "parameters").push({ name: "project_id", in: "query", required: true, schema: { type: "string" } });
    },
    expected: [change("breaking", "new-required-request-parameter", GET_LIST, `${LIST_AT}/get/parameters/project_id`)],
  },
  {
    rule: "new-optional-request-parameter",
    title: "an optional query parameter is added to the list",
    edit: (spec) => {
      spec.list("paths", LIST, "get", "parameters").push({ name: "before", in: "query", schema: { type: "string" } });
    },
    expected: [change("non-breaking", "new-optional-request-parameter", GET_LIST, `${LIST_AT}/get/parameters/before`)],
  },
  {
    rule: "request-parameter-removed",
    title: "limit is no longer a parameter of the list",
    edit: (spec) => {
      const parameters = spec.list("paths", LIST, "get", "parameters");
      parameters.splice(parameters.findIndex((parameter) => JSON.stringify(parameter).includes("Limit")), 1);
    },
    expected: [change("breaking", "request-parameter-removed", GET_LIST, `${LIST_AT}/get/parameters/limit`)],
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
    rule: "request-parameter-became-required",
    title: "limit becomes required",
    edit: (spec) => {
      spec.parameter("Limit").required = true;
    },
    expected: [change("breaking", "request-parameter-became-required", GET_LIST, "/components/parameters/Limit/required")],
  },
  {
    rule: "request-parameter-became-optional",
    title: "a required limit becomes optional again",
    prepare: (spec) => {
      spec.parameter("Limit").required = true;
    },
    edit: (spec) => {
      spec.parameter("Limit").required = false;
    },
    expected: [change("non-breaking", "request-parameter-became-optional", GET_LIST, "/components/parameters/Limit/required")],
  },
  {
    rule: "request-parameter-deprecated",
    title: "after is marked deprecated",
    edit: (spec) => {
      spec.parameter("After").deprecated = true;
    },
    expected: [change("non-breaking", "request-parameter-deprecated", GET_LIST, "/components/parameters/After/deprecated")],
  },
  {
    rule: "request-parameter-reactivated",
    title: "a deprecated after is no longer deprecated",
    prepare: (spec) => {
      spec.parameter("After").deprecated = true;
    },
    edit: (spec) => {
      spec.parameter("After").deprecated = false;
    },
    expected: [change("non-breaking", "request-parameter-reactivated", GET_LIST, "/components/parameters/After/deprecated")],
  },

  // Request bodies and their fields
  {
    rule: "request-body-added-optional",
    title: "DELETE accepts an optional body",
    edit: (spec) => {
      spec.get("paths", ONE, "delete").requestBody = { content: { "application/json": { schema: { type: "object", properties: { reason: { type: "string" } } } } } };
    },
    expected: [change("non-breaking", "request-body-added-optional", DELETE, `${ONE_AT}/delete/requestBody`)],
  },
  {
    rule: "request-body-added-required",
    title: "DELETE requires a body",
    edit: (spec) => {
      spec.get("paths", ONE, "delete").requestBody = { required: true, content: { "application/json": { schema: { type: "object", properties: { reason: { type: "string" } } } } } };
    },
    expected: [change("breaking", "request-body-added-required", DELETE, `${ONE_AT}/delete/requestBody`)],
  },
  {
    rule: "request-body-removed",
    title: "create takes no body",
    edit: (spec) => spec.remove("paths", LIST, "post", "requestBody"),
    expected: [change("breaking", "request-body-removed", CREATE, `${LIST_AT}/post/requestBody`)],
  },
  {
    rule: "request-body-became-required",
    title: "an optional create body becomes required",
    prepare: (spec) => {
      spec.get("paths", LIST, "post", "requestBody").required = false;
    },
    edit: (spec) => {
      spec.get("paths", LIST, "post", "requestBody").required = true;
    },
    expected: [change("breaking", "request-body-became-required", CREATE, `${LIST_AT}/post/requestBody/required`)],
  },
  {
    rule: "request-body-became-optional",
    title: "the create body becomes optional",
    edit: (spec) => {
      spec.get("paths", LIST, "post", "requestBody").required = false;
    },
    expected: [change("non-breaking", "request-body-became-optional", CREATE, `${LIST_AT}/post/requestBody/required`)],
  },
  {
    rule: "request-body-media-type-removed",
    title: "create no longer accepts JSON",
    edit: (spec) => spec.remove("paths", LIST, "post", "requestBody", "content", "application/json"),
    expected: [change("breaking", "request-body-media-type-removed", CREATE, `${LIST_AT}/post/requestBody/content/application~1json`)],
  },
  {
    rule: "request-body-media-type-added",
    title: "create also accepts a form body",
    edit: (spec) => {
      spec.get("paths", LIST, "post", "requestBody", "content")["application/x-www-form-urlencoded"] = { schema: { $ref: "#/components/schemas/AdminApiKeyCreateRequest" } };
    },
    expected: [change("non-breaking", "request-body-media-type-added", CREATE, `${LIST_AT}/post/requestBody/content/application~1x-www-form-urlencoded`)],
  },
  {
    rule: "new-required-request-property",
    title: "create requires a project_id",
    edit: (spec) => {
      createRequest(spec).properties = { ...spec.get("components", "schemas", "AdminApiKeyCreateRequest", "properties"), project_id: { type: "string" } };
      spec.list("components", "schemas", "AdminApiKeyCreateRequest", "required").push("project_id");
    },
    expected: [change("breaking", "new-required-request-property", CREATE, `${CREATE_REQUEST}/properties/project_id`)],
  },
  {
    rule: "new-optional-request-property",
    title: "create accepts optional scopes",
    edit: (spec) => {
      spec.get("components", "schemas", "AdminApiKeyCreateRequest", "properties").scopes = { type: "array", items: { type: "string" } };
    },
    expected: [change("non-breaking", "new-optional-request-property", CREATE, `${CREATE_REQUEST}/properties/scopes`)],
  },
  {
    rule: "request-property-removed",
    title: "expires_in_seconds is no longer accepted",
    edit: (spec) => spec.remove("components", "schemas", "AdminApiKeyCreateRequest", "properties", "expires_in_seconds"),
    expected: [change("breaking", "request-property-removed", CREATE, `${CREATE_REQUEST}/properties/expires_in_seconds`)],
  },
  {
    rule: "request-property-became-required",
    title: "expires_in_seconds becomes required",
    edit: (spec) => {
      spec.list("components", "schemas", "AdminApiKeyCreateRequest", "required").push("expires_in_seconds");
    },
    expected: [change("breaking", "request-property-became-required", CREATE, `${CREATE_REQUEST}/properties/expires_in_seconds`)],
  },
  {
    rule: "request-property-became-optional",
    title: "name becomes optional",
    edit: (spec) => {
      createRequest(spec).required = [];
    },
    expected: [change("non-breaking", "request-property-became-optional", CREATE, `${CREATE_REQUEST}/properties/name`)],
  },

  // Values sent: parameters
  {
    rule: "request-parameter-type-changed",
    title: "limit becomes a string",
    edit: (spec) => {
      param(spec, "Limit").type = "string";
    },
    expected: [change("breaking", "request-parameter-type-changed", GET_LIST, "/components/parameters/Limit/schema")],
  },
  {
    rule: "request-parameter-type-generalized",
    title: "after may also be an integer",
    edit: (spec) => {
      param(spec, "After").type = ["string", "integer"];
    },
    expected: [change("non-breaking", "request-parameter-type-generalized", GET_LIST, "/components/parameters/After/schema")],
  },
  {
    rule: "request-parameter-became-nullable",
    title: "after may be null",
    edit: (spec) => Object.assign(param(spec, "After"), nullable("string")),
    expected: [change("non-breaking", "request-parameter-became-nullable", GET_LIST, "/components/parameters/After/schema")],
  },
  {
    rule: "request-parameter-became-not-nullable",
    title: "a nullable after may no longer be null",
    prepare: (spec) => Object.assign(param(spec, "After"), nullable("string")),
    edit: (spec) => {
      param(spec, "After").type = "string";
    },
    expected: [change("breaking", "request-parameter-became-not-nullable", GET_LIST, "/components/parameters/After/schema")],
  },
  {
    rule: "request-parameter-became-enum",
    title: "after is restricted to one value",
    edit: (spec) => {
      param(spec, "After").enum = ["key_abc"];
    },
    expected: [change("breaking", "request-parameter-became-enum", GET_LIST, "/components/parameters/After/schema/enum")],
  },
  {
    rule: "request-parameter-enum-value-removed",
    title: "order no longer accepts desc",
    edit: (spec) => {
      param(spec, "Order").enum = ["asc"];
    },
    expected: [change("breaking", "request-parameter-enum-value-removed", GET_LIST, "/components/parameters/Order/schema/enum")],
  },
  {
    rule: "request-parameter-enum-value-added",
    title: "order also accepts random",
    edit: (spec) => {
      param(spec, "Order").enum = ["asc", "desc", "random"];
    },
    expected: [change("non-breaking", "request-parameter-enum-value-added", GET_LIST, "/components/parameters/Order/schema/enum")],
  },
  {
    rule: "request-parameter-default-value-added",
    title: "after gets a default (types cannot see defaults: spec-only)",
    edit: (spec) => {
      param(spec, "After").default = "key_abc";
    },
    expected: [change("spec-only", "request-parameter-default-value-added", GET_LIST, "/components/parameters/After/schema/default")],
  },
  {
    rule: "request-parameter-default-value-changed",
    title: "the default order becomes desc",
    edit: (spec) => {
      param(spec, "Order").default = "desc";
    },
    expected: [change("spec-only", "request-parameter-default-value-changed", GET_LIST, "/components/parameters/Order/schema/default")],
  },
  {
    rule: "request-parameter-default-value-removed",
    title: "limit loses its default",
    edit: (spec) => spec.remove("components", "parameters", "Limit", "schema", "default"),
    expected: [change("spec-only", "request-parameter-default-value-removed", GET_LIST, "/components/parameters/Limit/schema/default")],
  },

  // Values sent: request body fields
  {
    rule: "request-property-type-changed",
    title: "name must be an integer",
    edit: (spec) => {
      field(spec, "AdminApiKeyCreateRequest", "name").type = "integer";
    },
    expected: [change("breaking", "request-property-type-changed", CREATE, `${CREATE_REQUEST}/properties/name`)],
  },
  {
    rule: "request-property-type-changed",
    title: "expires_in_seconds from number to integer (same TypeScript type: spec-only)",
    prepare: (spec) => {
      field(spec, "AdminApiKeyCreateRequest", "expires_in_seconds").type = "number";
    },
    edit: (spec) => {
      field(spec, "AdminApiKeyCreateRequest", "expires_in_seconds").type = "integer";
    },
    expected: [change("spec-only", "request-property-type-changed", CREATE, `${CREATE_REQUEST}/properties/expires_in_seconds`)],
  },
  {
    rule: "request-property-type-generalized",
    title: "expires_in_seconds may also be a string",
    edit: (spec) => {
      field(spec, "AdminApiKeyCreateRequest", "expires_in_seconds").type = ["integer", "string"];
    },
    expected: [change("non-breaking", "request-property-type-generalized", CREATE, `${CREATE_REQUEST}/properties/expires_in_seconds`)],
  },
  {
    rule: "request-property-became-nullable",
    title: "name may be null",
    edit: (spec) => Object.assign(field(spec, "AdminApiKeyCreateRequest", "name"), nullable("string")),
    expected: [change("non-breaking", "request-property-became-nullable", CREATE, `${CREATE_REQUEST}/properties/name`)],
  },
  {
    rule: "request-property-became-not-nullable",
    title: "a nullable name may no longer be null",
    prepare: (spec) => Object.assign(field(spec, "AdminApiKeyCreateRequest", "name"), nullable("string")),
    edit: (spec) => {
      field(spec, "AdminApiKeyCreateRequest", "name").type = "string";
    },
    expected: [change("breaking", "request-property-became-not-nullable", CREATE, `${CREATE_REQUEST}/properties/name`)],
  },
  {
    rule: "request-property-became-enum",
    title: "name must be one of two",
    edit: (spec) => {
      field(spec, "AdminApiKeyCreateRequest", "name").enum = ["ci", "rotation"];
    },
    expected: [change("breaking", "request-property-became-enum", CREATE, `${CREATE_REQUEST}/properties/name/enum`)],
  },
  {
    rule: "request-property-enum-value-removed",
    title: "name's list loses rotation",
    prepare: (spec) => {
      field(spec, "AdminApiKeyCreateRequest", "name").enum = ["ci", "rotation"];
    },
    edit: (spec) => {
      field(spec, "AdminApiKeyCreateRequest", "name").enum = ["ci"];
    },
    expected: [change("breaking", "request-property-enum-value-removed", CREATE, `${CREATE_REQUEST}/properties/name/enum`)],
  },
  {
    rule: "request-property-enum-value-added",
    title: "name's list gains rotation",
    prepare: (spec) => {
      field(spec, "AdminApiKeyCreateRequest", "name").enum = ["ci"];
    },
    edit: (spec) => {
      field(spec, "AdminApiKeyCreateRequest", "name").enum = ["ci", "rotation"];
    },
    expected: [change("non-breaking", "request-property-enum-value-added", CREATE, `${CREATE_REQUEST}/properties/name/enum`)],
  },
  {
    rule: "request-property-default-value-added",
    title: "expires_in_seconds defaults to a day (openapi-typescript makes a component's defaulted field required)",
    edit: (spec) => {
      field(spec, "AdminApiKeyCreateRequest", "expires_in_seconds").default = 86400;
    },
    expected: [change("breaking", "request-property-default-value-added", CREATE, `${CREATE_REQUEST}/properties/expires_in_seconds/default`)],
  },
  {
    rule: "request-property-default-value-changed",
    title: "expires_in_seconds defaults to an hour instead of a day",
    prepare: (spec) => {
      field(spec, "AdminApiKeyCreateRequest", "expires_in_seconds").default = 86400;
    },
    edit: (spec) => {
      field(spec, "AdminApiKeyCreateRequest", "expires_in_seconds").default = 3600;
    },
    expected: [change("spec-only", "request-property-default-value-changed", CREATE, `${CREATE_REQUEST}/properties/expires_in_seconds/default`)],
  },
  {
    rule: "request-property-default-value-removed",
    title: "expires_in_seconds loses its default",
    prepare: (spec) => {
      field(spec, "AdminApiKeyCreateRequest", "expires_in_seconds").default = 86400;
    },
    edit: (spec) => spec.remove("components", "schemas", "AdminApiKeyCreateRequest", "properties", "expires_in_seconds", "default"),
    expected: [change("breaking", "request-property-default-value-removed", CREATE, `${CREATE_REQUEST}/properties/expires_in_seconds/default`)],
  },

  // Values sent: the request body as a whole
  {
    rule: "request-body-type-changed",
    title: "the create body must be an array",
    edit: (spec) => {
      createRequest(spec).type = "array";
    },
    expected: [change("breaking", "request-body-type-changed", CREATE, CREATE_REQUEST)],
  },
  {
    rule: "request-body-type-generalized",
    title: "the create body may also be an array",
    edit: (spec) => {
      createRequest(spec).type = ["object", "array"];
    },
    expected: [change("non-breaking", "request-body-type-generalized", CREATE, CREATE_REQUEST)],
  },
  {
    rule: "request-body-became-nullable",
    title: "the create body may be null",
    edit: (spec) => Object.assign(createRequest(spec), nullable("object")),
    expected: [change("non-breaking", "request-body-became-nullable", CREATE, CREATE_REQUEST)],
  },
  {
    rule: "request-body-became-not-nullable",
    title: "a nullable create body may no longer be null",
    prepare: (spec) => Object.assign(createRequest(spec), nullable("object")),
    edit: (spec) => {
      createRequest(spec).type = "object";
    },
    expected: [change("breaking", "request-body-became-not-nullable", CREATE, CREATE_REQUEST)],
  },
  {
    rule: "request-body-became-enum",
    title: "the create body is restricted to one body (openapi-typescript drops object enums: spec-only)",
    edit: (spec) => {
      createRequest(spec).enum = [{ name: "ci" }];
    },
    expected: [change("spec-only", "request-body-became-enum", CREATE, `${CREATE_REQUEST}/enum`)],
  },
  {
    rule: "request-body-enum-value-removed",
    title: "one of the two bodies the create request allows is dropped",
    prepare: (spec) => {
      createRequest(spec).enum = [{ name: "ci" }, { name: "rotation" }];
    },
    edit: (spec) => {
      createRequest(spec).enum = [{ name: "ci" }];
    },
    expected: [change("spec-only", "request-body-enum-value-removed", CREATE, `${CREATE_REQUEST}/enum`)],
  },
  {
    rule: "request-body-default-value-added",
    title: "the create body gets a default",
    edit: (spec) => {
      createRequest(spec).default = { name: "ci" };
    },
    expected: [change("spec-only", "request-body-default-value-added", CREATE, `${CREATE_REQUEST}/default`)],
  },
  {
    rule: "request-body-default-value-changed",
    title: "the create body's default changes",
    prepare: (spec) => {
      createRequest(spec).default = { name: "ci" };
    },
    edit: (spec) => {
      createRequest(spec).default = { name: "rotation" };
    },
    expected: [change("spec-only", "request-body-default-value-changed", CREATE, `${CREATE_REQUEST}/default`)],
  },
  {
    rule: "request-body-default-value-removed",
    title: "the create body loses its default",
    prepare: (spec) => {
      createRequest(spec).default = { name: "ci" };
    },
    edit: (spec) => spec.remove("components", "schemas", "AdminApiKeyCreateRequest", "default"),
    expected: [change("spec-only", "request-body-default-value-removed", CREATE, `${CREATE_REQUEST}/default`)],
  },

  // Values sent: anywhere
  {
    rule: "request-enum-widened",
    title: "order accepts any string",
    edit: (spec) => spec.remove("components", "parameters", "Order", "schema", "enum"),
    expected: [change("non-breaking", "request-enum-widened", GET_LIST, "/components/parameters/Order/schema/enum")],
  },
  {
    rule: "request-enum-widened",
    title: "the create body's list of bodies grows (oasdiff has no id for it)",
    prepare: (spec) => {
      createRequest(spec).enum = [{ name: "ci" }];
    },
    edit: (spec) => {
      createRequest(spec).enum = [{ name: "ci" }, { name: "rotation" }];
    },
    expected: [change("non-breaking", "request-enum-widened", CREATE, `${CREATE_REQUEST}/enum`)],
  },
  {
    rule: "request-bounds-narrowed",
    title: "limit at most 50 (types cannot see bounds: spec-only)",
    edit: (spec) => {
      param(spec, "Limit").maximum = 50;
    },
    expected: [change("spec-only", "request-bounds-narrowed", GET_LIST, "/components/parameters/Limit/schema/maximum")],
  },
  {
    rule: "request-bounds-narrowed",
    title: "key IDs must match a pattern",
    edit: (spec) => {
      param(spec, "KeyId").pattern = "^key_[A-Za-z0-9]+$";
    },
    expected: [GET_ONE, DELETE].map((operation) => change("spec-only", "request-bounds-narrowed", operation, "/components/parameters/KeyId/schema/pattern")),
  },
  {
    rule: "request-bounds-narrowed",
    title: "limit in steps of 4 instead of 2",
    prepare: (spec) => {
      param(spec, "Limit").multipleOf = 2;
    },
    edit: (spec) => {
      param(spec, "Limit").multipleOf = 4;
    },
    expected: [change("spec-only", "request-bounds-narrowed", GET_LIST, "/components/parameters/Limit/schema/multipleOf")],
  },
  {
    rule: "request-bounds-widened",
    title: "keys may live two years",
    edit: (spec) => {
      field(spec, "AdminApiKeyCreateRequest", "expires_in_seconds").maximum = 63072000;
    },
    expected: [change("non-breaking", "request-bounds-widened", CREATE, `${CREATE_REQUEST}/properties/expires_in_seconds/maximum`)],
  },
  {
    rule: "request-bounds-widened",
    title: "limit in steps of 2 instead of 4, and no lower bound",
    prepare: (spec) => {
      param(spec, "Limit").multipleOf = 4;
    },
    edit: (spec) => {
      const limit = param(spec, "Limit");
      limit.multipleOf = 2;
      delete limit.minimum;
    },
    expected: [
      change("non-breaking", "request-bounds-widened", GET_LIST, "/components/parameters/Limit/schema/minimum"),
      change("non-breaking", "request-bounds-widened", GET_LIST, "/components/parameters/Limit/schema/multipleOf"),
    ],
  },
  {
    rule: "format-changed",
    title: "expires_in_seconds gains format int64 (types cannot see formats: spec-only)",
    edit: (spec) => {
      field(spec, "AdminApiKeyCreateRequest", "expires_in_seconds").format = "int64";
    },
    expected: [change("spec-only", "format-changed", CREATE, `${CREATE_REQUEST}/properties/expires_in_seconds/format`)],
  },
  {
    rule: "format-changed",
    title: "a format inside an anyOf branch is named in that branch",
    prepare: (spec) => {
      spec.get("components", "schemas", "AdminApiKey", "properties").expires_at = { anyOf: [{ type: "integer", format: "unixtime" }, { type: "null" }] };
    },
    edit: (spec) => {
      const [integer] = spec.list("components", "schemas", "AdminApiKey", "properties", "expires_at", "anyOf");
      if (typeof integer !== "object" || integer === null || Array.isArray(integer)) throw new Error("test bug: expires_at has changed shape");
      integer.format = "date-time";
    },
    expected: [GET_LIST, CREATE, GET_ONE].map((operation) => change("spec-only", "format-changed", operation, "/components/schemas/AdminApiKey/properties/expires_at/anyOf/0/format")),
  },

  // Responses
  {
    rule: "response-success-status-removed",
    title: "DELETE no longer documents its 200",
    edit: (spec) => spec.remove("paths", ONE, "delete", "responses", "200"),
    expected: [change("breaking", "response-success-status-removed", DELETE, `${ONE_AT}/delete/responses/200`)],
  },
  {
    rule: "response-non-success-status-removed",
    title: "GET one no longer documents 404",
    edit: (spec) => spec.remove("paths", ONE, "get", "responses", "404"),
    expected: [change("breaking", "response-non-success-status-removed", GET_ONE, `${ONE_AT}/get/responses/404`)],
  },
  {
    rule: "response-success-status-added",
    title: "create documents a 202",
    edit: (spec) => {
      spec.get("paths", LIST, "post", "responses")["202"] = { description: "Accepted; the key is created later." };
    },
    expected: [change("non-breaking", "response-success-status-added", CREATE, `${LIST_AT}/post/responses/202`)],
  },
  {
    rule: "response-non-success-status-added",
    title: "create documents a 409",
    edit: (spec) => {
      spec.get("paths", LIST, "post", "responses")["409"] = { $ref: "#/components/responses/BadRequest" };
    },
    expected: [change("non-breaking", "response-non-success-status-added", CREATE, `${LIST_AT}/post/responses/409`)],
  },
  {
    rule: "response-media-type-removed",
    title: "DELETE's answer has no JSON body any more",
    edit: (spec) => spec.remove("paths", ONE, "delete", "responses", "200", "content", "application/json"),
    expected: [change("breaking", "response-media-type-removed", DELETE, `${ONE_AT}/delete/responses/200/content/application~1json`)],
  },
  {
    rule: "response-media-type-added",
    title: "the list can also be had as CSV",
    edit: (spec) => {
      spec.get("paths", LIST, "get", "responses", "200", "content")["text/csv"] = { schema: { type: "string" } };
    },
    expected: [change("non-breaking", "response-media-type-added", GET_LIST, `${LIST_AT}/get/responses/200/content/text~1csv`)],
  },
  {
    rule: "response-required-property-removed",
    title: "the delete confirmation loses `deleted`",
    edit: (spec) => {
      spec.remove("components", "schemas", "AdminApiKeyDeleteResponse", "properties", "deleted");
      deleteResponse(spec).required = ["id", "object"];
    },
    expected: [change("breaking", "response-required-property-removed", DELETE, `${DELETE_RESPONSE}/properties/deleted`)],
  },
  {
    rule: "response-optional-property-removed",
    title: "a field of a schema merged through allOf is named where it is declared",
    edit: (spec) => spec.remove("components", "schemas", "AdminApiKey", "properties", "last_used_at"),
    expected: [GET_LIST, CREATE, GET_ONE].map((operation) => change("breaking", "response-optional-property-removed", operation, "/components/schemas/AdminApiKey/properties/last_used_at")),
  },
  {
    rule: "response-required-property-added",
    title: "the delete confirmation gains a required deleted_at",
    edit: (spec) => {
      spec.get("components", "schemas", "AdminApiKeyDeleteResponse", "properties").deleted_at = { type: "integer", format: "unixtime" };
      spec.list("components", "schemas", "AdminApiKeyDeleteResponse", "required").push("deleted_at");
    },
    expected: [change("non-breaking", "response-required-property-added", DELETE, `${DELETE_RESPONSE}/properties/deleted_at`)],
  },
  {
    rule: "response-optional-property-added",
    title: "the delete confirmation gains an optional deleted_at",
    edit: (spec) => {
      spec.get("components", "schemas", "AdminApiKeyDeleteResponse", "properties").deleted_at = { type: "integer", format: "unixtime" };
    },
    expected: [change("non-breaking", "response-optional-property-added", DELETE, `${DELETE_RESPONSE}/properties/deleted_at`)],
  },
  {
    rule: "response-property-became-optional",
    title: "`deleted` may be missing",
    edit: (spec) => {
      deleteResponse(spec).required = ["id", "object"];
    },
    expected: [change("breaking", "response-property-became-optional", DELETE, `${DELETE_RESPONSE}/properties/deleted`)],
  },
  {
    rule: "response-property-became-required",
    title: "first_id is always present",
    edit: (spec) => {
      spec.list("components", "schemas", "ApiKeyList", "required").push("first_id");
    },
    expected: [change("non-breaking", "response-property-became-required", GET_LIST, "/components/schemas/ApiKeyList/properties/first_id")],
  },
  {
    rule: "response-property-type-changed",
    title: "`deleted` becomes a string",
    edit: (spec) => {
      field(spec, "AdminApiKeyDeleteResponse", "deleted").type = "string";
    },
    expected: [change("breaking", "response-property-type-changed", DELETE, `${DELETE_RESPONSE}/properties/deleted`)],
  },
  {
    rule: "response-property-became-nullable",
    title: "the deleted key's id may be null",
    edit: (spec) => Object.assign(field(spec, "AdminApiKeyDeleteResponse", "id"), nullable("string")),
    expected: [change("breaking", "response-property-became-nullable", DELETE, `${DELETE_RESPONSE}/properties/id`)],
  },
  {
    rule: "response-property-became-not-nullable",
    title: "first_id is never null",
    prepare: (spec) => {
      spec.get("components", "schemas", "ApiKeyList", "properties").first_id = { anyOf: [{ type: "string" }, { type: "null" }] };
    },
    edit: (spec) => {
      spec.get("components", "schemas", "ApiKeyList", "properties").first_id = { type: "string" };
    },
    expected: [change("non-breaking", "response-property-became-not-nullable", GET_LIST, "/components/schemas/ApiKeyList/properties/first_id")],
  },
  {
    rule: "response-property-enum-value-added",
    title: "the delete confirmation's object gains a value",
    edit: (spec) => {
      field(spec, "AdminApiKeyDeleteResponse", "object").enum = ["organization.admin_api_key.deleted", "organization.admin_api_key.revoked"];
    },
    expected: [change("breaking", "response-property-enum-value-added", DELETE, `${DELETE_RESPONSE}/properties/object/enum`)],
  },
  {
    rule: "response-property-enum-value-removed",
    title: "the delete confirmation's object loses a value",
    prepare: (spec) => {
      field(spec, "AdminApiKeyDeleteResponse", "object").enum = ["organization.admin_api_key.deleted", "organization.admin_api_key.revoked"];
    },
    edit: (spec) => {
      field(spec, "AdminApiKeyDeleteResponse", "object").enum = ["organization.admin_api_key.deleted"];
    },
    expected: [change("breaking", "response-property-enum-value-removed", DELETE, `${DELETE_RESPONSE}/properties/object/enum`)],
  },
  {
    rule: "response-body-type-changed",
    title: "the delete confirmation becomes an array",
    edit: (spec) => {
      deleteResponse(spec).type = "array";
    },
    expected: [change("breaking", "response-body-type-changed", DELETE, DELETE_RESPONSE)],
  },
  {
    rule: "response-body-became-nullable",
    title: "the delete confirmation may be null",
    edit: (spec) => Object.assign(deleteResponse(spec), nullable("object")),
    expected: [change("breaking", "response-body-became-nullable", DELETE, DELETE_RESPONSE)],
  },
  {
    rule: "response-body-became-not-nullable",
    title: "a nullable delete confirmation is never null",
    prepare: (spec) => Object.assign(deleteResponse(spec), nullable("object")),
    edit: (spec) => {
      deleteResponse(spec).type = "object";
    },
    expected: [change("non-breaking", "response-body-became-not-nullable", DELETE, DELETE_RESPONSE)],
  },
  {
    rule: "response-mediatype-enum-value-removed",
    title: "one of the two confirmations the delete answer lists is dropped",
    prepare: (spec) => {
      deleteResponse(spec).enum = [
        { id: "key_abc", object: "organization.admin_api_key.deleted", deleted: true },
        { id: "key_def", object: "organization.admin_api_key.deleted", deleted: true },
      ];
    },
    edit: (spec) => {
      deleteResponse(spec).enum = [{ id: "key_abc", object: "organization.admin_api_key.deleted", deleted: true }];
    },
    expected: [change("spec-only", "response-mediatype-enum-value-removed", DELETE, `${DELETE_RESPONSE}/enum`)],
  },
  {
    rule: "response-enum-changed",
    title: "the owner's role, any string so far, gets a list of values",
    edit: (spec) => {
      field(spec, "AdminApiKeyOwner", "role").enum = ["owner", "member"];
    },
    expected: [GET_LIST, CREATE, GET_ONE].map((operation) => change("breaking", "response-enum-changed", operation, "/components/schemas/AdminApiKeyOwner/properties/role/enum")),
  },
  {
    rule: "response-bounds-changed",
    title: "the deleted key's id has a minimum length",
    edit: (spec) => {
      field(spec, "AdminApiKeyDeleteResponse", "id").minLength = 1;
    },
    expected: [change("non-breaking", "response-bounds-changed", DELETE, `${DELETE_RESPONSE}/properties/id/minLength`)],
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
    title: "order gets an explicit serialization style",
    edit: (spec) => {
      spec.parameter("Order").style = "form";
    },
    expected: [change("non-breaking", "unclassified-change", GET_LIST, "/components/parameters/Order/style")],
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
  }, 90_000);

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
    // The kind the table gives, unless the types could not see the break; never "breaking"
    // for a rule the table says the types cannot see (the rule table's "spec-only" level).
    for (const entry of mutation.expected) {
      expect([RULES[rule].kind, "spec-only"]).toContain(entry.kind);
      if (ruleOf(rule).typesSee === false) expect(entry.kind).not.toBe("breaking");
    }
    for (const entry of changes) expect(entry.message.length).toBeGreaterThan(10);
  });
});
