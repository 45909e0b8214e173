// list --all streams: each page is printed as it arrives, the next is fetched only once stdout has
// taken it, and a listing that fails halfway keeps what it printed and ends with one error line.
import { PassThrough, Writable } from "node:stream";
import { setTimeout as sleep } from "node:timers/promises";
import { afterEach, describe, expect, it } from "vitest";
import { processIo } from "../../src/cli/io.js";
import { run } from "../../src/cli/run.js";
import { type ScriptedServer, keyObject, sendError, sendJson, startServer } from "../helpers/scripted-server.js";
import { runCliProcess } from "../helpers/cli-process.js";
import { serverFactory } from "../testing/helpers.js";
import { cli } from "./helpers.js";

const start = serverFactory();
const ADMIN_KEY = "sk-admin-stream-test-0123456789";
const env = { OPENAI_ADMIN_KEY: ADMIN_KEY };

const scripted: ScriptedServer[] = [];
afterEach(async () => {
  for (const server of scripted.splice(0)) await server.close();
});

/** A server with fixed pages: `pages[after ?? ""]` answers the request for the page after `after`. */
async function pagesServer(pages: Readonly<Record<string, { ids: string[]; next?: string; fail?: boolean }>>): Promise<ScriptedServer> {
  const server = await startServer((request, res) => {
    const after = new URL(request.url, "http://127.0.0.1").searchParams.get("after") ?? "";
    const page = pages[after];
    if (page === undefined || page.fail === true) return sendError(res, 400, { message: "broken page" }, { "x-request-id": "req_broken" });
    const data = page.ids.map((id) => keyObject(id, `name of ${id}`));
    return sendJson(res, 200, { object: "list", data, first_id: page.ids[0] ?? null, last_id: page.next ?? page.ids.at(-1) ?? null, has_more: page.next !== undefined });
  });
  scripted.push(server);
  return server;
}

const keyLines = (stdout: string): string[] => stdout.split("\n").filter((line) => line.startsWith("key_"));

describe("list --all when a page fails halfway", () => {
  const PAGES = { "": { ids: ["key_a1", "key_a2"], next: "key_a2" }, key_a2: { ids: [], fail: true } };

  it.each([
    ["a table", [] as string[]],
    ["--json", ["--json"]],
    ["--jsonl", ["--jsonl"]],
  ])("keeps what it printed as %s, and reports the failure on stderr with exit 1", async (_form, flags) => {
    const server = await pagesServer(PAGES);
    const result = await cli(["list", "--all", ...flags, "--base-url", server.baseUrl], { env });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe("error: 400 BadRequestError: broken page (request req_broken)\n");
    expect(result.stdout).toContain("key_a1");
    expect(result.stdout).toContain("key_a2");
    if (flags.includes("--jsonl")) expect(result.stdout.trimEnd().split("\n").map((line) => JSON.parse(line).id)).toEqual(["key_a1", "key_a2"]);
    // An unfinished document stays unfinished: nothing pretends the listing was complete.
    if (flags.includes("--json")) expect(() => JSON.parse(result.stdout)).toThrow();
    expect(server.requests).toHaveLength(2);
  });

  it("does the same as the real process", async () => {
    const server = await pagesServer(PAGES);
    const result = await runCliProcess(["list", "--all", "--base-url", server.baseUrl], { env });
    expect(result.code).toBe(1);
    expect(keyLines(result.stdout.toString())).toHaveLength(2);
    expect(result.stderr.toString()).toBe("error: 400 BadRequestError: broken page (request req_broken)\n");
  });
});

describe("list --all against pages that cycle (A → B → A)", () => {
  // A's last key points on to B; B's last_id points back to A's cursor.
  const CYCLE = { "": { ids: ["key_a1", "key_a2"], next: "key_a2" }, key_a2: { ids: ["key_b1", "key_b2"], next: "key_b2" }, key_b2: { ids: ["key_a1", "key_a2"], next: "key_a2" } };
  const ERROR = /^error: PaginationError: Stopped listing keys after 3 pages: .*"key_a2", a cursor this listing has already followed.*\n$/;

  it.each([
    ["a table", [] as string[]],
    ["--jsonl", ["--jsonl"]],
  ])("prints the keys of A and B once as %s, then one PaginationError line, exit 1, after 3 requests", async (_form, flags) => {
    const server = await pagesServer(CYCLE);
    const result = await cli(["list", "--all", ...flags, "--base-url", server.baseUrl], { env });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(ERROR);
    expect(result.stderr.split("\n")).toHaveLength(2);
    const ids = flags.length === 0 ? keyLines(result.stdout).map((line) => line.split(" ")[0]) : result.stdout.trimEnd().split("\n").map((line) => JSON.parse(line).id);
    expect(ids).toEqual(["key_a1", "key_a2", "key_b1", "key_b2"]);
    expect(server.requests).toHaveLength(3);
  });

  it("does the same as the real process", async () => {
    const server = await pagesServer(CYCLE);
    const result = await runCliProcess(["list", "--all", "--base-url", server.baseUrl], { env });
    expect(result.code).toBe(1);
    expect(result.stderr.toString()).toMatch(ERROR);
    expect(keyLines(result.stdout.toString()).map((line) => line.split(" ")[0])).toEqual(["key_a1", "key_a2", "key_b1", "key_b2"]);
    expect(server.requests).toHaveLength(3);
  });
});

/** A stdout that takes nothing until `release()`: each write's callback is held, as a full pipe would. */
function heldStdout(): { stream: Writable; text(): string; release(): void } {
  let text = "";
  let held: (() => void)[] = [];
  let flowing = false;
  const stream = new Writable({
    highWaterMark: 1024,
    write(chunk: Buffer, _encoding, callback) {
      text += chunk.toString();
      if (flowing) callback();
      else held.push(() => callback());
    },
  });
  return {
    stream,
    text: () => text,
    release() {
      flowing = true;
      for (const callback of held.splice(0)) callback();
      held = [];
    },
  };
}

describe("list --all and a slow stdout", () => {
  it("fetches the next page only once stdout has drained", async () => {
    const server = await start({ seed: 100 });
    const stdout = heldStdout();
    const io = processIo({ stdin: new PassThrough(), stdout: stdout.stream, stderr: new PassThrough() }, { OPENAI_ADMIN_KEY: server.apiKey });
    const running = run(["list", "--all", "--json", "--limit", "10", "--base-url", server.url], io);
    while (server.requests.count("admin-api-keys-list") === 0) await sleep(5);
    await sleep(300);
    // The first page is written and stdout is full: nothing more is asked for.
    expect(server.requests.count("admin-api-keys-list")).toBe(1);
    expect(stdout.stream.writableNeedDrain).toBe(true);
    stdout.release();
    expect(await running).toBe(0);
    expect(server.requests.count("admin-api-keys-list")).toBe(10);
    expect(JSON.parse(stdout.text()).data.map((key: { id: string }) => key.id)).toEqual(server.store.list().map((key) => key.id));
  });
});

describe("list --all output", () => {
  it("writes --json as the same document JSON.stringify(document, null, 2) would, page by page", async () => {
    const server = await start({ seed: 25 });
    const keys = server.store.list();
    const result = await cli(["list", "--all", "--json", "--limit", "10", "--base-url", server.url], { env: { OPENAI_ADMIN_KEY: server.apiKey } });
    const document = { object: "list", data: keys, first_id: keys[0]?.id, last_id: keys.at(-1)?.id, has_more: false };
    expect(result.stdout).toBe(`${JSON.stringify(document, null, 2)}\n`);
  });

  it("writes --jsonl as one key per line, every key in order", async () => {
    const server = await start({ seed: 25 });
    const result = await cli(["list", "--all", "--jsonl", "--limit", "10", "--base-url", server.url], { env: { OPENAI_ADMIN_KEY: server.apiKey } });
    expect(result.code).toBe(0);
    const lines = result.stdout.split("\n");
    expect(lines.pop()).toBe("");
    expect(lines.map((line) => JSON.parse(line))).toEqual(server.store.list());
  });

  it("writes one page of --jsonl with only keys on stdout, and says on stderr that more follow", async () => {
    const server = await start({ seed: 25 });
    const result = await cli(["list", "--jsonl", "--limit", "5", "--base-url", server.url], { env: { OPENAI_ADMIN_KEY: server.apiKey } });
    expect(result.stdout.trimEnd().split("\n").map((line) => JSON.parse(line).id)).toEqual(server.store.list().slice(0, 5).map((key) => key.id));
    expect(result.stderr).toBe(`More keys follow: use --all, or --after ${server.store.list()[4]?.id} for the next page.\n`);
  });

  it("refuses --json with --jsonl", async () => {
    const result = await cli(["list", "--json", "--jsonl"], { env });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^error: --json and --jsonl cannot be combined; pick one\.\n\nUsage: admin-keys list/);
  });

  it("sizes the table's columns by the header and the first page, and prints a wider later cell whole", async () => {
    const long = "a name much longer than any on page one";
    const server = await startServer((request, res) => {
      const after = new URL(request.url, "http://127.0.0.1").searchParams.get("after");
      if (after === null) return sendJson(res, 200, { object: "list", data: [keyObject("key_1", "ab"), keyObject("key_2", "abc")], first_id: "key_1", last_id: "key_2", has_more: true });
      return sendJson(res, 200, { object: "list", data: [keyObject("key_3", long)], first_id: "key_3", last_id: "key_3", has_more: false });
    });
    scripted.push(server);
    const result = await cli(["list", "--all", "--base-url", server.baseUrl], { env });
    const lines = result.stdout.split("\n");
    // ID is 5 wide (key_1), NAME 4 (its title, wider than "abc"): CREATED starts at 5 + 2 + 4 + 2.
    expect(lines[0]?.indexOf("CREATED")).toBe(13);
    for (const row of [lines[1], lines[2]]) expect(row?.slice(12, 14)).toMatch(/^ \S$/);
    expect(lines[3]).toMatch(new RegExp(`^key_3  ${long}  \\S`));
    expect(result.stdout).toContain("\n3 keys.\n");
  });

  it("says in --help which output does what", async () => {
    const help = (await cli(["list", "--help"])).stdout;
    expect(help).toContain("[--json | --jsonl]");
    expect(help).toMatch(/--json {13}Print one JSON document .*\n.*written page by page/);
    expect(help).toMatch(/--jsonl {12}Print one key per line as JSON \(JSON Lines\)/);
    expect(help).toMatch(/--all {14}Fetch every page .* printing each page as it\n\s+arrives; the table's columns are sized by the header and the first page/);
  });
});
