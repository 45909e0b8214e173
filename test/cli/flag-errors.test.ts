// The client's InvalidParameterErrors reach a CLI user in the CLI's terms: the flag they typed
// (--limit, --order, --base-url, <id> …), never the client's parameter (limit, keyId, baseUrl),
// with exit code 2 and nothing sent.
import { readFileSync, readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { serverFactory } from "../testing/helpers.js";
import { cli } from "./helpers.js";

const start = serverFactory();

describe("usage errors found by the client, in the CLI's terms", () => {
  it.each([
    ["--limit", ["list", "--limit", "0"], "error: --limit must be an integer from 1 to 100; got 0\n"],
    ["--order", ["list", "--order", "newest"], 'error: --order must be one of "asc", "desc"; got "newest"\n'],
    ["--after", ["list", "--after", "key_\ud800"], "error: --after must be well-formed Unicode text; got a string with a lone surrogate (U+D800) at index 4\n"],
    ["--name", ["create", "--name", ""], 'error: --name must be a non-empty string; got ""\n'],
    ["--expires-in", ["create", "--name", "x", "--expires-in", "0"], "error: --expires-in (in seconds) must be an integer from 1 to 31536000; got 0\n"],
    ["<id> of get", ["get", ""], 'error: <id> must be a non-empty string; got ""\n'],
    ["<id> of delete", ["delete", "..", "--yes"], 'error: <id> must not be "." or ".." (they would change the request\'s path); got ".."\n'],
  ])("names %s", async (_flag, argv, expected) => {
    const server = await start({ seed: 1 });
    const result = await cli([...argv, "--base-url", server.url], { env: { OPENAI_ADMIN_KEY: server.apiKey } });
    expect(result.stderr).toBe(expected);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(server.requests.count()).toBe(0);
  });

  it("names --base-url for a URL that is not one", async () => {
    const result = await cli(["list", "--base-url", "not a url"], { env: { OPENAI_ADMIN_KEY: "sk-admin-x" } });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('error: --base-url must be an absolute http(s) URL such as "https://api.openai.com/v1"; got "not a url"\n');
  });

  it("names --allow-insecure-http, not allowInsecureHttp, for plain http on a host that is not loopback", async () => {
    const result = await cli(["list", "--base-url", "http://example.com/v1"], { env: { OPENAI_ADMIN_KEY: "sk-admin-x" } });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      "error: --base-url http://example.com is plain http on a host that is not loopback: the admin key would travel unencrypted. Use https:, a loopback host (localhost, 127.0.0.1, ::1), or pass --allow-insecure-http.\n",
    );
    expect(result.stderr).not.toContain("allowInsecureHttp");
  });

  it("names OPENAI_ADMIN_KEY for a key a bearer token cannot hold", async () => {
    const result = await cli(["list", "--base-url", "http://127.0.0.1:9/v1"], { env: { OPENAI_ADMIN_KEY: "sk-admin x" } });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^error: OPENAI_ADMIN_KEY has a character a bearer token cannot hold \(at position 9;/);
  });
});

describe("--allow-insecure-http", () => {
  it("lets a plain http base URL on a host that is not loopback through to the client", async () => {
    const server = await start({ seed: 2 });
    // 0.0.0.0 reaches this machine, but is not a loopback name to the client.
    const url = server.url.replace("127.0.0.1", "0.0.0.0");
    const env = { OPENAI_ADMIN_KEY: server.apiKey };
    const refused = await cli(["list", "--json", "--base-url", url], { env });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("or pass --allow-insecure-http.");
    const allowed = await cli(["list", "--json", "--allow-insecure-http", "--base-url", url], { env });
    expect(allowed.stderr).toBe("");
    expect(allowed.code).toBe(0);
    expect(JSON.parse(allowed.stdout).data).toHaveLength(2);
    // A global option: it works before the command too.
    const before = await cli(["--allow-insecure-http", "list", "--json", "--base-url", url], { env });
    expect(before.code).toBe(0);
  });

  it("is documented in every command's help and the main help", async () => {
    for (const argv of [["--help"], ["list", "--help"], ["demo", "--help"]]) {
      expect((await cli(argv)).stdout).toMatch(/--allow-insecure-http\n\s+Allow a plain http:\/\/ --base-url on a host other than loopback/);
    }
  });
});

describe("the CLI's imports", () => {
  it("use only the package's public surface, like a user's program: nothing from generated/", () => {
    const cliFolder = fileURLToPath(new URL("../../src/cli", import.meta.url));
    const files = readdirSync(cliFolder, { recursive: true, encoding: "utf8" }).filter((file) => file.endsWith(".ts"));
    expect(files.length).toBeGreaterThan(5);
    const offenders = files.filter((file) => /from\s+["'][^"']*generated\//.test(readFileSync(join(cliFolder, file), "utf8")));
    expect(offenders.map((file) => relative(cliFolder, join(cliFolder, file)))).toEqual([]);
  });
});
