// Shared by the emulator tests: start servers (or in-process emulators) whose every response is
// checked against the spec when the test ends, and talk to them with plain fetch (no client code
// involved): the global fetch for a server, the emulator's own fetch in process.

import { connect } from "node:net";
import { afterEach, expect } from "vitest";
import {
  type MockApi,
  type MockApiFetch,
  type MockApiOptions,
  type MockServer,
  type MockServerOptions,
  createMockApi,
  startMockServer,
} from "../../src/testing/index.js";
import { specRecorder } from "./spec.js";

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  json: any;
}

/** Registers cleanup for the calling test file and returns a starter for servers. */
export function serverFactory(): (options?: MockServerOptions) => Promise<MockServer> {
  const open: { server: MockServer; check: () => number }[] = [];
  afterEach(async () => {
    const started = open.splice(0);
    for (const { server } of started) await server.close();
    // Every response every server sent in the test matches the spec.
    for (const { check } of started) check();
  });
  return async (options = {}) => {
    const recorder = specRecorder();
    const onResponse = options.onResponse;
    const server = await startMockServer({
      ...options,
      onResponse: (record) => {
        recorder.onResponse(record);
        onResponse?.(record);
      },
    });
    open.push({ server, check: recorder.check });
    return server;
  };
}

/**
 * Registers cleanup for the calling test file and returns a maker of in-process emulators, each
 * response of which is checked against the spec when the test ends, as serverFactory does.
 */
export function mockApiFactory(): (options?: MockApiOptions) => MockApi {
  const open: { mock: MockApi; check: () => number }[] = [];
  afterEach(async () => {
    const made = open.splice(0);
    for (const { mock } of made) await mock.close();
    for (const { check } of made) check();
  });
  return (options = {}) => {
    const recorder = specRecorder();
    const onResponse = options.onResponse;
    const mock = createMockApi({
      ...options,
      onResponse: (record) => {
        recorder.onResponse(record);
        onResponse?.(record);
      },
    });
    open.push({ mock, check: recorder.check });
    return mock;
  };
}

/** Anything `call` can talk to: a server (global fetch) or an emulator with its own fetch. */
export interface Reachable {
  readonly url: string;
  readonly apiKey: string;
  readonly fetch?: MockApiFetch;
}

export interface CallOptions {
  method?: string;
  body?: unknown;
  /** Raw body text, sent as is. */
  raw?: string;
  headers?: Record<string, string>;
  /** The bearer token; null sends no Authorization header. Default: the server's key. */
  key?: string | null;
}

/** One request with fetch to a path under the server's /v1. */
export async function call(server: Reachable, path: string, options: CallOptions = {}): Promise<Answer> {
  const headers: Record<string, string> = { ...options.headers };
  const key = options.key === undefined ? server.apiKey : options.key;
  if (key !== null) headers["authorization"] = `Bearer ${key}`;
  let body: string | undefined = options.raw;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers["content-type"] ??= "application/json";
  }
  const send = server.fetch ?? fetch;
  const response = await send(`${server.url}${path}`, { method: options.method ?? "GET", headers, body });
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  expect(response.headers.get("x-request-id")).toMatch(/^req_[0-9a-f]{32}$/);
  return { status: response.status, headers: response.headers, text, json };
}

export const LIST = "/organization/admin_api_keys";

/** Creates a key through the API and returns the create response. */
export async function createKey(server: Reachable, body: Record<string, unknown> = { name: "test key" }): Promise<any> {
  const answer = await call(server, LIST, { method: "POST", body });
  expect(answer.status).toBe(200);
  return answer.json;
}

/** Expects an OpenAI error body with this status and param. */
export function expectError(answer: Answer, status: number, param: string | null): void {
  expect(answer.status).toBe(status);
  expect(answer.headers.get("content-type")).toMatch(/^application\/json/);
  expect(answer.json.error).toMatchObject({ param });
  expect(typeof answer.json.error.message).toBe("string");
  expect(typeof answer.json.error.type).toBe("string");
}

/**
 * Writes raw bytes on a fresh TCP connection to a server and returns everything that comes back
 * until the server closes it (or two seconds pass): for requests fetch cannot send.
 */
export function rawExchange(server: MockServer, bytes: string): Promise<string> {
  const url = new URL(server.url);
  return new Promise((resolve) => {
    const socket = connect({ host: url.hostname, port: Number(url.port) });
    let received = "";
    socket.on("data", (chunk) => (received += chunk.toString()));
    socket.on("close", () => resolve(received));
    socket.on("error", () => resolve(received));
    socket.write(bytes);
    setTimeout(() => socket.destroy(), 2000);
  });
}
