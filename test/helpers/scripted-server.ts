// A real node:http server on 127.0.0.1 (ephemeral port) whose answers a test scripts, and which
// records every request it receives, so tests count on the server side what the client sent.

import http, { type IncomingHttpHeaders, type ServerResponse } from "node:http";
import net from "node:net";
import { afterEach } from "vitest";

/** A request as the server received it. */
export interface SeenRequest {
  readonly method: string;
  /** The request target exactly as it arrived, e.g. `/v1/organization/admin_api_keys/a%2Fb`. */
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  /** `performance.now()` when the request arrived. */
  readonly at: number;
}

/** Answers one request; `index` counts from 0. May leave `res` open or destroy its socket. */
export type Handler = (req: SeenRequest, res: ServerResponse, index: number) => unknown;

export interface ScriptedServer {
  readonly port: number;
  /** `http://127.0.0.1:<port>/v1`, the base URL a client should use. */
  readonly baseUrl: string;
  /** Every request received so far, in order of arrival. */
  readonly requests: SeenRequest[];
  close(): Promise<void>;
}

/** Starts a server that runs `handler` for every request once its body has arrived. */
export async function startServer(handler: Handler, port = 0): Promise<ScriptedServer> {
  const requests: SeenRequest[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const seen: SeenRequest = {
        method: req.method ?? "",
        url: req.url ?? "",
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
        at: performance.now(),
      };
      requests.push(seen);
      Promise.resolve(handler(seen, res, requests.length - 1)).catch((error: unknown) => {
        res.destroy(error instanceof Error ? error : new Error(String(error)));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("server has no port");
  return {
    port: address.port,
    baseUrl: `http://127.0.0.1:${address.port}/v1`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Sends `body` as JSON with the given status and extra headers. */
/**
 * Registers cleanup for the calling test file (or describe block) and returns a starter: every
 * scripted server it starts is closed after the test that started it.
 */
export function scriptedServerFactory(): (handler: Handler) => Promise<ScriptedServer> {
  const open: ScriptedServer[] = [];
  afterEach(async () => {
    for (const server of open.splice(0)) await server.close();
  });
  return async (handler) => {
    const server = await startServer(handler);
    open.push(server);
    return server;
  };
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text), ...headers });
  res.end(text);
}

/** Sends an error body in the API's documented shape. */
export function sendError(
  res: ServerResponse,
  status: number,
  error: { message: string; type?: string; param?: string | null; code?: string | null },
  headers: Record<string, string> = {},
): void {
  sendJson(res, status, { error: { type: "invalid_request_error", param: null, code: null, ...error } }, headers);
}

/** A port on 127.0.0.1 with nothing listening: connecting to it is refused. */
export async function closedPort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const address = probe.address();
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  if (address === null || typeof address === "string") throw new Error("probe has no port");
  return address.port;
}

/** An admin key object as the API returns it. */
export function keyObject(id: string, name = `Key ${id}`): Record<string, unknown> {
  return {
    object: "organization.admin_api_key",
    id,
    name,
    redacted_value: "sk-admin...abcd",
    created_at: 1711471533,
    expires_at: null,
    last_used_at: null,
    owner: { type: "user", object: "organization.user", id: "user_1", name: "Test", created_at: 1711471533, role: "owner" },
  };
}
