// Secrets never reach the CLI's output: not the admin key a hostile server echoes back, not a
// created key's secret, whether they come in error bodies, status lines, request IDs and other
// headers, or in the fields of successful answers. The one exception: `create` prints its new
// secret, exactly once.
import { afterEach, describe, expect, it } from "vitest";
import type { ScriptedServer, SeenRequest } from "../helpers/scripted-server.js";
import { type HostileData, bearerOf, startHostileDataServer, startHostileErrorServer } from "../helpers/hostile-server.js";
import { WAYS, type WayResult } from "../helpers/cli-ways.js";
import { MIN_SECRET_LENGTH, hideSecretsIn, secretForms } from "../../src/cli/secrets.js";

// Not an `sk-` token, so only redaction of this exact key can hide it.
const ADMIN_KEY = "adminkey_0123456789abcdefABCDEF";
const VALUE = "sk-admin-created-SECRET0123456789abcdef";
const env = { OPENAI_ADMIN_KEY: ADMIN_KEY };

const servers: ScriptedServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});

async function serve(start: Promise<ScriptedServer>): Promise<ScriptedServer> {
  const server = await start;
  servers.push(server);
  return server;
}

function expectNoSecret(result: WayResult, allowedValues = 0): void {
  for (const stream of [result.stdout, result.stderr]) expect(stream).not.toContain(ADMIN_KEY);
  // Nor a recognisable part of it: the redaction is of the whole key, not its first characters.
  for (const stream of [result.stdout, result.stderr]) expect(stream).not.toContain(ADMIN_KEY.slice(0, 12));
  expect(result.stdout.split(VALUE).length - 1).toBe(allowedValues);
  expect(result.stderr).not.toContain(VALUE);
}

const EVERY_COMMAND: Readonly<Record<string, string[]>> = {
  list: ["list"],
  "list --json": ["list", "--json"],
  "list --jsonl": ["list", "--jsonl"],
  "list --all": ["list", "--all"],
  "list --all --json": ["list", "--all", "--json"],
  "list --all --jsonl": ["list", "--all", "--jsonl"],
  get: ["get", "key_one"],
  "get --json": ["get", "key_one", "--json"],
  create: ["create", "--name", "deploy"],
  "create --json": ["create", "--name", "deploy", "--json"],
  delete: ["delete", "key_one", "--yes"],
  "delete --json": ["delete", "key_one", "--yes", "--json"],
  demo: ["demo"],
  "demo --yes": ["demo", "--yes"],
  audit: ["audit"],
  "audit --format json": ["audit", "--format", "json"],
  "audit --format jsonl": ["audit", "--format", "jsonl"],
  "audit --format csv": ["audit", "--format", "csv"],
};

/**
 * What each command exits with against the echoing data server: audit finds its keys (none
 * expires); the demo's rotation is refused, rightly, because that server answers the verifying
 * retrieve of the new key with another key's record.
 */
const SUCCESS_CODES: Readonly<Record<string, number>> = { audit: 3, "audit --format json": 3, "audit --format jsonl": 3, "audit --format csv": 3, "demo --yes": 1 };

const echo = (request: SeenRequest): string => bearerOf(request);

describe("a server that echoes the admin key and a created secret into its errors", () => {
  describe.each(WAYS)("%s", (_way, runWay) => {
    it.each(Object.entries(EVERY_COMMAND))("%s: a JSON error body, request ID and headers", async (_name, argv) => {
      const server = await serve(
        startHostileErrorServer({
          status: 401,
          body: "json",
          message: (request) => `Incorrect API key provided: ${echo(request)}. Your new key is ${VALUE}.`,
          statusText: (request) => `Unauthorized ${echo(request)}`,
          headers: (request) => ({ "x-request-id": `req_visible ${echo(request)} ${VALUE}`, "x-echo": echo(request), "www-authenticate": `Bearer realm="${echo(request)}"` }),
        }),
      );
      const result = await runWay([...argv, "--base-url", server.baseUrl], env);
      expect(result.code).toBe(1);
      expectNoSecret(result);
      expect(result.stderr).toBe("error: 401 AuthenticationError: Incorrect API key provided: Bearer ***. Your new key is sk-***. (request req_visible Bearer *** sk-***)\n");
      // The server did receive the key: what was hidden was there to hide.
      expect(server.requests[0]?.headers.authorization).toBe(`Bearer ${ADMIN_KEY}`);
    });

    it.each(Object.entries(EVERY_COMMAND))("%s: a status line and an HTML body", async (_name, argv) => {
      const server = await serve(
        startHostileErrorServer({
          status: 403,
          body: "text",
          message: (request) => `<p>${echo(request)}</p><p>${VALUE}</p>`,
          statusText: (request) => `Forbidden ${echo(request)} ${VALUE}`,
          headers: (request) => ({ "x-request-id": `req_visible ${echo(request)}` }),
        }),
      );
      const result = await runWay([...argv, "--base-url", server.baseUrl], env);
      expect(result.code).toBe(1);
      expectNoSecret(result);
      expect(result.stderr).toMatch(/^error: 403 PermissionDeniedError: 403 Forbidden Bearer \*\*\* sk-\*\*\*: expected a JSON error body, received text\/plain/);
      expect(result.stderr).toContain('"<p>Bearer ***</p><p>sk-***</p>"');
      expect(result.stderr).toContain("(request req_visible Bearer ***)\n");
    });
  });
});

// Successful answers are data the client hands over as they are; the CLI's sink hides the admin
// key in them, and create keeps its secret to the one place it is shown.
const ECHOING: HostileData = { text: echo, value: VALUE, createdExtra: VALUE };

const SHOWS: Readonly<Record<string, (result: WayResult) => void>> = {
  list: ({ stdout }) => expect(stdout).toContain("key_oneBearer ***  nameBearer ***one"),
  "list --json": ({ stdout }) => expect(JSON.parse(stdout)).toMatchObject({ data: [{ name: "nameBearer ***one" }, { name: "nameBearer ***two" }], last_id: "cursorBearer ***" }),
  "list --jsonl": ({ stdout }) => expect(JSON.parse(stdout.split("\n")[0] ?? "")).toMatchObject({ id: "key_oneBearer ***" }),
  "list --all": ({ stdout }) => expect(stdout).toContain("key_threeBearer ***  nameBearer ***three"),
  "list --all --json": ({ stdout }) => expect(JSON.parse(stdout)).toMatchObject({ first_id: "key_oneBearer ***", last_id: "key_threeBearer ***" }),
  "list --all --jsonl": ({ stdout }) => expect(stdout.trimEnd().split("\n").map((line) => JSON.parse(line).owner.name)).toEqual(["ownerBearer ***one", "ownerBearer ***two", "ownerBearer ***three"]),
  get: ({ stdout }) => expect(stdout).toMatch(/^name\s+nameBearer \*\*\*one$/m),
  "get --json": ({ stdout }) => expect(JSON.parse(stdout)).toMatchObject({ id: "key_oneBearer ***" }),
  create: ({ stdout }) => {
    expect(stdout).toContain("Created admin key key_newBearer ****** (newBearer ******name); it never expires.");
    expect(stdout).toContain(`\n  ${VALUE}\n`);
  },
  "create --json": ({ stdout }) => expect(JSON.parse(stdout)).toMatchObject({ id: "key_newBearer ******", name: "newBearer ******name", value: VALUE }),
  delete: ({ stdout }) => expect(stdout).toBe("Deleted admin key key_goneBearer ***.\n"),
  "delete --json": ({ stdout }) => expect(JSON.parse(stdout)).toMatchObject({ id: "key_goneBearer ***", deleted: true }),
  demo: ({ stdout }) => expect(stdout).toContain("page 1: 2 keys, key_oneBearer *** … cursorBearer ***"),
  "demo --yes": ({ stdout, stderr }) => {
    expect(stdout).toContain("created key_newBearer ****** (newBearer ******name)");
    expect(stdout).toContain(`its secret (${VALUE.length} characters) came back this once`);
    // The verifying request carried the new secret, which the server echoed into the record's id.
    expect(stderr).toMatch(/^error: Rotating key_newBearer \*\*\*\*\*\* stopped at verify: .*the server answered with the record of key_oneBearer \*\*\*, not key_newBearer/);
  },
  audit: ({ stdout }) => expect(stdout).toMatch(/^key_oneBearer \*\*\*\s+nameBearer \*\*\*one\s+ownerBearer \*\*\*one\s+no-expiry\s+never expires$/m),
  "audit --format json": ({ stdout }) => expect(JSON.parse(stdout).findings[0]).toEqual({ id: "key_oneBearer ***", name: "nameBearer ***one", owner: "ownerBearer ***one", rule: "unused", finding: expect.stringMatching(/^never used; created \d+ days ago$/) }),
  "audit --format jsonl": ({ stdout }) => expect(JSON.parse(stdout.split("\n")[0] ?? "")).toMatchObject({ id: "key_oneBearer ***" }),
  "audit --format csv": ({ stdout }) => expect(stdout.split("\n")[1]).toMatch(/^key_oneBearer \*\*\*,nameBearer \*\*\*one,ownerBearer \*\*\*one,unused,never used; created \d+ days ago$/),
};

describe("a server that echoes the admin key and the created secret into successful answers", () => {
  describe.each(WAYS)("%s", (_way, runWay) => {
    it.each(Object.entries(EVERY_COMMAND))("%s", async (name, argv) => {
      const server = await serve(startHostileDataServer(ECHOING));
      const result = await runWay([...argv, "--base-url", server.baseUrl], env);
      expect(result.code).toBe(SUCCESS_CODES[name] ?? 0);
      // create prints the secret it made, exactly once; everything else never does.
      expectNoSecret(result, name === "create" || name === "create --json" ? 1 : 0);
      SHOWS[name]?.(result);
      expect(SHOWS[name]).toBeDefined();
    });
  });
});

describe("secretForms: what counts as a secret to hide", () => {
  it.each([
    ["no key at all", undefined, []],
    ["an empty key", "", []],
    ["a key of spaces", "   ", []],
    ["a key one character too short", "a".repeat(MIN_SECRET_LENGTH - 1), []],
    ["a key just long enough", "a".repeat(MIN_SECRET_LENGTH), ["a".repeat(MIN_SECRET_LENGTH)]],
    ["a key with spaces and a line break around it", " sk-admin-a/b \n", ["sk-admin-a/b"]],
  ])("%s: %j", (_case, secret, forms) => {
    expect(MIN_SECRET_LENGTH).toBe(8);
    expect(secretForms(secret)).toEqual(forms);
  });
});

describe("hideSecretsIn", () => {
  it("hides a secret in array items and property values at any depth, and leaves names and other values", () => {
    const value = {
      name: `x ${ADMIN_KEY}`,
      tags: [ADMIN_KEY, "plain", 7, null, [`deep ${ADMIN_KEY}`], { note: ADMIN_KEY }],
      owner: { name: ADMIN_KEY, created_at: 1, active: true },
      [ADMIN_KEY]: "named by it",
    };
    hideSecretsIn(value, [ADMIN_KEY]);
    expect(value).toEqual({
      name: "x ***",
      tags: ["***", "plain", 7, null, ["deep ***"], { note: "***" }],
      owner: { name: "***", created_at: 1, active: true },
      [ADMIN_KEY]: "named by it",
    });
  });

  it("keeps the top-level properties named in keep, and only those, only at the top", () => {
    const value = { value: VALUE, name: VALUE, owner: { value: VALUE } };
    hideSecretsIn(value, [VALUE], ["value"]);
    expect(value).toEqual({ value: VALUE, name: "***", owner: { value: "***" } });
  });

  it("walks a top-level array too; a lone string, number or null has nothing to hide in place, and is no error", () => {
    const items = [`a ${ADMIN_KEY}`, { id: ADMIN_KEY }];
    hideSecretsIn(items, [ADMIN_KEY]);
    expect(items).toEqual(["a ***", { id: "***" }]);
    for (const value of [`text ${ADMIN_KEY}`, 42, null, undefined, true]) expect(() => hideSecretsIn(value, [ADMIN_KEY])).not.toThrow();
  });
});
