// The four operations against a real server: what reaches the server (method, path, headers,
// body) and what comes back.

import { execFile } from "node:child_process";
import { EventEmitter } from "node:events";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { createAdminKeysClient, type AdminKeysClient } from "../../src/index.js";
import { VERSION } from "../../src/version.js";
import { keyObject, type ScriptedServer, sendJson, startServer } from "../helpers/scripted-server.js";

const ADMIN_KEY = "sk-admin-client-test-1234";
let server: ScriptedServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A server answering like the API does for the four operations. */
async function apiServer(): Promise<ScriptedServer> {
  return startServer((req, res) => {
    const url = new URL(req.url, "http://x");
    const id = decodeURIComponent(url.pathname.split("/").pop() ?? "");
    if (req.method === "POST") {
      const body = JSON.parse(req.body) as { name: string };
      sendJson(res, 200, { ...keyObject("key_new", body.name), value: "sk-admin-NEW-SECRET" }, { "x-request-id": "req_create" });
    } else if (req.method === "DELETE") {
      sendJson(res, 200, { id, object: "organization.admin_api_key.deleted", deleted: true });
    } else if (url.pathname.endsWith("/admin_api_keys")) {
      sendJson(res, 200, { object: "list", data: [keyObject("key_1")], first_id: "key_1", last_id: "key_1", has_more: false });
    } else {
      sendJson(res, 200, keyObject(id));
    }
  });
}

function clientFor(target: ScriptedServer, extra: Parameters<typeof createAdminKeysClient>[0] = {}): AdminKeysClient {
  return createAdminKeysClient({ apiKey: ADMIN_KEY, baseUrl: target.baseUrl, ...extra });
}

describe("operations", () => {
  it("retrieve sends GET …/admin_api_keys/{id} and returns the key", async () => {
    server = await apiServer();
    const key = await clientFor(server).adminApiKeys.retrieve("key_abc");
    expect(key).toEqual(keyObject("key_abc"));
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]).toMatchObject({ method: "GET", url: "/v1/organization/admin_api_keys/key_abc", body: "" });
  });

  it("create sends the body as JSON in a POST and returns the secret value", async () => {
    server = await apiServer();
    const created = await clientFor(server).adminApiKeys.create({ name: "CI key", expires_in_seconds: 3600 });
    expect(created.value).toBe("sk-admin-NEW-SECRET");
    expect(created.name).toBe("CI key");
    const [seen] = server.requests;
    expect(seen?.method).toBe("POST");
    expect(seen?.url).toBe("/v1/organization/admin_api_keys");
    expect(seen?.headers["content-type"]).toBe("application/json");
    expect(JSON.parse(seen?.body ?? "")).toEqual({ name: "CI key", expires_in_seconds: 3600 });
  });

  it("delete sends DELETE …/admin_api_keys/{id} and returns the confirmation", async () => {
    server = await apiServer();
    const result = await clientFor(server).adminApiKeys.delete("key_gone");
    expect(result).toEqual({ id: "key_gone", object: "organization.admin_api_key.deleted", deleted: true });
    expect(server.requests[0]).toMatchObject({ method: "DELETE", url: "/v1/organization/admin_api_keys/key_gone" });
  });

  it("list sends GET …/admin_api_keys with the query and resolves to the first page", async () => {
    server = await apiServer();
    const page = await clientFor(server).adminApiKeys.list({ limit: 7, order: "desc" });
    expect(page.data.map((key) => key.id)).toEqual(["key_1"]);
    expect(server.requests[0]?.url).toBe("/v1/organization/admin_api_keys?limit=7&order=desc");
  });
});

describe("headers", () => {
  it("every request carries the admin key and User-Agent openai-admin-keys/<version>", async () => {
    server = await apiServer();
    const { adminApiKeys } = clientFor(server);
    await adminApiKeys.retrieve("key_1");
    await adminApiKeys.create({ name: "n" });
    await adminApiKeys.delete("key_1");
    await adminApiKeys.list();
    expect(server.requests).toHaveLength(4);
    for (const seen of server.requests) {
      expect(seen.headers.authorization).toBe(`Bearer ${ADMIN_KEY}`);
      expect(seen.headers["user-agent"]).toBe(`openai-admin-keys/${VERSION}`);
    }
  });

  it("VERSION is package.json's version", () => {
    const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string };
    expect(VERSION).toBe(pkg.version);
  });

  it("sends the client's headers and each call's, but not a client header overriding auth or the user agent", async () => {
    server = await apiServer();
    const client = clientFor(server, {
      headers: { "OpenAI-Organization": "org_1", authorization: "Bearer other", "USER-AGENT": "spoof/1" },
    });
    await client.adminApiKeys.retrieve("key_1", { headers: { "X-Trace": "t-1" } });
    await client.adminApiKeys.retrieve("key_2");
    const [first, second] = server.requests;
    expect(first?.headers["openai-organization"]).toBe("org_1");
    expect(first?.headers["x-trace"]).toBe("t-1");
    expect(first?.headers.authorization).toBe(`Bearer ${ADMIN_KEY}`);
    expect(first?.headers["user-agent"]).toBe(`openai-admin-keys/${VERSION}`);
    expect(second?.headers["x-trace"]).toBeUndefined();
  });
});

describe("construction", () => {
  it("reads the key from OPENAI_ADMIN_KEY when apiKey is not given", async () => {
    server = await apiServer();
    const saved = process.env.OPENAI_ADMIN_KEY;
    process.env.OPENAI_ADMIN_KEY = "sk-admin-from-env";
    try {
      await createAdminKeysClient({ baseUrl: server.baseUrl }).adminApiKeys.retrieve("key_1");
    } finally {
      if (saved === undefined) delete process.env.OPENAI_ADMIN_KEY;
      else process.env.OPENAI_ADMIN_KEY = saved;
    }
    expect(server.requests[0]?.headers.authorization).toBe("Bearer sk-admin-from-env");
  });

  it.each(["", "/", "//"])("accepts a base URL ending in %j without doubling the slash", async (tail) => {
    server = await apiServer();
    await clientFor(server, { baseUrl: `${server.baseUrl}${tail}` }).adminApiKeys.retrieve("key_1");
    expect(server.requests[0]?.url).toBe("/v1/organization/admin_api_keys/key_1");
  });

  it("accepts localhost as a base URL host", async () => {
    server = await apiServer();
    await clientFor(server, { baseUrl: `http://localhost:${server.port}/v1` }).adminApiKeys.retrieve("key_1");
    expect(server.requests).toHaveLength(1);
  });

  it("uses a custom fetch, called as fetch(request) with one Request", async () => {
    server = await apiServer();
    const calls: { url: string; method: string | undefined }[] = [];
    const countingFetch: typeof fetch = (input, init) => {
      expect(input).toBeInstanceOf(Request);
      expect(init).toBeUndefined();
      const request = input as Request;
      calls.push({ url: request.url, method: request.method });
      return fetch(input, init);
    };
    await clientFor(server, { fetch: countingFetch }).adminApiKeys.delete("key_9");
    expect(calls).toEqual([{ url: `${server.baseUrl}/organization/admin_api_keys/key_9`, method: "DELETE" }]);
    expect(server.requests).toHaveLength(1);
  });
});

describe("raw", () => {
  it("is an openapi-fetch client on the same base URL, sending the key", async () => {
    server = await apiServer();
    const { data, error } = await clientFor(server).raw.GET("/organization/admin_api_keys/{key_id}", {
      params: { path: { key_id: "key_raw" } },
    });
    expect(error).toBeUndefined();
    expect(data?.id).toBe("key_raw");
    expect(server.requests[0]?.headers.authorization).toBe(`Bearer ${ADMIN_KEY}`);
    expect(server.requests[0]?.headers["user-agent"]).toBe(`openai-admin-keys/${VERSION}`);
  });

  it("calls a custom fetch with a real Request, so openapi-fetch middleware works", async () => {
    server = await apiServer();
    const seen: unknown[] = [];
    const client = clientFor(server, {
      fetch: (input, init) => {
        seen.push(input);
        return fetch(input, init);
      },
    });
    client.raw.use({
      onRequest({ request }) {
        request.headers.set("x-from-middleware", "yes");
        return request;
      },
    });
    await client.raw.GET("/organization/admin_api_keys");
    expect(seen[0]).toBeInstanceOf(Request);
    expect(server.requests[0]?.headers["x-from-middleware"]).toBe("yes");
  });
});

describe("resources", () => {
  it("leaves no timer behind after calls succeed or fail (counted in a process of its own)", async () => {
    server = await startServer((req, res) => {
      if (req.url.endsWith("bad")) sendJson(res, 404, { error: { message: "no", type: "t", param: null, code: null } });
      else if (req.method === "POST") sendJson(res, 500, { error: { message: "down", type: "server_error", param: null, code: null } });
      else if (req.url.includes("admin_api_keys?") || req.url.endsWith("admin_api_keys"))
        sendJson(res, 200, { object: "list", data: [keyObject("key_1")], first_id: "key_1", last_id: "key_1", has_more: false });
      else sendJson(res, 200, keyObject("key_1"));
    });
    // Counting in this process would count the test runner's timers and the server's too.
    // Asynchronously: the server answering it runs in this process.
    const child = await promisify(execFile)(process.execPath, [
      "--import",
      "tsx",
      fileURLToPath(new URL("../helpers/count-client-timers.ts", import.meta.url)),
      server.baseUrl,
    ]);
    expect(child.stderr).toBe("");
    const counts = JSON.parse(child.stdout) as { before: number; after: number };
    expect(counts.after).toBe(counts.before);
    expect(server.requests).toHaveLength(6);
  });

  it("removes its listener from the caller's signal after each call", async () => {
    server = await apiServer();
    const controller = new AbortController();
    const client = clientFor(server);
    for (let i = 0; i < 20; i++) await client.adminApiKeys.retrieve(`key_${i}`, { signal: controller.signal });
    expect(EventEmitter.getEventListeners(controller.signal, "abort")).toHaveLength(0);
    expect(server.requests).toHaveLength(20);
  });
});
