// The package root: the client factory, its options, pages, errors and the key types.

export { type AdminApiKeys, type AdminKeysClient, createAdminKeysClient } from "./client.js";
export type { ClientOptions } from "./options.js";
export type { RequestOptions } from "./transport.js";
export { Page, PagePromise } from "./pagination.js";
export {
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
  PermissionDeniedError,
  RateLimitError,
  UnprocessableEntityError,
} from "./errors.js";
export type {
  AdminApiKey,
  AdminApiKeyCreateRequest as AdminApiKeyCreateParams,
  AdminApiKeyCreateResponse,
  AdminApiKeyDeleteResponse,
  AdminApiKeyOwner,
  AdminApiKeysListQuery as AdminApiKeyListParams,
  ApiKeyList,
} from "../generated/client.js";
