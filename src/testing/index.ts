/**
 * A local, stateful emulator of the OpenAI admin API keys endpoints, for tests and demos: one core
 * (`createMockApi`, a Fetch handler with no socket) and its node:http adapter (`startMockServer`).
 * The MSW adapter is `openai-admin-keys/msw`.
 *
 * @example
 * ```ts
 * import { createMockApi, startMockServer } from "openai-admin-keys/testing";
 * import { createAdminKeysClient } from "openai-admin-keys";
 *
 * const server = await startMockServer({ seed: 250 });
 * const client = createAdminKeysClient({ apiKey: server.apiKey, baseUrl: server.url });
 * for await (const key of client.adminApiKeys.list()) console.log(key.id);
 * await server.close();
 *
 * // The same emulator in process: no port, no socket.
 * const mock = createMockApi({ seed: 250 });
 * const inProcess = createAdminKeysClient({ apiKey: mock.apiKey, baseUrl: mock.url, fetch: mock.fetch });
 * ```
 * @module
 */
export { type MockApi, type MockApiFetch, MOCK_API_URL, createMockApi } from "./mock-api.js";
export { type MockServer, startMockServer } from "./node-adapter.js";
export { RESPONSE_LOG_ENV } from "./mock-response-hooks.js";
export { DEFAULT_MAX_BODY_BYTES, DEFAULT_MOCK_API_KEY, type MockApiOptions, type MockServerOptions } from "./mock-options.js";
export type { FaultOptions, MockFault, MockFaults } from "./faults.js";
export type { MockKeyStore } from "./store.js";
export type { MockKeyInput } from "./records.js";
export type { MockRequestLog, MockRequestRecord, MockResponseRecord } from "./log.js";
export type { OperationId, RouteName } from "./routing.js";
