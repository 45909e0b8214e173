// The create body's door: the Content-Type it must name, an empty or non-JSON body, a body over
// the size limit, and a request with no body at all. Each refusal is a 400 (or 413) in the OpenAI
// shape with its exact wording, and nothing is created.

import { connect } from "node:net";
import { describe, expect, it } from "vitest";
import type { MockServer } from "../../src/testing/index.js";
import { LIST, mockApiFactory, serverFactory } from "./helpers.js";

const start = serverFactory();
const makeMock = mockApiFactory();

const SEND_JSON = "Send the request body as JSON with Content-Type: application/json; got";

/**
 * A create sent with exactly these headers and body bytes. A Uint8Array body, unlike a string,
 * makes fetch add no Content-Type of its own.
 */
async function create(server: MockServer, headers: Record<string, string>, body?: string): Promise<{ status: number; json: any }> {
  const response = await fetch(`${server.url}${LIST}`, {
    method: "POST",
    headers: { authorization: `Bearer ${server.apiKey}`, ...headers },
    body: body === undefined ? undefined : new TextEncoder().encode(body),
  });
  return { status: response.status, json: await response.json() };
}

function invalidRequest(message: string, code: string): unknown {
  return { error: { message, type: "invalid_request_error", param: null, code } };
}

describe("the create body's Content-Type", () => {
  const longType = `text/${"x".repeat(100)}`;

  it.each<[string, Record<string, string>, string]>([
    ["none at all", {}, `${SEND_JSON} no Content-Type.`],
    ["text/plain", { "content-type": "text/plain" }, `${SEND_JSON} Content-Type "text/plain".`],
    ["another application type", { "content-type": "application/xml" }, `${SEND_JSON} Content-Type "application/xml".`],
    ["a +json type outside application/", { "content-type": "text/vnd.x+json" }, `${SEND_JSON} Content-Type "text/vnd.x+json".`],
    ["one too long to quote whole", { "content-type": longType }, `${SEND_JSON} Content-Type ${JSON.stringify(longType.slice(0, 60))}.`],
  ])("refuses %s with 400 unsupported_content_type, quoting at most 60 characters of it", async (_label, headers, message) => {
    const server = await start();
    const answer = await create(server, headers, '{"name":"x"}');
    expect(answer).toEqual({ status: 400, json: invalidRequest(message, "unsupported_content_type") });
    expect(server.store.createdCount).toBe(0);
  });

  it.each(["application/json", "Application/JSON; charset=utf-8", " application/json ;x=y", "application/vnd.api+json", "application/merge-patch+json"])(
    "takes %s as JSON",
    async (contentType) => {
      const server = await start();
      const answer = await create(server, { "content-type": contentType }, '{"name":"typed"}');
      expect(answer.status).toBe(200);
      expect(answer.json).toMatchObject({ object: "organization.admin_api_key", name: "typed" });
      expect(server.store.createdCount).toBe(1);
    },
  );
});

describe("the create body's text", () => {
  const EMPTY = invalidRequest("The request body is empty; send a JSON object.", "invalid_body");
  const NOT_JSON = invalidRequest("The request body is not valid JSON.", "invalid_json");

  it.each<[string, string, unknown]>([
    ["an empty body", "", EMPTY],
    ["a body of only whitespace", " \r\n\t ", EMPTY],
    ["a body that is not JSON", "{name:", NOT_JSON],
    ["a JSON body behind a byte order mark", '\uFEFF{"name":"x"}', NOT_JSON],
  ])("answers %s with 400 and its own code", async (_label, body, expected) => {
    const server = await start();
    expect(await create(server, { "content-type": "application/json" }, body)).toEqual({ status: 400, json: expected });
    expect(server.store.createdCount).toBe(0);
  });

  it("answers a create that has no body at all as an empty one, in process and over a socket", async () => {
    // In process: a Request without a body has a null body stream.
    const mock = makeMock();
    const inProcess = await mock.fetch(`${mock.url}${LIST}`, {
      method: "POST",
      headers: { authorization: `Bearer ${mock.apiKey}`, "content-type": "application/json" },
    });
    expect(inProcess.status).toBe(400);
    expect(await inProcess.json()).toEqual(EMPTY);
    expect(mock.store.createdCount).toBe(0);
    // Over a socket: no Content-Length and no Transfer-Encoding, so node:http gives no body.
    const server = await start();
    const { hostname, port } = new URL(server.url);
    const reply = await new Promise<string>((resolve) => {
      const socket = connect({ host: hostname, port: Number(port) });
      let received = "";
      socket.on("data", (chunk) => (received += chunk.toString()));
      socket.on("close", () => resolve(received));
      socket.write(`POST /v1${LIST} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${server.apiKey}\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n`);
    });
    expect(reply).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(JSON.parse(reply.slice(reply.indexOf("\r\n\r\n") + 4))).toEqual(EMPTY);
    expect(server.store.createdCount).toBe(0);
  });

  it("rejects in process as fetch does when the body stream fails mid-body: a TypeError whose cause is the stream's error", async () => {
    const mock = makeMock();
    const broken = new Error("the disk went away");
    let sent = false;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent) controller.error(broken);
        else controller.enqueue(new TextEncoder().encode('{"name":'));
        sent = true;
      },
    });
    // Fetch wants duplex "half" for a stream body; TypeScript's RequestInit does not know the field yet.
    const init: RequestInit & { duplex: "half" } = {
      method: "POST",
      headers: { authorization: `Bearer ${mock.apiKey}`, "content-type": "application/json" },
      body,
      duplex: "half",
    };
    const failure = await mock.fetch(`${mock.url}${LIST}`, init).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(TypeError);
    expect(failure).toMatchObject({ message: "fetch failed: the request body could not be read", cause: broken });
    // The request arrived and was counted; nothing was created.
    expect(mock.requests.count("admin-api-keys-create")).toBe(1);
    expect(mock.store.createdCount).toBe(0);
  });

  it("answers 413 to a Content-Length over the limit even when the request carries no body stream", async () => {
    const mock = makeMock({ maxBodyBytes: 16 });
    const answer = await mock.fetch(`${mock.url}${LIST}`, {
      method: "POST",
      headers: { authorization: `Bearer ${mock.apiKey}`, "content-type": "application/json", "content-length": "17" },
    });
    expect(answer.status).toBe(413);
    expect(await answer.json()).toEqual(invalidRequest("The request body is larger than 16 bytes.", "request_too_large"));
    expect(mock.store.createdCount).toBe(0);
    expect(mock.requests.count("admin-api-keys-create")).toBe(1);
  });
});
