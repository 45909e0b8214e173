// openai-admin-keys/msw: the emulator's core as MSW 2 handlers under setupServer (msw/node). What
// the handlers claim (the API's paths under each base URL, nothing beside them), how a drop looks
// through MSW, the baseUrl checks, and that msw stays optional: only src/msw.ts imports it, and
// openai-admin-keys/testing loads in a process where msw cannot be resolved.

import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { HttpResponse, http } from "msw";
import { setupServer } from "msw/node";
import { afterEach, describe, expect, it } from "vitest";
import { OPENAI_API_URL, adminKeysHandlers } from "../../src/msw.js";
import { APIConnectionError, createAdminKeysClient } from "../../src/index.js";
import { DEFAULT_MOCK_API_KEY, type MockApi } from "../../src/testing/index.js";
import { LIST, call, expectError, mockApiFactory } from "./helpers.js";

const make = mockApiFactory();
const auth = { authorization: `Bearer ${DEFAULT_MOCK_API_KEY}` };
let server: ReturnType<typeof setupServer> | undefined;

function listen(...handlers: Parameters<typeof setupServer>): void {
  const started = setupServer(...handlers);
  started.listen({ onUnhandledRequest: "error" });
  server = started;
}

afterEach(() => {
  server?.close();
  server = undefined;
});

/** Plain global fetch, which MSW intercepts while listening. */
function at(mock: MockApi, base: string): { url: string; apiKey: string } {
  return { url: base, apiKey: mock.apiKey };
}

describe("adminKeysHandlers", () => {
  it("answers the mock's own URL and the real API's by default, so a client on its default baseUrl is served", async () => {
    const mock = make({ seed: 3 });
    listen(...adminKeysHandlers(mock));
    expect((await call(at(mock, mock.url), LIST)).status).toBe(200);
    const client = createAdminKeysClient({ apiKey: mock.apiKey, maxRetries: 0 });
    expect((await client.adminApiKeys.list()).data).toHaveLength(3);
    expect(mock.requests.all().map((record) => record.url)).toEqual([`/v1${LIST}`, `/v1${LIST}`]);
    expect(OPENAI_API_URL).toBe("https://api.openai.com/v1");
  });

  it("claims only the API's paths: other handlers on the same host keep theirs, paths beneath the API get the emulator's 404", async () => {
    const mock = make();
    listen(
      ...adminKeysHandlers(mock),
      http.get(`${OPENAI_API_URL}/models`, () => HttpResponse.json({ object: "list", data: [] })),
    );
    const models = await fetch(`${OPENAI_API_URL}/models`);
    expect(await models.json()).toEqual({ object: "list", data: [] });
    expect(mock.requests.count()).toBe(0);
    const beneath = await call(at(mock, OPENAI_API_URL), `${LIST}/key_x/extra`);
    expectError(beneath, 404, null);
    expect(beneath.json.error.code).toBe("unknown_url");
    expect(mock.requests.count()).toBe(1);
    // A path beside the API's is nobody's here, so MSW's onUnhandledRequest: "error" refuses it.
    await expect(fetch(`${OPENAI_API_URL}/organization/projects`)).rejects.toThrow();
    expect(mock.requests.count()).toBe(1);
  });

  it("answers only the base URLs it is given, trailing slash or not", async () => {
    const mock = make({ seed: 1 });
    listen(...adminKeysHandlers(mock, { baseUrl: ["http://localhost:9999/v1/", "https://proxy.example/v1", "https://other.example/v1//"] }));
    expect((await call(at(mock, "http://localhost:9999/v1"), LIST)).status).toBe(200);
    expect((await call(at(mock, "https://proxy.example/v1"), LIST)).status).toBe(200);
    expect((await call(at(mock, "https://other.example/v1"), LIST)).status).toBe(200);
    await expect(fetch(`${mock.url}${LIST}`, { headers: auth })).rejects.toThrow();
    expect(mock.requests.count()).toBe(3);
  });

  it.each([["https://api.example.com/openai/v1"], ["ftp://example.com/v1"], ["not a url"], ["https://example.com/v1?x=1"], ["https://example.com/v1#top"], ["https://example.com"]])(
    "refuses the base URL %s, naming it",
    (baseUrl) => {
      expect(() => adminKeysHandlers(make(), { baseUrl })).toThrow(new RegExp(`baseUrl must be an http\\(s\\) origin followed by /v1.*got ${JSON.stringify(baseUrl).replace(/[.?/]/g, "\\$&")}`));
    },
  );

  it.each<[string, unknown, string]>([
    ["a number", 8080, "number"],
    ["a URL object", new URL(OPENAI_API_URL), "object"],
  ])("refuses %s as a base URL, naming its type", (_label, baseUrl, type) => {
    expect(() => adminKeysHandlers(make(), { baseUrl: baseUrl as string })).toThrow(
      new TypeError(
        `adminKeysHandlers: baseUrl must be an http(s) origin followed by /v1, such as "https://api.openai.com/v1" (the emulator answers the spec's /v1 paths); got ${type}.`,
      ),
    );
  });

  it("answers a drop with a network error itself, so a catch-all handler behind it is not asked", async () => {
    const mock = make({ seed: 1 });
    listen(...adminKeysHandlers(mock), http.all("*", () => HttpResponse.json({ from: "catch-all" })));
    mock.faults.add("admin-api-keys-list", { kind: "drop" });
    await expect(fetch(`${mock.url}${LIST}`, { headers: auth })).rejects.toBeInstanceOf(TypeError);
    expect(mock.requests.count("admin-api-keys-list")).toBe(1);
    expect(await (await fetch(`${mock.url}/models`)).json()).toEqual({ from: "catch-all" });
  });

  it("turns a drop, and a request to a closed mock, into a network error", async () => {
    const mock = make({ seed: 1 });
    listen(...adminKeysHandlers(mock));
    mock.faults.add("admin-api-keys-list", { kind: "drop" });
    await expect(fetch(`${mock.url}${LIST}`, { headers: auth })).rejects.toBeInstanceOf(TypeError);
    const client = createAdminKeysClient({ apiKey: mock.apiKey, baseUrl: mock.url, maxRetries: 0 });
    mock.faults.add("admin-api-keys-list", { kind: "drop" });
    await expect(client.adminApiKeys.list()).rejects.toBeInstanceOf(APIConnectionError);
    expect(mock.requests.count("admin-api-keys-list")).toBe(2);
    await mock.close();
    await expect(fetch(`${mock.url}${LIST}`, { headers: auth })).rejects.toBeInstanceOf(TypeError);
    expect(mock.requests.count()).toBe(2);
  });

  it("shares one mock's state across handlers on several base URLs", async () => {
    const mock = make();
    listen(...adminKeysHandlers(mock));
    const created = (await call(at(mock, mock.url), LIST, { method: "POST", body: { name: "one" } })).json;
    expect((await call(at(mock, OPENAI_API_URL), `${LIST}/${created.id}`)).json.name).toBe("one");
    expect(mock.store.createdCount).toBe(1);
  });
});

describe("msw stays optional", () => {
  const src = fileURLToPath(new URL("../../src/", import.meta.url));

  function sources(folder: string): string[] {
    return readdirSync(folder, { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory() ? sources(join(folder, entry.name)) : entry.name.endsWith(".ts") ? [join(folder, entry.name)] : [],
    );
  }

  it("is imported by src/msw.ts and by no other source file", () => {
    const importers = sources(src).filter((file) => /from\s+["']msw(\/[^"']*)?["']|import\(\s*["']msw/.test(readFileSync(file, "utf8")));
    expect(importers.map((file) => relative(src, file))).toEqual(["msw.ts"]);
  });

  it("is not needed to load openai-admin-keys/testing: it loads where msw cannot be resolved, and /msw does not", () => {
    const folder = mkdtempSync(join(tmpdir(), "no-msw-"));
    try {
      const hooks = join(folder, "hooks.mjs");
      writeFileSync(
        hooks,
        `export async function resolve(specifier, context, next) {
  if (specifier === "msw" || specifier.startsWith("msw/")) throw Object.assign(new Error("Cannot find package 'msw'"), { code: "ERR_MODULE_NOT_FOUND" });
  return next(specifier, context);
}\n`,
      );
      const register = join(folder, "register.mjs");
      writeFileSync(register, `import { register } from "node:module";\nregister(${JSON.stringify(pathToFileURL(hooks).href)});\n`);
      const load = (file: string): string =>
        execFileSync(
          process.execPath,
          ["--import", "tsx", "--import", pathToFileURL(register).href, "--input-type=module", "-e", `const m = await import(${JSON.stringify(pathToFileURL(join(src, file)).href)}); console.log(Object.keys(m).sort().join(","));`],
          { cwd: fileURLToPath(new URL("../../", import.meta.url)), encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] },
        ).trim();
      expect(load("testing/index.ts")).toContain("createMockApi");
      expect(() => load("msw.ts")).toThrow(/Cannot find package 'msw'/);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  }, 30_000);
});
