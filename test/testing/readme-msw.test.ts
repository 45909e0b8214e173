// The README's "In process, and with MSW" example, run as written. The README imports from the
// package names ("openai-admin-keys", "/testing", "/msw"); here the same names come from src/,
// since tsc and vitest resolve package names against dist/, which a fresh clone does not have.
// Everything between the README markers is the README's code block, character for character:
// change one, change the other.

import { readFileSync } from "node:fs";
import { setupServer } from "msw/node";
import { expect, it } from "vitest";
import { createAdminKeysClient, RateLimitError } from "../../src/index.js";
import { createMockApi } from "../../src/testing/index.js";
import { adminKeysHandlers } from "../../src/msw.js";

it("runs the README's in-process and MSW example", async () => {
  // ── README: begin (after its imports)
  // In process: no port, no socket.
  const mock = createMockApi({ seed: 20 });
  const client = createAdminKeysClient({ apiKey: mock.apiKey, baseUrl: mock.url, fetch: mock.fetch, maxRetries: 0 });
  mock.faults.add("admin-api-keys-list", { kind: "status", status: 429, retryAfter: 1 });
  await expect(client.adminApiKeys.list()).rejects.toBeInstanceOf(RateLimitError);
  expect((await client.adminApiKeys.list()).data).toHaveLength(20);
  expect(mock.requests.count("admin-api-keys-list")).toBe(2);

  // With MSW: the same emulator, one line beside your other handlers.
  const server = setupServer(...adminKeysHandlers(mock));
  server.listen({ onUnhandledRequest: "error" });
  const viaMsw = createAdminKeysClient({ apiKey: mock.apiKey }); // default baseUrl: https://api.openai.com/v1
  await viaMsw.adminApiKeys.create({ name: "made through MSW" });
  expect(mock.store.createdCount).toBe(1);
  server.close();
  // ── README: end

  // Beyond the README: MSW really was the way in, and the in-process client is still served.
  expect(mock.requests.all("admin-api-keys-create")[0]?.headers["user-agent"]).toMatch(/^openai-admin-keys\//);
  expect(await client.adminApiKeys.list().toArray()).toHaveLength(21);
});

it("is the README's code block, line for line", () => {
  const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
  const section = readme.slice(readme.indexOf("### In process, and with MSW"));
  const block = /```ts\n([\s\S]*?)```/.exec(section)?.[1] ?? "";
  const readmeCode = block.split("\n").filter((line) => !line.startsWith("import ") && line.trim() !== "");
  const source = readFileSync(new URL(import.meta.url), "utf8");
  const between = source.slice(source.indexOf("// ── README: begin"), source.indexOf("// ── README: end")).split("\n").slice(1);
  const testCode = between.map((line) => line.replace(/^ {2}/, "")).filter((line) => line.trim() !== "");
  expect(readmeCode.length).toBeGreaterThan(10);
  expect(testCode).toEqual(readmeCode);
});
