// Path safety: a key ID is one percent-encoded path segment, whatever it holds, and a cursor is
// one query value. The server records the request target exactly as it arrived.

import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type AdminKeysClient, createAdminKeysClient, InvalidParameterError } from "../../src/index.js";
import { keyObject, type ScriptedServer, sendJson, startServer } from "../helpers/scripted-server.js";

let server: ScriptedServer;
let client: AdminKeysClient;

beforeAll(async () => {
  server = await startServer((req, res) => {
    if (req.url.startsWith("/v1/organization/admin_api_keys?"))
      sendJson(res, 200, { object: "list", data: [], first_id: null, last_id: null, has_more: false });
    else if (req.method === "DELETE") sendJson(res, 200, { id: "x", object: "organization.admin_api_key.deleted", deleted: true });
    else sendJson(res, 200, keyObject("x"));
  });
  client = createAdminKeysClient({ apiKey: "sk-admin-paths", baseUrl: server.baseUrl });
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
});

const PREFIX = "/v1/organization/admin_api_keys/";

describe("keyId becomes exactly one path segment", () => {
  it.each([
    ["../x", "..%2Fx"],
    ["../../organization", "..%2F..%2Forganization"],
    ["a/b", "a%2Fb"],
    ["a?b", "a%3Fb"],
    ["a#b", "a%23b"],
    ["a?limit=1&after=z", "a%3Flimit%3D1%26after%3Dz"],
    ["%2F", "%252F"],
    ["%2e%2e", "%252e%252e"],
    ["...", "..."],
    [".x", ".x"],
    ["a b", "a%20b"],
    ["ключ", "%D0%BA%D0%BB%D1%8E%D1%87"],
    ["a\\b", "a%5Cb"],
  ])("%j reaches the server as %s", async (keyId, segment) => {
    await client.adminApiKeys.retrieve(keyId);
    await client.adminApiKeys.delete(keyId);
    expect(server.requests.map((seen) => seen.url)).toEqual([`${PREFIX}${segment}`, `${PREFIX}${segment}`]);
    // …and decodes back to the ID that was given, with no query string.
    const url = new URL(server.requests[0]?.url ?? "", "http://x");
    expect(decodeURIComponent(url.pathname.slice(PREFIX.length))).toBe(keyId);
    expect(url.search).toBe("");
  });

  it.each([".", ".."])("%j is refused, since URL parsing would resolve it; nothing is sent", async (keyId) => {
    await expect(client.adminApiKeys.retrieve(keyId)).rejects.toBeInstanceOf(InvalidParameterError);
    await expect(client.adminApiKeys.delete(keyId)).rejects.toBeInstanceOf(InvalidParameterError);
    expect(server.requests).toHaveLength(0);
  });
});

describe("query values stay values", () => {
  it("an `after` holding & and = is one parameter", async () => {
    await client.adminApiKeys.list({ after: "k&limit=1#x", limit: 5 });
    const url = new URL(server.requests[0]?.url ?? "", "http://x");
    expect([...url.searchParams]).toEqual([
      ["after", "k&limit=1#x"],
      ["limit", "5"],
    ]);
  });
});
