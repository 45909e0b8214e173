// The one table of what a spec change means for the people who import the generated types and
// use the client. compare.ts and compare-schema.ts decide which rule a difference falls under;
// the kind comes from here and nowhere else, so a classification is changed in exactly one place.
//
// Ids: where a rule means what one of oasdiff's checks means (https://github.com/oasdiff/oasdiff,
// the most complete catalogue of OpenAPI changes), it carries that check's id, so a reader who
// knows oasdiff knows the rule, and a CI set-up can move between the two. Levels can differ on
// purpose: this table judges by what the generated types and the client see (oasdiff calls a
// removed deprecated operation INFO; here it still stops code from compiling). Rules without
// an oasdiff counterpart keep ids of their own and say which oasdiff checks come nearest.
//
// "breaking" is provisional: confirm-types.ts downgrades a break the generated types cannot see
// (a bound, a format, a default, the security scheme) to "spec-only". Both fail `spec:diff`.

/** How a rule's change affects consumers, before the generated types have been consulted. */
export type RuleKind = "breaking" | "non-breaking";

interface Rule {
  readonly kind: RuleKind;
  /** What the rule catches and why it has its kind, in a sentence or two. */
  readonly reason: string;
  /** A concrete edit of this project's spec that the rule reports. */
  readonly example: string;
  /**
   * Where the id comes from: "oasdiff" (the same id, the same meaning), or the oasdiff checks
   * that come nearest to a rule of our own (an empty list when none does).
   */
  readonly oasdiff: "same" | readonly string[];
  /** False when the generated types never show this change: a break is then always spec-only. */
  readonly typesSee?: false;
  /** The id this rule had before the ids followed oasdiff's, for readers of old reports. */
  readonly formerly?: string;
}

export const RULES = {
  // ------------------------------------------------------------------ operations
  "api-path-removed-without-deprecation": {
    kind: "breaking",
    reason: "A path is gone with every operation on it, none of them deprecated first: calls stop compiling and the server no longer answers them.",
    example: "`/organization/admin_api_keys/{key_id}` deleted from `paths`",
    oasdiff: "same",
    formerly: "path-removed",
  },
  "api-path-removed-with-deprecation": {
    kind: "breaking",
    reason: "A path is gone whose operations were deprecated: callers were warned, but their calls still stop compiling (oasdiff: INFO).",
    example: "`/organization/admin_api_keys/{key_id}` deleted after its operations had `deprecated: true`",
    oasdiff: "same",
    formerly: "path-removed",
  },
  "api-removed-without-deprecation": {
    kind: "breaking",
    reason: "One operation is gone, not deprecated first, while its path stays: calls to it stop compiling.",
    example: "`delete` removed from `/organization/admin_api_keys/{key_id}`",
    oasdiff: "same",
    formerly: "operation-removed",
  },
  "api-removed-with-deprecation": {
    kind: "breaking",
    reason: "A deprecated operation is gone: callers were warned, but their calls still stop compiling (oasdiff: INFO).",
    example: "`delete` with `deprecated: true` removed from `/organization/admin_api_keys/{key_id}`",
    oasdiff: "same",
    formerly: "operation-removed",
  },
  "endpoint-added": {
    kind: "non-breaking",
    reason: "A new operation takes nothing away from existing callers.",
    example: "`patch` added to `/organization/admin_api_keys/{key_id}`",
    oasdiff: "same",
    formerly: "operation-added",
  },
  "api-operation-id-removed": {
    kind: "breaking",
    reason: 'The operationId changed or went away: code that names the operation through `operations["<id>"]` stops compiling.',
    example: "`operationId: admin-api-keys-get` becomes `admin-api-keys-retrieve`",
    oasdiff: "same",
    formerly: "operation-id-changed",
  },
  "api-operation-id-added": {
    kind: "non-breaking",
    reason: "An operation without an operationId gets one: `operations` gains a name, nothing is taken away.",
    example: "`operationId: admin-api-keys-get` written where there was none",
    oasdiff: "same",
  },
  "endpoint-deprecated": {
    kind: "non-breaking",
    reason: "The operation is marked deprecated: it still works, and the types only gain a `@deprecated` note.",
    example: "`deprecated: true` on `DELETE /organization/admin_api_keys/{key_id}`",
    oasdiff: "same",
  },
  "endpoint-reactivated": {
    kind: "non-breaking",
    reason: "A deprecated operation is no longer deprecated.",
    example: "`deprecated: true` removed from an operation",
    oasdiff: "same",
  },
  "security-changed": {
    kind: "breaking",
    reason: "The authentication an operation needs changed (its requirements, or the scheme they name): callers authenticate the old way and are refused. The types do not describe authentication, so this is always spec-only.",
    example: "the bearer scheme `AdminApiKeyAuth` becomes an `apiKey` header",
    oasdiff: ["api-security-added", "api-security-removed", "api-global-security-added", "api-global-security-removed", "api-security-component-type-changed"],
    typesSee: false,
  },

  // ------------------------------------------------------------------ parameters (path, query, header, cookie)
  "new-required-request-parameter": {
    kind: "breaking",
    reason: "Existing calls do not send the new parameter the server now requires.",
    example: "a required query parameter `project_id` added to `GET /organization/admin_api_keys`",
    oasdiff: "same",
    formerly: "parameter-added-required",
  },
  "new-optional-request-parameter": {
    kind: "non-breaking",
    reason: "Existing calls may leave the new parameter out.",
    example: "an optional query parameter `before` added to `GET /organization/admin_api_keys`",
    oasdiff: "same",
    formerly: "parameter-added-optional",
  },
  "request-parameter-removed": {
    kind: "breaking",
    reason: "Calls that send the parameter stop compiling, and the server ignores or rejects it.",
    example: "`limit` no longer a parameter of `GET /organization/admin_api_keys`",
    oasdiff: "same",
    formerly: "parameter-removed",
  },
  "parameter-renamed": {
    kind: "breaking",
    reason: "A parameter was removed and one with another name but the same place and schema added: calls send the value under the old name.",
    example: "the query parameter `after` becomes `starting_after`",
    oasdiff: ["request-parameter-removed", "new-required-request-parameter", "new-optional-request-parameter"],
  },
  "request-parameter-became-required": {
    kind: "breaking",
    reason: "Calls that left the parameter out are now invalid.",
    example: "`limit` gets `required: true`",
    oasdiff: "same",
    formerly: "parameter-made-required",
  },
  "request-parameter-became-optional": {
    kind: "non-breaking",
    reason: "Every call that was valid stays valid.",
    example: "a required `limit` becomes optional",
    oasdiff: "same",
    formerly: "parameter-made-optional",
  },
  "request-parameter-deprecated": {
    kind: "non-breaking",
    reason: "The parameter is marked deprecated; it still works.",
    example: "`deprecated: true` on the `after` parameter",
    oasdiff: "same",
  },
  "request-parameter-reactivated": {
    kind: "non-breaking",
    reason: "A deprecated parameter is no longer deprecated.",
    example: "`deprecated: true` removed from a parameter",
    oasdiff: "same",
  },

  // ------------------------------------------------------------------ request bodies and their fields
  "request-body-added-optional": {
    kind: "non-breaking",
    reason: "An optional body may be left out, as before.",
    example: "`DELETE /organization/admin_api_keys/{key_id}` accepts an optional JSON body",
    oasdiff: "same",
    formerly: "request-body-added",
  },
  "request-body-added-required": {
    kind: "breaking",
    reason: "Calls without a body, all of them so far, are now invalid.",
    example: "`DELETE /organization/admin_api_keys/{key_id}` requires a JSON body",
    oasdiff: "same",
    formerly: "request-body-made-required",
  },
  "request-body-removed": {
    kind: "breaking",
    reason: "Calls that send a body stop compiling and the server ignores it.",
    example: "`POST /organization/admin_api_keys` takes no body",
    oasdiff: "same",
  },
  "request-body-became-required": {
    kind: "breaking",
    reason: "Calls without a body are now invalid.",
    example: "an optional create body gets `required: true`",
    oasdiff: "same",
    formerly: "request-body-made-required",
  },
  "request-body-became-optional": {
    kind: "non-breaking",
    reason: "Every call that was valid stays valid.",
    example: "the create body gets `required: false`",
    oasdiff: "same",
    formerly: "request-body-made-optional",
  },
  "request-body-media-type-removed": {
    kind: "breaking",
    reason: "Code that sends that media type loses its types and the server refuses it.",
    example: "create no longer accepts `application/json`",
    oasdiff: "same",
    formerly: "media-type-removed",
  },
  "request-body-media-type-added": {
    kind: "non-breaking",
    reason: "An additional media type takes nothing away.",
    example: "create also accepts `application/x-www-form-urlencoded`",
    oasdiff: "same",
    formerly: "media-type-added",
  },
  "new-required-request-property": {
    kind: "breaking",
    reason: "Existing requests lack a field the server now requires (a default does not make it optional for the types).",
    example: "create requires a `project_id`",
    oasdiff: "same",
    formerly: "request-property-added-required",
  },
  "new-optional-request-property": {
    kind: "non-breaking",
    reason: "Existing requests may leave the new field out.",
    example: "create accepts optional `scopes`",
    oasdiff: "same",
    formerly: "request-property-added-optional",
  },
  "request-property-removed": {
    kind: "breaking",
    reason: "Requests that set the field stop compiling and the server ignores or rejects it.",
    example: "`expires_in_seconds` removed from `AdminApiKeyCreateRequest`",
    oasdiff: "same",
  },
  "request-property-became-required": {
    kind: "breaking",
    reason: "Requests that left the field out are now invalid.",
    example: "`expires_in_seconds` added to `required` of `AdminApiKeyCreateRequest`",
    oasdiff: "same",
    formerly: "request-property-made-required",
  },
  "request-property-became-optional": {
    kind: "non-breaking",
    reason: "Every request that was valid stays valid.",
    example: "`name` no longer required by `AdminApiKeyCreateRequest`",
    oasdiff: "same",
    formerly: "request-property-made-optional",
  },

  // ------------------------------------------------------------------ values sent: parameters
  "request-parameter-type-changed": {
    kind: "breaking",
    reason: "The parameter's type changed to one that does not take every old value: callers passing the old type are refused.",
    example: "the `limit` parameter's type `integer` becomes `string`",
    oasdiff: "same",
    formerly: "request-type-narrowed",
  },
  "request-parameter-type-generalized": {
    kind: "non-breaking",
    reason: "The parameter takes every value it took before, and more.",
    example: "the `after` parameter's type `string` becomes `[string, integer]`",
    oasdiff: "same",
    formerly: "request-type-widened",
  },
  "request-parameter-became-nullable": {
    kind: "non-breaking",
    reason: "The parameter also takes null; every old value is still accepted.",
    example: "the `after` parameter's schema becomes `type: [string, 'null']`",
    oasdiff: "same",
    formerly: "request-type-widened",
  },
  "request-parameter-became-not-nullable": {
    kind: "breaking",
    reason: "The parameter no longer takes null: callers passing null are refused.",
    example: "`type: [string, 'null']` of the `after` parameter becomes `type: string`",
    oasdiff: "same",
    formerly: "request-type-narrowed",
  },
  "request-parameter-became-enum": {
    kind: "breaking",
    reason: "A parameter that took any value of its type is restricted to a list.",
    example: "the `after` parameter gets `enum: [key_abc]`",
    oasdiff: "same",
    formerly: "request-enum-narrowed",
  },
  "request-parameter-enum-value-removed": {
    kind: "breaking",
    reason: "Callers sending a value the list dropped are refused.",
    example: "the `order` parameter's `enum: [asc, desc]` becomes `[asc]`",
    oasdiff: "same",
    formerly: "request-enum-narrowed",
  },
  "request-parameter-enum-value-added": {
    kind: "non-breaking",
    reason: "Every value accepted before is still accepted.",
    example: "the `order` parameter also accepts `random`",
    oasdiff: "same",
    formerly: "request-enum-widened",
  },
  "request-parameter-default-value-added": {
    kind: "breaking",
    reason: "Callers that leave the parameter out get a server-chosen value where they got none.",
    example: "the `after` parameter gets `default: key_abc`",
    oasdiff: "same",
    typesSee: false,
    formerly: "default-changed",
  },
  "request-parameter-default-value-changed": {
    kind: "breaking",
    reason: "Callers that leave the parameter out get different behaviour.",
    example: "the `order` parameter's default `asc` becomes `desc`",
    oasdiff: "same",
    typesSee: false,
    formerly: "default-changed",
  },
  "request-parameter-default-value-removed": {
    kind: "breaking",
    reason: "Callers that leave the parameter out no longer know what the server assumes.",
    example: "`default: 20` removed from the `limit` parameter",
    oasdiff: "same",
    typesSee: false,
    formerly: "default-changed",
  },

  // ------------------------------------------------------------------ values sent: request body fields
  "request-property-type-changed": {
    kind: "breaking",
    reason: "The field's type changed to one that does not take every old value: requests with the old type are refused.",
    example: "`name` in `AdminApiKeyCreateRequest` becomes an `integer`",
    oasdiff: "same",
    formerly: "request-type-narrowed",
  },
  "request-property-type-generalized": {
    kind: "non-breaking",
    reason: "The field takes every value it took before, and more.",
    example: "`expires_in_seconds` goes from `integer` to `[integer, string]`",
    oasdiff: "same",
    formerly: "request-type-widened",
  },
  "request-property-became-nullable": {
    kind: "non-breaking",
    reason: "The field also takes null; every old value is still accepted.",
    example: "`name` in `AdminApiKeyCreateRequest` becomes `type: [string, 'null']`",
    oasdiff: "same",
    formerly: "request-type-widened",
  },
  "request-property-became-not-nullable": {
    kind: "breaking",
    reason: "The field no longer takes null: requests sending null are refused.",
    example: "`type: [string, 'null']` of `name` becomes `type: string`",
    oasdiff: "same",
    formerly: "request-type-narrowed",
  },
  "request-property-became-enum": {
    kind: "breaking",
    reason: "A field that took any value of its type is restricted to a list.",
    example: "`name` gets `enum: [ci, rotation]`",
    oasdiff: "same",
    formerly: "request-enum-narrowed",
  },
  "request-property-enum-value-removed": {
    kind: "breaking",
    reason: "Requests sending a value the list dropped are refused.",
    example: "`name`'s `enum: [ci, rotation]` becomes `[ci]`",
    oasdiff: "same",
    formerly: "request-enum-narrowed",
  },
  "request-property-enum-value-added": {
    kind: "non-breaking",
    reason: "Every value accepted before is still accepted.",
    example: "`name`'s `enum: [ci]` becomes `[ci, rotation]`",
    oasdiff: "same",
    formerly: "request-enum-widened",
  },
  "request-property-default-value-added": {
    kind: "breaking",
    reason: "Requests that leave the field out get a server-chosen value where they got none. openapi-typescript makes a schema component's field with a default required, so the types usually show it.",
    example: "`expires_in_seconds` gets `default: 86400`",
    oasdiff: "same",
    formerly: "default-changed",
  },
  "request-property-default-value-changed": {
    kind: "breaking",
    reason: "Requests that leave the field out get different behaviour.",
    example: "`expires_in_seconds`'s default `86400` becomes `3600`",
    oasdiff: "same",
    formerly: "default-changed",
  },
  "request-property-default-value-removed": {
    kind: "breaking",
    reason: "Requests that leave the field out no longer know what the server assumes; a component's field that had a default becomes optional in the types.",
    example: "`default` removed from `expires_in_seconds`",
    oasdiff: "same",
    formerly: "default-changed",
  },

  // ------------------------------------------------------------------ values sent: the request body as a whole
  "request-body-type-changed": {
    kind: "breaking",
    reason: "The body's type changed to one that does not take every old body.",
    example: "`AdminApiKeyCreateRequest`'s `type: object` becomes `type: array`",
    oasdiff: "same",
    formerly: "request-type-narrowed",
  },
  "request-body-type-generalized": {
    kind: "non-breaking",
    reason: "The body takes every value it took before, and more.",
    example: "`AdminApiKeyCreateRequest`'s `type: object` becomes `[object, array]`",
    oasdiff: "same",
    formerly: "request-type-widened",
  },
  "request-body-became-nullable": {
    kind: "non-breaking",
    reason: "The body may also be null; every old body is still accepted.",
    example: "`AdminApiKeyCreateRequest` becomes `type: [object, 'null']`",
    oasdiff: "same",
    formerly: "request-type-widened",
  },
  "request-body-became-not-nullable": {
    kind: "breaking",
    reason: "A null body is no longer accepted.",
    example: "`type: [object, 'null']` of `AdminApiKeyCreateRequest` becomes `type: object`",
    oasdiff: "same",
    formerly: "request-type-narrowed",
  },
  "request-body-became-enum": {
    kind: "breaking",
    reason: "A body that could be any value of its type is restricted to a list.",
    example: "`AdminApiKeyCreateRequest` gets `enum: [{ name: ci }]`",
    oasdiff: "same",
    formerly: "request-enum-narrowed",
  },
  "request-body-enum-value-removed": {
    kind: "breaking",
    reason: "Requests sending a body the list dropped are refused.",
    example: "one of the two bodies in `AdminApiKeyCreateRequest`'s `enum` removed",
    oasdiff: "same",
    formerly: "request-enum-narrowed",
  },
  "request-body-default-value-added": {
    kind: "breaking",
    reason: "Requests without a body get a server-chosen one where they got none.",
    example: "`AdminApiKeyCreateRequest` gets `default: { name: ci }`",
    oasdiff: "same",
    typesSee: false,
    formerly: "default-changed",
  },
  "request-body-default-value-changed": {
    kind: "breaking",
    reason: "Requests without a body get a different one.",
    example: "`AdminApiKeyCreateRequest`'s default body changes",
    oasdiff: "same",
    typesSee: false,
    formerly: "default-changed",
  },
  "request-body-default-value-removed": {
    kind: "breaking",
    reason: "Requests without a body no longer know what the server assumes.",
    example: "`default` removed from `AdminApiKeyCreateRequest`",
    oasdiff: "same",
    typesSee: false,
    formerly: "default-changed",
  },

  // ------------------------------------------------------------------ values sent: anywhere
  "request-enum-widened": {
    kind: "non-breaking",
    reason: "A list of allowed values was dropped, or a request body's list grew: every value accepted before is still accepted.",
    example: "`enum: [asc, desc]` removed from the `order` parameter",
    oasdiff: ["request-parameter-enum-value-added", "request-property-enum-value-added"],
  },
  "request-bounds-narrowed": {
    kind: "breaking",
    reason: "A bound (minimum, maximum, lengths, item counts, pattern, multipleOf, uniqueItems) now refuses values that were accepted. The types do not show bounds: always spec-only.",
    example: "the `limit` parameter's `maximum: 100` becomes `50`",
    oasdiff: ["request-parameter-max-decreased", "request-parameter-min-increased", "request-property-max-length-decreased", "request-property-min-length-increased", "request-parameter-pattern-added", "request-property-max-set"],
    typesSee: false,
  },
  "request-bounds-widened": {
    kind: "non-breaking",
    reason: "A bound was relaxed or removed: every value accepted before is still accepted.",
    example: "`expires_in_seconds`' `maximum: 31536000` becomes `63072000`",
    oasdiff: ["request-parameter-max-increased", "request-parameter-min-decreased", "request-property-max-length-increased", "request-property-min-length-decreased", "request-parameter-pattern-removed"],
  },
  "format-changed": {
    kind: "breaking",
    reason: "The same JSON type now carries a different meaning (Unix seconds vs an ISO date, int32 vs int64). The types do not show formats: always spec-only.",
    example: "`expires_in_seconds` gets `format: int64`",
    oasdiff: ["request-property-type-changed", "response-property-type-changed"],
    typesSee: false,
  },

  // ------------------------------------------------------------------ responses
  "response-success-status-removed": {
    kind: "breaking",
    reason: "A 2xx answer is no longer documented: code that handles it through the typed response stops compiling.",
    example: "`200` removed from `DELETE /organization/admin_api_keys/{key_id}`",
    oasdiff: "same",
    formerly: "response-status-removed",
  },
  "response-non-success-status-removed": {
    kind: "breaking",
    reason: "An error answer (not 2xx) is no longer documented: code that reads its typed body stops compiling.",
    example: "`404` removed from `GET /organization/admin_api_keys/{key_id}`",
    oasdiff: "same",
    formerly: "response-status-removed",
  },
  "response-success-status-added": {
    kind: "non-breaking",
    reason: "A newly documented 2xx answer adds to what callers may handle.",
    example: "create documents a `202`",
    oasdiff: "same",
    formerly: "response-status-added",
  },
  "response-non-success-status-added": {
    kind: "non-breaking",
    reason: "A newly documented error answer adds to what callers may handle.",
    example: "create documents a `409`",
    oasdiff: "same",
    formerly: "response-status-added",
  },
  "response-media-type-removed": {
    kind: "breaking",
    reason: "Code that reads that media type of the answer loses its types.",
    example: "the `200` of `DELETE` no longer has an `application/json` body",
    oasdiff: "same",
    formerly: "media-type-removed",
  },
  "response-media-type-added": {
    kind: "non-breaking",
    reason: "An additional media type takes nothing away.",
    example: "the `200` of `GET /organization/admin_api_keys` also offers `text/csv`",
    oasdiff: "same",
    formerly: "media-type-added",
  },
  "response-required-property-removed": {
    kind: "breaking",
    reason: "A field every answer had is gone: code that reads it stops compiling.",
    example: "`deleted` removed from `AdminApiKeyDeleteResponse`",
    oasdiff: "same",
    formerly: "response-property-removed",
  },
  "response-optional-property-removed": {
    kind: "breaking",
    reason: "A field some answers had is gone: code that reads it stops compiling.",
    example: "`last_used_at` removed from `AdminApiKey`",
    oasdiff: "same",
    formerly: "response-property-removed",
  },
  "response-required-property-added": {
    kind: "non-breaking",
    reason: "Callers can ignore a field they do not know.",
    example: "`AdminApiKeyDeleteResponse` gains a required `deleted_at`",
    oasdiff: "same",
    formerly: "response-property-added",
  },
  "response-optional-property-added": {
    kind: "non-breaking",
    reason: "Callers can ignore a field they do not know.",
    example: "`AdminApiKeyDeleteResponse` gains an optional `deleted_at`",
    oasdiff: "same",
    formerly: "response-property-added",
  },
  "response-property-became-optional": {
    kind: "breaking",
    reason: "Code that reads the field must now handle its absence.",
    example: "`deleted` no longer in `required` of `AdminApiKeyDeleteResponse`",
    oasdiff: "same",
    formerly: "response-property-made-optional",
  },
  "response-property-became-required": {
    kind: "non-breaking",
    reason: "A field that is always there is still safe to treat as optional.",
    example: "`first_id` added to `required` of `ApiKeyList`",
    oasdiff: "same",
    formerly: "response-property-made-required",
  },
  "response-property-type-changed": {
    kind: "breaking",
    reason: "Code that reads the field as the old type breaks.",
    example: "`deleted` in `AdminApiKeyDeleteResponse` becomes a `string`",
    oasdiff: "same",
    formerly: "response-type-changed",
  },
  "response-property-became-nullable": {
    kind: "breaking",
    reason: "Code that reads the field must now handle null.",
    example: "`id` in `AdminApiKeyDeleteResponse` becomes `type: [string, 'null']`",
    oasdiff: "same",
    formerly: "response-made-nullable",
  },
  "response-property-became-not-nullable": {
    kind: "non-breaking",
    reason: "Code that handles null keeps working when null never comes.",
    example: "`first_id` in `ApiKeyList` is never null",
    oasdiff: "same",
    formerly: "response-nullable-removed",
  },
  "response-property-enum-value-added": {
    kind: "breaking",
    reason: "Code that switches over the field's values meets one it does not know (oasdiff: INFO, with a warning to use x-extensible-enum).",
    example: "`object` in `AdminApiKeyDeleteResponse` may also be `organization.admin_api_key.revoked`",
    oasdiff: "same",
    formerly: "response-enum-changed",
  },
  "response-property-enum-value-removed": {
    kind: "breaking",
    reason: "Code that compares the field with a value that never comes stops compiling.",
    example: "`owner.role`'s `enum: [owner, member]` becomes `[owner]`",
    oasdiff: "same",
    formerly: "response-enum-changed",
  },
  "response-body-type-changed": {
    kind: "breaking",
    reason: "Code that reads the answer as the old type breaks.",
    example: "`AdminApiKeyDeleteResponse`'s `type: object` becomes `type: array`",
    oasdiff: "same",
    formerly: "response-type-changed",
  },
  "response-body-became-nullable": {
    kind: "breaking",
    reason: "Code that reads the answer must now handle null.",
    example: "`AdminApiKeyDeleteResponse` becomes `type: [object, 'null']`",
    oasdiff: "same",
    formerly: "response-made-nullable",
  },
  "response-body-became-not-nullable": {
    kind: "non-breaking",
    reason: "Code that handles a null answer keeps working when null never comes.",
    example: "`type: [object, 'null']` of `AdminApiKeyDeleteResponse` becomes `type: object`",
    oasdiff: "same",
    formerly: "response-nullable-removed",
  },
  "response-mediatype-enum-value-removed": {
    kind: "breaking",
    reason: "Code that compares the answer with a value that never comes stops compiling.",
    example: "one of the bodies listed in a response schema's `enum` removed",
    oasdiff: "same",
    formerly: "response-enum-changed",
  },
  "response-enum-changed": {
    kind: "breaking",
    reason: "A response value gained or lost its list of values, or a whole answer's list grew: code that switches over the values meets one it does not know, or misses one.",
    example: "`enum` added to `owner.role`, where any string was allowed",
    oasdiff: ["response-property-enum-value-added", "response-property-enum-value-removed"],
  },
  "response-bounds-changed": {
    kind: "non-breaking",
    reason: "Readers do not depend on the documented bounds of a value.",
    example: "`id` in `AdminApiKeyDeleteResponse` gets `minLength: 1`",
    oasdiff: ["response-property-max-increased", "response-property-min-decreased", "response-property-max-length-increased", "response-property-min-length-decreased"],
  },

  // ------------------------------------------------------------------ documentation and the rest
  "description-changed": {
    kind: "non-breaking",
    reason: "Wording changes nothing a program can observe.",
    example: "the `limit` parameter's description reworded",
    oasdiff: [],
  },
  "example-changed": {
    kind: "non-breaking",
    reason: "Examples change nothing a program can observe.",
    example: "the `limit` parameter's `example: 20` becomes `50`",
    oasdiff: [],
  },
  "unclassified-change": {
    kind: "non-breaking",
    reason: "A keyword this table does not classify changed (a parameter's `style`, a schema's `readOnly`, …); review it by hand.",
    example: "`style: form` added to the `order` parameter",
    oasdiff: [],
  },
} as const satisfies Record<string, Rule>;

export type RuleId = keyof typeof RULES;

export const RULE_IDS = Object.keys(RULES) as readonly RuleId[];

/** The rule's entry, widened to the Rule shape (the literal table has no absent fields). */
export function ruleOf(id: RuleId): Rule {
  return RULES[id];
}
