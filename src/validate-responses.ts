/**
 * Importing this module turns on what `validateResponses: "warn" | "strict"` needs: the
 * validators of the spec's 2xx bodies, generated from spec/openapi.yaml. The package root leaves
 * them out, so a program that does not import this bundles none of them.
 *
 * @example
 * ```ts
 * import "openai-admin-keys/validate-responses";
 * import { createAdminKeysClient } from "openai-admin-keys";
 *
 * const client = createAdminKeysClient({ validateResponses: "strict" });
 * ```
 * @module
 */

import type { operationConstraints } from "../generated/client.js";
import {
  type SchemaValidator,
  validateAdminApiKey,
  validateAdminApiKeyCreateResponse,
  validateAdminApiKeyDeleteResponse,
  validateApiKeyList,
} from "../generated/validators.js";
import { installResponseCheck, type ResponseProblem } from "./response-check.js";

type OperationId = (typeof operationConstraints)[keyof typeof operationConstraints]["operationId"];

// Keyed by every operationId of the spec: one more operation without a schema here fails to compile.
const VALIDATOR_BY_OPERATION: Readonly<Record<OperationId, SchemaValidator>> = {
  "admin-api-keys-list": validateApiKeyList,
  "admin-api-keys-create": validateAdminApiKeyCreateResponse,
  "admin-api-keys-get": validateAdminApiKey,
  "admin-api-keys-delete": validateAdminApiKeyDeleteResponse,
};

function isOperationId(id: string): id is OperationId {
  return Object.hasOwn(VALIDATOR_BY_OPERATION, id);
}

installResponseCheck((operationId: string, body: unknown): ResponseProblem | undefined => {
  if (!isOperationId(operationId)) return undefined;
  const validate = VALIDATOR_BY_OPERATION[operationId];
  if (validate(body)) return undefined;
  // A generated validator that returns false has set `errors` to a non-empty list whose entries
  // all have a message (generated/validators.ts): the `?.` and `??` below only satisfy the types.
  // Stryker disable next-line OptionalChaining: errors is always a non-empty array here (see above)
  const first = validate.errors?.[0];
  // Stryker disable next-line OptionalChaining,StringLiteral: first is always defined and has a message (see above), so neither fallback is ever used
  return { pointer: first?.instancePath ?? "", expected: first?.message ?? "a value the schema allows" };
});
