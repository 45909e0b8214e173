// Everything a server sends passes the output sink: terminal controls from key names, owners,
// IDs, cursors, error messages and request IDs never reach stdout or stderr raw, in-process or
// from the real process; a newline from a server adds no line; --json stays lossless.
import { afterEach, describe, expect, it } from "vitest";
import type { ScriptedServer, SeenRequest } from "../helpers/scripted-server.js";
import {
  HOSTILE,
  HOSTILE_CURSOR,
  HOSTILE_CURSOR_SHOWN,
  HOSTILE_HEADER,
  HOSTILE_SHOWN,
  type HostileData,
  hostileCreated,
  hostileDeleted,
  hostileKeys,
  startHostileDataServer,
  startHostileErrorServer,
} from "../helpers/hostile-server.js";
import { WAYS, type WayResult } from "../helpers/cli-ways.js";

const ADMIN_KEY = "sk-admin-hostile-test-key-0123456789";
const VALUE = "sk-admin-created-secret-abcdefghijklmnop";
const env = { OPENAI_ADMIN_KEY: ADMIN_KEY };

const DATA: HostileData = { text: () => HOSTILE, cursor: () => HOSTILE_CURSOR, value: VALUE };
// The data does not depend on the request, so any request builds what the server sends.
const ANY: SeenRequest = { method: "GET", url: "/", headers: {}, body: "", at: 0 };
const KEYS = hostileKeys(DATA, ANY);
const idOf = (index: number): unknown => KEYS[index]?.["id"];

/** `req_safe${HOSTILE_HEADER}` as fetch reads it (latin1 of its UTF-8), shown: the C1 controls and the tab replaced. */
const HEADER_SHOWN = "\u00c2\uFFFD2J\uFFFD\u00c2\uFFFD";

const servers: ScriptedServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});

async function serve(start: Promise<ScriptedServer>): Promise<ScriptedServer> {
  const server = await start;
  servers.push(server);
  return server;
}

/** No raw control; and no line of text output begins with what followed a server's newline. */
function expectTerminalSafe(result: WayResult): void {
  expect(result.unsafe).toEqual([]);
  // HOSTILE's newline is followed by U+202E (shown as U+FFFD): a line starting so is a line a server added.
  for (const stream of [result.stdout, result.stderr]) {
    expect(stream.split("\n").filter((line) => line.startsWith("\uFFFD"))).toEqual([]);
  }
}

interface Scenario {
  readonly argv: string[];
  /** Checks what should be there: the JSON round-trips, the sanitized names and IDs show. */
  check(result: WayResult): void;
}

const lines = (text: string): string[] => text.split("\n");
/** HOSTILE_SHOWN inside a regular expression. */
const SHOWN = HOSTILE_SHOWN.replace("[", "\\[");

const SUCCESS: Readonly<Record<string, Scenario>> = {
  list: {
    argv: ["list"],
    check({ stdout }) {
      expect(lines(stdout)).toHaveLength(1 + 2 + 2 + 1);
      expect(stdout).toMatch(new RegExp(`^key_one${SHOWN}\\s+name${SHOWN}one\\s.*owner${SHOWN}one$`, "mu"));
      expect(stdout).toContain(`key_two${HOSTILE_SHOWN}`);
      expect(stdout).toContain(`--after cursor${HOSTILE_CURSOR_SHOWN} for the next page.\n`);
    },
  },
  "list --json": {
    argv: ["list", "--json"],
    check({ stdout }) {
      expect(JSON.parse(stdout)).toEqual({ object: "list", data: KEYS.slice(0, 2), first_id: idOf(0), last_id: `cursor${HOSTILE_CURSOR}`, has_more: true });
    },
  },
  "list --jsonl": {
    argv: ["list", "--jsonl"],
    check({ stdout, stderr }) {
      expect(lines(stdout.trimEnd()).map((line) => JSON.parse(line))).toEqual(KEYS.slice(0, 2));
      expect(stderr).toBe(`More keys follow: use --all, or --after cursor${HOSTILE_CURSOR_SHOWN} for the next page.\n`);
    },
  },
  "list --all": {
    argv: ["list", "--all"],
    check({ stdout }) {
      expect(lines(stdout)).toHaveLength(1 + 3 + 2 + 1);
      for (const label of ["one", "two", "three"]) expect(stdout).toContain(`key_${label}${HOSTILE_SHOWN}  name${HOSTILE_SHOWN}${label}`);
      expect(stdout).toContain("\n3 keys.\n");
    },
  },
  "list --all --json": {
    argv: ["list", "--all", "--json"],
    check({ stdout }) {
      expect(JSON.parse(stdout)).toEqual({ object: "list", data: KEYS, first_id: idOf(0), last_id: idOf(2), has_more: false });
    },
  },
  "list --all --jsonl": {
    argv: ["list", "--all", "--jsonl"],
    check({ stdout }) {
      expect(lines(stdout.trimEnd()).map((line) => JSON.parse(line))).toEqual(KEYS);
    },
  },
  get: {
    argv: ["get", "key_one"],
    check({ stdout }) {
      expect(lines(stdout)).toHaveLength(7 + 1);
      expect(stdout).toMatch(new RegExp(`^id\\s+key_one${SHOWN}$`, "mu"));
      expect(stdout).toMatch(new RegExp(`^name\\s+name${SHOWN}one$`, "mu"));
      expect(stdout).toMatch(new RegExp(`^owner\\s+owner${SHOWN}one \\(user, user${SHOWN}one, owner\\)$`, "mu"));
    },
  },
  "get --json": {
    argv: ["get", "key_one", "--json"],
    check({ stdout }) {
      expect(JSON.parse(stdout)).toEqual(KEYS[0]);
    },
  },
  create: {
    argv: ["create", "--name", "deploy"],
    check({ stdout }) {
      expect(lines(stdout)).toHaveLength(5 + 1);
      expect(stdout).toContain(`Created admin key key_new${HOSTILE_SHOWN} (new${HOSTILE_SHOWN}name); it never expires.\n\n  ${VALUE}\n`);
    },
  },
  "create --json": {
    argv: ["create", "--name", "deploy", "--json"],
    check({ stdout }) {
      expect(JSON.parse(stdout)).toEqual(hostileCreated(DATA, ANY));
    },
  },
  delete: {
    argv: ["delete", "key_one", "--yes"],
    check({ stdout }) {
      expect(stdout).toBe(`Deleted admin key key_gone${HOSTILE_SHOWN}.\n`);
    },
  },
  "delete --json": {
    argv: ["delete", "key_one", "--yes", "--json"],
    check({ stdout }) {
      expect(JSON.parse(stdout)).toEqual(hostileDeleted(DATA, ANY));
    },
  },
  demo: {
    argv: ["demo"],
    check({ stdout }) {
      expect(stdout).toContain(`page 1: 2 keys, key_one${HOSTILE_SHOWN} … cursor${HOSTILE_CURSOR_SHOWN}\n`);
      expect(stdout).toContain(`NotFoundError 404: No key here${HOSTILE_SHOWN}. (request unknown)\n`);
    },
  },
};

describe("output from a hostile server's successful answers", () => {
  describe.each(WAYS)("%s", (_way, runWay) => {
    it.each(Object.entries(SUCCESS))("%s: nothing raw reaches the terminal, and the values still show", async (name, scenario) => {
      const server = await serve(startHostileDataServer(DATA));
      const result = await runWay([...scenario.argv, "--base-url", server.baseUrl], env);
      // list --jsonl says on stderr that more keys follow; its scenario checks that line.
      if (name !== "list --jsonl") expect(result.stderr).toBe("");
      expect(result.code).toBe(0);
      expectTerminalSafe(result);
      scenario.check(result);
    });
  });
});

const FAILING_COMMANDS: Readonly<Record<string, string[]>> = {
  list: ["list"],
  "list --json": ["list", "--json"],
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
};

describe("errors from a hostile server", () => {
  describe.each(WAYS)("%s", (_way, runWay) => {
    it.each(Object.entries(FAILING_COMMANDS))("%s: the message and request ID stay on one line, sanitized", async (name, argv) => {
      const server = await serve(
        startHostileErrorServer({
          status: 400,
          body: "json",
          message: () => `bad${HOSTILE}request`,
          statusText: () => "Bad Request",
          headers: () => ({ "x-request-id": `req_safe${HOSTILE_HEADER}` }),
        }),
      );
      const result = await runWay([...argv, "--base-url", server.baseUrl], env);
      expect(result.code).toBe(1);
      expectTerminalSafe(result);
      expect(result.stderr).toBe(`error: 400 BadRequestError: bad${HOSTILE_SHOWN}request (request req_safe${HEADER_SHOWN})\n`);
      if (name !== "demo") expect(result.stdout).toBe("");
    });

    it.each(Object.entries(FAILING_COMMANDS))("%s: a status line and text body quoted in the message are sanitized", async (_name, argv) => {
      const server = await serve(
        startHostileErrorServer({
          status: 403,
          body: "text",
          message: () => `oops${HOSTILE}`,
          statusText: () => `Forbidden${HOSTILE_HEADER}`,
          headers: () => ({ "x-request-id": `req_safe${HOSTILE_HEADER}` }),
        }),
      );
      const result = await runWay([...argv, "--base-url", server.baseUrl], env);
      expect(result.code).toBe(1);
      expectTerminalSafe(result);
      expect(lines(result.stderr)).toHaveLength(2);
      // The client's excerpt of a status line turns whitespace (the tab) into a space.
      expect(result.stderr).toMatch(/^error: 403 PermissionDeniedError: 403 Forbidden\uFFFD2J \uFFFD: expected a JSON error body, received text\/plain/u);
      expect(result.stderr).toContain(`"oops\uFFFD[2J\uFFFD\uFFFD31m`);
      expect(result.stderr).toContain(`(request req_safe${HEADER_SHOWN})\n`);
    });
  });
});
