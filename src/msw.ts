// openai-admin-keys/msw: the emulator's core as MSW 2 request handlers, so a test suite that
// already runs `setupServer` (or `setupWorker`) adds the admin API keys endpoints in one line.
// This is the one file that imports msw, an optional peer dependency: nothing else in the package
// loads it, and openai-admin-keys/testing works without it installed.

import { type HttpHandler, HttpResponse, http } from "msw";
import { type MockApi, createMockApi } from "./testing/index.js";
import { routePrefixes } from "./testing/routing.js";

export { createMockApi, type MockApi, type MockApiOptions } from "./testing/index.js";

/**
 * The real API's base URL. {@link adminKeysHandlers} answers it by default, beside the mock's own
 * URL, so code that uses the client's default `baseUrl` is served too.
 *
 * @example
 * ```ts
 * adminKeysHandlers(mock, { baseUrl: OPENAI_API_URL }); // only the real API's URL
 * ```
 */
export const OPENAI_API_URL = "https://api.openai.com/v1";

/**
 * Options of {@link adminKeysHandlers}.
 *
 * @example
 * ```ts
 * const options: AdminKeysHandlerOptions = { baseUrl: ["https://api.openai.com/v1", "http://localhost:8080/v1"] };
 * ```
 */
export interface AdminKeysHandlerOptions {
  /**
   * The base URLs to answer, each an http(s) origin followed by `/v1` (the spec's base path, which
   * is what the emulator routes). Default: the mock's own `url` and {@link OPENAI_API_URL}.
   */
  readonly baseUrl?: string | readonly string[];
}

/**
 * MSW 2 request handlers that answer the admin API keys endpoints from an emulator: every request
 * to a path of the API under each base URL goes to `mock.fetch`, with the mock's state, faults,
 * auth and request log. Paths beside the API's (other OpenAI endpoints) are left to your other
 * handlers; paths beneath it that the spec does not have get the emulator's 404 or 405. A `drop`
 * fault (and a request while the mock is closed) is a network error (`HttpResponse.error()`).
 *
 * Create the client after `server.listen()`: MSW replaces the global fetch there, and a client
 * keeps the fetch it was created with.
 *
 * @example
 * ```ts
 * import { setupServer } from "msw/node";
 * import { adminKeysHandlers, createMockApi } from "openai-admin-keys/msw";
 *
 * const mock = createMockApi({ seed: 20 });
 * const server = setupServer(...adminKeysHandlers(mock));
 * server.listen();
 * const client = createAdminKeysClient({ apiKey: mock.apiKey, baseUrl: mock.url });
 * expect((await client.adminApiKeys.list()).data).toHaveLength(20);
 * expect(mock.requests.count("admin-api-keys-list")).toBe(1);
 * server.close();
 * ```
 */
export function adminKeysHandlers(mock: MockApi, options: AdminKeysHandlerOptions = {}): HttpHandler[] {
  const given = options.baseUrl ?? [mock.url, OPENAI_API_URL];
  // Anything but an array is one base URL, so a wrong type (a URL object, say) gets checkBaseUrl's message.
  const list: readonly unknown[] = Array.isArray(given) ? given : [given];
  const bases = [...new Set(list.map(checkBaseUrl))];
  const answer = async ({ request }: { request: Request }): Promise<Response> => {
    try {
      return await mock.fetch(request);
    } catch {
      // The core rejects only where a socket would fail (a drop, a closed mock, an unreadable body
      // or an abort); MSW's way to say so is a network error.
      return HttpResponse.error();
    }
  };
  return bases.flatMap((base) => routePrefixes().flatMap((prefix) => [http.all(`${base}${prefix}`, answer), http.all(`${base}${prefix}/*`, answer)]));
}

function checkBaseUrl(value: unknown): string {
  const url = typeof value === "string" && URL.canParse(value) ? new URL(value) : undefined;
  const path = url?.pathname.replace(/\/+$/, "");
  if (url === undefined || (url.protocol !== "https:" && url.protocol !== "http:") || path !== "/v1" || url.search !== "" || url.hash !== "") {
    throw new TypeError(
      `adminKeysHandlers: baseUrl must be an http(s) origin followed by /v1, such as "${OPENAI_API_URL}" (the emulator answers the spec's /v1 paths); got ${typeof value === "string" ? JSON.stringify(value) : typeof value}.`,
    );
  }
  return `${url.origin}/v1`;
}
