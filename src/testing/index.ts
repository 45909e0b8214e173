/**
 * A local, stateful server that speaks the OpenAI admin API keys endpoints, for tests and demos.
 *
 * @example
 * ```ts
 * import { startMockServer } from "openai-admin-keys/testing";
 * import { createAdminKeysClient } from "openai-admin-keys";
 *
 * const server = await startMockServer({ seed: 250 });
 * const client = createAdminKeysClient({ apiKey: server.apiKey, baseUrl: server.url });
 * for await (const key of client.adminApiKeys.list()) console.log(key.id);
 * await server.close();
 * ```
 * @module
 */
export { type MockServer, RESPONSE_LOG_ENV, startMockServer } from "./server.js";
export { DEFAULT_MAX_BODY_BYTES, DEFAULT_MOCK_API_KEY, type MockServerOptions } from "./options.js";
export type { FaultOptions, MockFault, MockFaults } from "./faults.js";
export type { MockKeyStore } from "./store.js";
export type { MockKeyInput } from "./records.js";
export type { MockRequestLog, MockRequestRecord, MockResponseRecord } from "./log.js";
export type { OperationId, RouteName } from "./routing.js";
