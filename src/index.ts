// The package root: the client factory, its options, pages, errors and the key types, and the
// day-two workflows built on them (audit, rotation, finding what a create of unknown outcome made).

export { type AdminApiKeys, type AdminKeysClient, createAdminKeysClient } from "./client.js";
export type { ClientOptions } from "./client-options.js";
export { APIPromise, type WithResponse } from "./api-promise.js";
export { LOG_LEVEL_ENV, type LogDetails, type Logger, type LogLevel } from "./logger.js";
export type { ResponseValidationMode } from "./response-check.js";
export type { RequestOptions } from "./request-options.js";
export { Page, PagePromise } from "./pagination.js";
export { hideSecrets } from "./redact.js";
export {
  AdminKeysError,
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  type APIErrorDetails,
  APIUserAbortError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  InternalServerError,
  InvalidParameterError,
  NotFoundError,
  PaginationError,
  type PaginationErrorReason,
  PermissionDeniedError,
  RateLimitError,
  ResponseTooLargeError,
  ResponseValidationError,
  UnprocessableEntityError,
} from "./errors.js";
export {
  AUDIT_RULES,
  type AuditFinding,
  type AuditOptions,
  type AuditPolicy,
  type AuditRule,
  auditKey,
  auditKeys,
  checkAuditPolicy,
  DEFAULT_AUDIT_POLICY,
} from "./audit-keys.js";
export { type CreateAttempt, createOutcomeUnknown, DEFAULT_CLOCK_SLACK_SECONDS, findKeysFromUnknownCreate } from "./create-recovery.js";
export {
  type KeyPresence,
  type RotateKeyOptions,
  RotationError,
  type RotationFailedStep,
  type RotationRemedy,
  type RotationReport,
  type RotationState,
  type RotationStep,
  type RotationStepName,
  rotateKey,
} from "./rotate-key.js";
export type {
  AdminApiKey,
  AdminApiKeyCreateRequest as AdminApiKeyCreateParams,
  AdminApiKeyCreateResponse,
  AdminApiKeyDeleteResponse,
  AdminApiKeyOwner,
  AdminApiKeysListQuery as AdminApiKeyListParams,
  ApiKeyList,
} from "../generated/client.js";
