// list --all's writers at the edges of a listing, against a scripted server (real node:http on
// 127.0.0.1): a listing without keys, a last page without keys, and a page holding null where a
// key should be (refused by the client, in every form, before anything of that page is printed). The JSON document must stay byte for byte what JSON.stringify(document, null, 2)
// gives, whatever pages it was written from.
import { describe, expect, it } from "vitest";
import { keyObject, scriptedServerFactory, sendJson } from "../helpers/scripted-server.js";
import { cli } from "./helpers.js";

const script = scriptedServerFactory();
const env = { OPENAI_ADMIN_KEY: "sk-admin-list-output-test-0123456789" };

/** The server's pages: `pages[after ?? ""]` is the list object of the page after `after`. */
type Pages = Readonly<Record<string, Record<string, unknown>>>;

async function listAll(pages: Pages, flags: string[]) {
  const server = await script((request, res) => {
    const after = new URL(request.url, "http://127.0.0.1").searchParams.get("after") ?? "";
    return sendJson(res, 200, { object: "list", ...pages[after] });
  });
  const result = await cli(["list", "--all", ...flags, "--base-url", server.baseUrl], { env });
  return { ...result, requests: server.requests.length };
}

const KEY_1 = keyObject("key_1", "first");
const KEY_2 = keyObject("key_2", "second");

/** The document --all --json prints for these keys: one list object, as JSON.stringify indents it. */
function document(data: unknown[], firstId: string | null, lastId: string | null): string {
  return `${JSON.stringify({ object: "list", data, first_id: firstId, last_id: lastId, has_more: false }, null, 2)}\n`;
}

const NO_KEYS: Pages = { "": { data: [], first_id: null, last_id: null, has_more: false } };
const EMPTY_LAST_PAGE: Pages = {
  "": { data: [KEY_1, KEY_2], first_id: "key_1", last_id: "key_2", has_more: true },
  key_2: { data: [], first_id: null, last_id: null, has_more: false },
};
const NULL_FIRST: Pages = { "": { data: [null, KEY_1], first_id: null, last_id: "key_1", has_more: false } };

describe("list --all --json at the edges of a listing", () => {
  it.each([
    ["no keys at all: an empty data array, both IDs null", NO_KEYS, document([], null, null), 1],
    ["an empty last page: the IDs of the keys there were, nothing more in data", EMPTY_LAST_PAGE, document([KEY_1, KEY_2], "key_1", "key_2"), 2],
  ])("%s", async (_case, pages, expected, requests) => {
    const result = await listAll(pages, ["--json"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(expected);
    expect(result.stderr).toBe("");
    expect(result.requests).toBe(requests);
  });
});

describe("list --all in the other forms at the edges of a listing", () => {
  const line = (key: unknown): string => `${JSON.stringify(key)}\n`;

  it.each([
    ["--jsonl, no keys at all: nothing", NO_KEYS, ["--jsonl"], ""],
    ["--jsonl, an empty last page: the keys there were, one a line", EMPTY_LAST_PAGE, ["--jsonl"], `${line(KEY_1)}${line(KEY_2)}`],
    ["a table, no keys at all: says so", NO_KEYS, [], "No admin API keys.\n"],
  ])("%s", async (_case, pages, flags, expected) => {
    const result = await listAll(pages, flags);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(expected);
    expect(result.stderr).toBe("");
  });
});

describe("list --all and a page holding null where a key should be", () => {
  it.each([[["--json"]], [["--jsonl"]], [[]]])("%j: exits 1 naming the entry, and prints nothing of that page", async (flags) => {
    const result = await listAll(NULL_FIRST, flags);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toBe(
      'error: 200 APIError: 200: expected a page of keys ({ "data": [...], "has_more": true|false }), received a JSON object with fields object, data, first_id, last_id, has_more, whose data[0] is JSON null, not a key\n',
    );
    expect(result.requests).toBe(1);
  });
});
