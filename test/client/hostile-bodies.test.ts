// What a hostile or broken server can do with the body and the status line: a body that breaks
// after the status (bad gzip), one that never ends, one that is small on the wire and huge once
// decoded, and redirects that would carry the admin key (and a create's body) elsewhere. Requests
// and bytes are counted on the server.

import type { ServerResponse } from "node:http";
import { gzipSync } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import {
  APIError,
  createAdminKeysClient,
  InternalServerError,
  InvalidParameterError,
  NotFoundError,
  ResponseTooLargeError,
} from "../../src/index.js";
import { keyObject, type ScriptedServer, type SeenRequest, sendJson, startServer } from "../helpers/scripted-server.js";

const API_KEY = "sk-admin-HOSTILE-BODIES-3K8W1";

const servers: ScriptedServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});

async function serve(handler: (req: SeenRequest, res: ServerResponse) => unknown): Promise<ScriptedServer> {
  const server = await startServer(handler);
  servers.push(server);
  return server;
}

function clientFor(server: ScriptedServer, options: { maxRetries?: number; maxResponseBytes?: number } = {}) {
  return createAdminKeysClient({ apiKey: API_KEY, baseUrl: server.baseUrl, maxRetries: 2, ...options }).adminApiKeys;
}

async function caught(promise: PromiseLike<unknown>): Promise<unknown> {
  return Promise.resolve(promise).then(
    () => expect.unreachable("the call succeeded"),
    (error: unknown) => error,
  );
}

// Retries would wait 0.5 s and 1 s; the server asks for no wait so the tests stay quick.
const NO_WAIT = { "retry-after-ms": "0" };

/** A body declared as gzip that is not gzip: the status arrives, then decoding fails. */
function badGzip(res: ServerResponse, status: number): void {
  const garbage = Buffer.from("this is not a gzip stream at all, but it claims to be one");
  res.writeHead(status, { "content-type": "application/json", "content-encoding": "gzip", "content-length": garbage.length, ...NO_WAIT });
  res.end(garbage);
}

describe("a 2xx whose body is not JSON", () => {
  it.each(["retrieve", "create"] as const)("is not asked again for a %s, though retries are left: one request, an APIError with the status", async (call) => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { "content-type": "application/json", ...NO_WAIT });
      res.end("{not json");
    });
    const client = clientFor(server, { maxRetries: 2 });
    const error = (await caught(call === "create" ? client.create({ name: "n" }) : client.retrieve("key_1"))) as APIError;
    expect(error.constructor).toBe(APIError);
    expect(error.status).toBe(200);
    expect(server.requests).toHaveLength(1);
  });
});

describe("a body that cannot be read after the status arrived keeps its status", () => {
  it("a 500 with a bad gzip body is an InternalServerError 500, retried as a 500 is, for a read", async () => {
    const server = await serve((_req, res) => badGzip(res, 500));
    const error = (await caught(clientFor(server).retrieve("key_1"))) as InternalServerError;
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error.status).toBe(500);
    expect(error.message).toMatch(/^500 Internal Server Error: the body could not be read \(.+\)$/);
    expect(error.headers?.get("content-encoding")).toBe("gzip");
    expect(server.requests).toHaveLength(3);
  });

  it("the same 500 on a create is not repeated", async () => {
    const server = await serve((_req, res) => badGzip(res, 500));
    const error = (await caught(clientFor(server).create({ name: "once" }))) as InternalServerError;
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error.status).toBe(500);
    expect(server.requests).toHaveLength(1);
  });

  it("a 404 with a bad body is a NotFoundError, not a connection error", async () => {
    const server = await serve((_req, res) => badGzip(res, 404));
    const error = (await caught(clientFor(server).retrieve("key_1"))) as NotFoundError;
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.status).toBe(404);
    expect(server.requests).toHaveLength(1);
  });

  it("a 200 with a bad gzip body is an APIError 200, and a 200 does not ask to be repeated", async () => {
    const server = await serve((_req, res) => badGzip(res, 200));
    const error = (await caught(clientFor(server).retrieve("key_1"))) as APIError;
    expect(error.constructor).toBe(APIError);
    expect(error.status).toBe(200);
    expect(error.message).toMatch(/^200 OK: the body could not be read/);
    expect(server.requests).toHaveLength(1);
  });
});

describe("a body that arrives in pieces", () => {
  it.each([200, 404])("a %i body in three writes, split inside a UTF-8 character, is read whole", async (status) => {
    const name = "Clé d'équipe";
    const body = Buffer.from(JSON.stringify(status === 200 ? keyObject("key_1", name) : { error: { message: name, type: "invalid_request_error", param: null, code: null } }));
    // Each cut falls between the two bytes of an "é".
    const firstCut = body.indexOf(Buffer.from("é")) + 1;
    const lastCut = body.lastIndexOf(Buffer.from("é")) + 1;
    const pieces = [body.subarray(0, firstCut), body.subarray(firstCut, lastCut), body.subarray(lastCut)];
    const server = await serve(async (_req, res) => {
      res.writeHead(status, { "content-type": "application/json" });
      for (const piece of pieces) {
        res.write(piece);
        // A pause between writes, so that each arrives on its own.
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      res.end();
    });
    const keys = clientFor(server);
    if (status === 200) {
      expect((await keys.retrieve("key_1")).name).toBe(name);
    } else {
      const error = (await caught(keys.retrieve("key_1"))) as NotFoundError;
      expect(error).toBeInstanceOf(NotFoundError);
      expect(error.message).toBe(name);
    }
    expect(server.requests).toHaveLength(1);
  });
});

/** Writes 64 KiB chunks until the client goes away; reports how many bytes it wrote. */
function endless(res: ServerResponse, status: number, written: { bytes: number; closed: boolean }): void {
  const chunk = Buffer.alloc(64 * 1024, 0x20);
  res.writeHead(status, { "content-type": "application/json", ...NO_WAIT });
  res.write("[");
  const pump = (): void => {
    while (!res.destroyed && written.bytes < 2_000_000_000) {
      written.bytes += chunk.length;
      if (!res.write(chunk)) {
        res.once("drain", pump);
        return;
      }
    }
  };
  res.on("close", () => (written.closed = true));
  pump();
}

describe("a response body over maxResponseBytes", () => {
  it.each([200, 500])("an endless %i body stops at the limit with ResponseTooLargeError, not retried", async (status) => {
    const written = { bytes: 0, closed: false };
    const server = await serve((_req, res) => endless(res, status, written));
    const error = (await caught(clientFor(server, { maxResponseBytes: 1_000_000 }).retrieve("key_1"))) as ResponseTooLargeError;
    expect(error).toBeInstanceOf(ResponseTooLargeError);
    expect(error).toBeInstanceOf(APIError);
    expect(error.name).toBe("ResponseTooLargeError");
    expect(error.status).toBe(status);
    expect(error.limitBytes).toBe(1_000_000);
    expect(error.message).toContain("larger than 1000000 bytes (maxResponseBytes)");
    expect(server.requests).toHaveLength(1);
    // The client hung up: the server stopped well short of what it would have sent.
    await expect.poll(() => written.closed).toBe(true);
    expect(written.bytes).toBeLessThan(50_000_000);
  });

  it("a declared Content-Length over the limit is refused without downloading it", async () => {
    const written = { bytes: 0, closed: false };
    const server = await serve((_req, res) => {
      res.writeHead(200, { "content-type": "application/json", "content-length": String(200 * 1024 * 1024) });
      res.on("close", () => (written.closed = true));
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      const pump = (): void => {
        while (!res.destroyed && written.bytes < 200 * 1024 * 1024) {
          written.bytes += chunk.length;
          if (!res.write(chunk)) {
            res.once("drain", pump);
            return;
          }
        }
      };
      pump();
    });
    const error = (await caught(clientFor(server, { maxResponseBytes: 1_000_000 }).retrieve("key_1"))) as ResponseTooLargeError;
    expect(error).toBeInstanceOf(ResponseTooLargeError);
    await expect.poll(() => written.closed).toBe(true);
    expect(written.bytes).toBeLessThan(50_000_000);
  });

  it.each<[string, Record<string, string>]>([
    ["without a content encoding", {}],
    ["with content-encoding: identity", { "content-encoding": "identity" }],
  ])("a declared Content-Length over the limit, %s, is refused before any of the body arrives", async (_label, encoding) => {
    // The server sends the headers, then nothing: only the header can have said it was too large.
    const written = { closed: false };
    const server = await serve((_req, res) => {
      res.writeHead(200, { "content-type": "application/json", "content-length": "1000001", ...encoding });
      res.flushHeaders();
      res.on("close", () => (written.closed = true));
    });
    const keys = createAdminKeysClient({ apiKey: API_KEY, baseUrl: server.baseUrl, maxRetries: 0, timeoutMs: 5_000, maxResponseBytes: 1_000_000 }).adminApiKeys;
    const error = (await caught(keys.retrieve("key_1"))) as ResponseTooLargeError;
    expect(error).toBeInstanceOf(ResponseTooLargeError);
    expect(error.message).toBe("200 OK: the response body is larger than 1000000 bytes (maxResponseBytes), so it was not read to the end.");
    await expect.poll(() => written.closed).toBe(true);
  });

  it.each<[string, boolean]>([
    ["with its Content-Length", true],
    ["sent chunked", false],
  ])("a body of exactly maxResponseBytes, %s, is read; one byte more is refused", async (_label, declared) => {
    const body = JSON.stringify(keyObject("key_1"));
    const server = await serve((_req, res) => {
      res.writeHead(200, { "content-type": "application/json", ...(declared ? { "content-length": String(body.length) } : {}) });
      res.end(body);
    });
    const within = createAdminKeysClient({ apiKey: API_KEY, baseUrl: server.baseUrl, maxResponseBytes: body.length }).adminApiKeys;
    expect((await within.retrieve("key_1")).id).toBe("key_1");
    const under = createAdminKeysClient({ apiKey: API_KEY, baseUrl: server.baseUrl, maxResponseBytes: body.length - 1 }).adminApiKeys;
    const error = (await caught(under.retrieve("key_1"))) as ResponseTooLargeError;
    expect(error).toBeInstanceOf(ResponseTooLargeError);
    expect(error.limitBytes).toBe(body.length - 1);
    expect(server.requests).toHaveLength(2);
  });

  it("a gzip body whose Content-Length is over the limit but whose decoded body is not is read: the limit counts decoded bytes", async () => {
    const json = JSON.stringify({ error: { message: "gone" } });
    const wire = gzipSync(json);
    // Gzip's header and trailer make so short a body longer on the wire than decoded.
    expect(wire.length).toBeGreaterThan(json.length);
    const server = await serve((_req, res) => {
      res.writeHead(404, { "content-type": "application/json", "content-encoding": "gzip", "content-length": wire.length });
      res.end(wire);
    });
    const error = (await caught(clientFor(server, { maxResponseBytes: json.length }).retrieve("key_1"))) as NotFoundError;
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.message).toBe("gone");
  });

  it("the limit counts decoded bytes: a small gzip body that inflates past it is refused", async () => {
    const bomb = gzipSync(Buffer.alloc(20 * 1024 * 1024, 0x20));
    expect(bomb.length).toBeLessThan(100_000);
    const server = await serve((_req, res) => {
      res.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip", "content-length": bomb.length });
      res.end(bomb);
    });
    const error = (await caught(clientFor(server, { maxResponseBytes: 1_000_000 }).list().toArray())) as ResponseTooLargeError;
    expect(error).toBeInstanceOf(ResponseTooLargeError);
    expect(server.requests).toHaveLength(1);
  });

  it("the default limit is 10 MiB: far above a page of 100 keys, which passes", async () => {
    const page = { object: "list", data: Array.from({ length: 100 }, (_, i) => keyObject(`key_${i}`, "n".repeat(200))), first_id: "key_0", last_id: "key_99", has_more: false };
    const big = Buffer.alloc(10 * 1024 * 1024 + 1, 0x20);
    const server = await serve((req, res) => {
      if (req.url.includes("big")) {
        res.writeHead(200, { "content-type": "application/json", "content-length": big.length });
        res.end(big);
        return;
      }
      sendJson(res, 200, page);
    });
    const keys = clientFor(server);
    expect((await keys.list({ limit: 100 })).data).toHaveLength(100);
    const error = (await caught(keys.retrieve("big"))) as ResponseTooLargeError;
    expect(error).toBeInstanceOf(ResponseTooLargeError);
    expect(error.limitBytes).toBe(10 * 1024 * 1024);
  });

  it("maxResponseBytes is checked: a bad value names the option and what is allowed", () => {
    for (const value of [0, -1, 1.5, Number.NaN, "10"]) {
      const attempt = () => createAdminKeysClient({ apiKey: API_KEY, maxResponseBytes: value as number });
      expect(attempt).toThrow(InvalidParameterError);
      expect(attempt).toThrow(/^maxResponseBytes must be an integer from 1 to 268435456; got /);
    }
  });
});

describe("redirects are not followed", () => {
  it("a same-origin 307 on create is not re-sent anywhere: one POST, nothing at the target", async () => {
    const server = await serve((req, res) => {
      if (req.url.startsWith("/v1/organization/admin_api_keys")) {
        res.writeHead(307, { location: "/v1/collect", "content-length": "0" });
        res.end();
        return;
      }
      sendJson(res, 200, { ...keyObject("key_stolen"), value: "sk-admin-stolen" });
    });
    const error = (await caught(clientFor(server).create({ name: "redirected" }))) as APIError;
    expect(error.constructor).toBe(APIError);
    expect(error.status).toBe(307);
    expect(error.message).toBe(
      '307 Temporary Redirect: the server redirected the request to "/v1/collect"; the API does not redirect, so it was not followed.',
    );
    expect(server.requests.map((seen) => `${seen.method} ${seen.url}`)).toEqual(["POST /v1/organization/admin_api_keys"]);
  });

  it.each([301, 302, 303, 307, 308])("a cross-origin %i sends nothing to the other host, and its location is redacted", async (status) => {
    const elsewhere = await serve((_req, res) => sendJson(res, 200, keyObject("key_elsewhere")));
    const server = await serve((_req, res) => {
      res.writeHead(status, { location: `${elsewhere.baseUrl}/steal?key=${API_KEY}`, "content-length": "0" });
      res.end();
    });
    const error = (await caught(clientFor(server).retrieve("key_1"))) as APIError;
    expect(error.status).toBe(status);
    expect(error.message).toContain(`redirected the request to "${elsewhere.baseUrl}/steal?key=***"`);
    expect(error.message).not.toContain("3K8W1");
    expect(error.headers?.get("location")).toBe(`${elsewhere.baseUrl}/steal?key=***`);
    expect(elsewhere.requests).toHaveLength(0);
    // A redirect is an answer, not a failure to repeat.
    expect(server.requests).toHaveLength(1);
  });

  it.each<[number, string | undefined, string]>([
    [300, "/v1/elsewhere", '300 Multiple Choices: the server redirected the request to "/v1/elsewhere"; the API does not redirect, so it was not followed.'],
    [399, "/v1/elsewhere", '399 unknown: the server redirected the request to "/v1/elsewhere"; the API does not redirect, so it was not followed.'],
    [302, undefined, "302 Found: the server redirected the request; the API does not redirect, so it was not followed."],
    [600, "/v1/elsewhere", "600 unknown: not a status the API answers with."],
    [999, undefined, "999 unknown: not a status the API answers with."],
  ])("a %i with location %j is an APIError that says what it was, sent once", async (status, location, message) => {
    const server = await serve((_req, res) => {
      res.writeHead(status, { ...(location === undefined ? {} : { location }), "content-length": "0" });
      res.end();
    });
    const error = (await caught(clientFor(server).retrieve("key_1"))) as APIError;
    expect(error.constructor).toBe(APIError);
    expect(error.status).toBe(status);
    expect(error.message).toBe(message);
    expect(server.requests).toHaveLength(1);
  });

  it("an opaque redirect (what a browser's fetch gives for redirect: manual) is refused as a redirect", async () => {
    const server = await serve((_req, res) => {
      res.writeHead(302, { location: "/v1/elsewhere", "content-length": "0" });
      res.end();
    });
    // A browser hides everything of a redirect it did not follow: status 0, no reason, no headers.
    const browserLike: typeof fetch = async (input) => {
      const response = await fetch(input);
      return Object.defineProperties(response, {
        type: { value: "opaqueredirect" },
        status: { value: 0 },
        statusText: { value: "" },
        headers: { value: new Headers() },
      });
    };
    const keys = createAdminKeysClient({ apiKey: API_KEY, baseUrl: server.baseUrl, maxRetries: 2, fetch: browserLike }).adminApiKeys;
    const error = (await caught(keys.retrieve("key_1"))) as APIError;
    expect(error.constructor).toBe(APIError);
    expect(error.status).toBe(0);
    expect(error.message).toBe("0: the server redirected the request; the API does not redirect, so it was not followed.");
    expect(server.requests).toHaveLength(1);
  });

  it("a custom fetch that resolves with a network error (status 0) is refused, not taken for a redirect", async () => {
    const keys = createAdminKeysClient({ apiKey: API_KEY, baseUrl: "http://127.0.0.1:9/v1", maxRetries: 2, fetch: async () => Response.error() }).adminApiKeys;
    const error = (await caught(keys.retrieve("key_1"))) as APIError;
    expect(error.constructor).toBe(APIError);
    expect(error.status).toBe(0);
    expect(error.message).toBe("0: not a status the API answers with.");
  });

  it("client.raw does not follow either", async () => {
    const elsewhere = await serve((_req, res) => sendJson(res, 200, keyObject("key_elsewhere")));
    const server = await serve((_req, res) => {
      res.writeHead(302, { location: `${elsewhere.baseUrl}/organization/admin_api_keys/key_1`, "content-length": "0" });
      res.end();
    });
    const { response } = await createAdminKeysClient({ apiKey: API_KEY, baseUrl: server.baseUrl }).raw.GET(
      "/organization/admin_api_keys/{key_id}",
      { params: { path: { key_id: "key_1" } } },
    );
    expect(response.status).toBe(302);
    expect(elsewhere.requests).toHaveLength(0);
  });

  it("a response a custom fetch got by following a redirect is refused too", async () => {
    const server = await serve((_req, res) => sendJson(res, 200, keyObject("key_1")));
    const following: typeof fetch = async (input) => {
      const response = await fetch(input);
      return Object.defineProperties(response, { redirected: { value: true }, url: { value: `https://elsewhere.example/x?k=${API_KEY}` } });
    };
    const keys = createAdminKeysClient({ apiKey: API_KEY, baseUrl: server.baseUrl, fetch: following }).adminApiKeys;
    const error = (await caught(keys.retrieve("key_1"))) as APIError;
    expect(error.message).toContain('redirected the request to "https://elsewhere.example/x?k=***"');
  });
});
