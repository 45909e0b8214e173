// Each step of the emulator's pipeline on its own, then the order runPipeline runs them in: the
// orderings the behaviour depends on (a fault is used up before the body is read, a fault answers
// before auth, 413 before auth, auth before parse, parse before handle) each pinned by a test that
// fails if two steps trade places.

import { describe, expect, it } from "vitest";
import { FaultDelays } from "../../src/testing/fault-delays.js";
import { FaultQueue, type MockFault } from "../../src/testing/faults.js";
import { type MockResponseRecord, RequestLog } from "../../src/testing/log.js";
import {
  type MockAnswer,
  type MockArrival,
  type MockExchange,
  type MockPipelineState,
  applyFault,
  authenticateRequest,
  failAfterCommit,
  handleOperation,
  parseRequestBody,
  readRequestBody,
  recordRequest,
  respond,
  routeRequest,
  runPipeline,
  takeFault,
  unroutedAnswer,
} from "../../src/testing/mock-pipeline.js";
import { MockRequestIds } from "../../src/testing/mock-request-ids.js";
import { MockResponseHooks } from "../../src/testing/mock-response-hooks.js";
import { KeyStore } from "../../src/testing/store.js";
import { DEFAULT_MOCK_API_KEY } from "../../src/testing/index.js";
import { assertMatchesSpec } from "./spec.js";

const LIST = "/v1/organization/admin_api_keys";
const HERE = { aborted: false };
const NOW_MS = 1_800_000_000_000;
const OWNER = { type: "user", object: "organization.user", id: "user_1", name: "U", created_at: 1, role: "owner" } as const;

/** A fresh state whose responses go to `records` (and not to the run-wide log file). */
function state(records: MockResponseRecord[] = [], overrides: Partial<MockPipelineState> = {}): MockPipelineState {
  return {
    store: new KeyStore(),
    faults: new FaultQueue(),
    log: new RequestLog(100),
    ids: new MockRequestIds(),
    delays: new FaultDelays(),
    hooks: new MockResponseHooks((record) => records.push(record), ""),
    access: { apiKey: DEFAULT_MOCK_API_KEY, acceptAnyKey: false },
    owner: OWNER,
    now: () => NOW_MS,
    maxBodyBytes: 1024,
    ...overrides,
  };
}

function arrival(method: string, target: string): MockArrival {
  return { method, target, headers: {} };
}

function request(method: string, target: string, init: RequestInit & { key?: string | null } = {}): Request {
  const headers = new Headers(init.headers);
  const key = init.key === undefined ? DEFAULT_MOCK_API_KEY : init.key;
  if (key !== null) headers.set("authorization", `Bearer ${key}`);
  return new Request(`http://emulator${target}`, { ...init, method, headers });
}

/** A RequestInit for a stream body: Node's fetch wants `duplex`, which the DOM types lack. */
function streaming(body: ReadableStream<Uint8Array>, headers: Record<string, string> = {}): RequestInit & { duplex: "half" } {
  return { body, headers, duplex: "half" };
}

/** A body stream that counts what was pulled from it. */
function countedBody(chunks: number, chunkBytes: number): { stream: ReadableStream<Uint8Array>; pulled: () => number; ended: () => boolean } {
  let pulled = 0;
  let ended = false;
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (pulled >= chunks * chunkBytes) {
          ended = true;
          controller.close();
          return;
        }
        pulled += chunkBytes;
        controller.enqueue(new Uint8Array(chunkBytes).fill(0x20));
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, pulled: () => pulled, ended: () => ended };
}

function jsonOf(answer: MockAnswer): { error: { code: string | null; param: string | null; message: string } } {
  return JSON.parse(answer.text);
}

describe("1. route", () => {
  it("splits the raw target into path and query and names the operation", () => {
    expect(routeRequest("GET", `${LIST}/key_a%2Fb?x=1&y=2`)).toEqual({
      path: `${LIST}/key_a%2Fb`,
      query: "x=1&y=2",
      match: { kind: "operation", operationId: "admin-api-keys-get", params: { key_id: "key_a/b" } },
    });
    expect(routeRequest("POST", LIST)).toMatchObject({ query: "", match: { operationId: "admin-api-keys-create" } });
  });

  it("answers what the spec does not route: 404, 405 with Allow, 400 for undecodable segments", () => {
    const unknown = routeRequest("GET", "/v1/other");
    expect(unknown.match.kind).toBe("not-found");
    if (unknown.match.kind === "operation") throw new Error("routed");
    expect(jsonOf(unroutedAnswer("GET", unknown.path, unknown.match)).error.code).toBe("unknown_url");
    const wrong = routeRequest("PUT", LIST);
    if (wrong.match.kind === "operation") throw new Error("routed");
    const notAllowed = unroutedAnswer("PUT", wrong.path, wrong.match);
    expect([notAllowed.status, notAllowed.headers]).toEqual([405, { allow: "GET, POST" }]);
    // A CONNECT is never tunnelled: its answer closes the connection, whichever it is.
    const connect = routeRequest("CONNECT", LIST);
    if (connect.match.kind === "operation") throw new Error("routed");
    expect(unroutedAnswer("CONNECT", connect.path, connect.match)).toMatchObject({ status: 405, headers: { allow: "GET, POST", connection: "close" } });
    const bad = routeRequest("GET", `${LIST}/%E0%A4%A`);
    if (bad.match.kind === "operation") throw new Error("routed");
    expect(jsonOf(unroutedAnswer("GET", bad.path, bad.match)).error).toEqual({
      message: "Invalid value for key_id: the path segment is not valid percent-encoding.",
      type: "invalid_request_error",
      param: "key_id",
      code: "invalid_value",
    });
  });
});

describe("2. record", () => {
  it("gives each request its own id and counts it, routed or not", () => {
    const emulator = state();
    const first = recordRequest(emulator, arrival("GET", `${LIST}?limit=1`), routeRequest("GET", `${LIST}?limit=1`));
    const second = recordRequest(emulator, arrival("GET", "/v1/nope"), routeRequest("GET", "/v1/nope"));
    expect(first.requestId).toMatch(/^req_[0-9a-f]{32}$/);
    expect(second.requestId).not.toBe(first.requestId);
    expect([first.operationId, second.operationId]).toEqual(["admin-api-keys-list", null]);
    expect(emulator.log.count()).toBe(2);
    expect(emulator.log.all()[0]).toMatchObject({ url: `${LIST}?limit=1`, params: {}, body: undefined });
    // An unrouted request has no path parameters either, rather than none recorded.
    expect(emulator.log.all()[1]).toMatchObject({ url: "/v1/nope", operationId: null });
    expect(emulator.log.all()[1]?.params).toEqual({});
    recordRequest(emulator, arrival("GET", `${LIST}/key_a`), routeRequest("GET", `${LIST}/key_a`));
    expect(emulator.log.all()[2]).toMatchObject({ operationId: "admin-api-keys-get", params: { key_id: "key_a" } });
  });
});

describe("3. take fault", () => {
  it("uses up the route's fault before a '*' one", () => {
    const faults = new FaultQueue();
    faults.add("*", { kind: "status", status: 500 });
    faults.add("admin-api-keys-list", { kind: "drop" });
    expect(takeFault(faults, "admin-api-keys-list")?.kind).toBe("drop");
    expect(takeFault(faults, "admin-api-keys-list")?.kind).toBe("status");
    expect(takeFault(faults, "admin-api-keys-list")).toBeUndefined();
  });
});

describe("4. read body", () => {
  it("reads the body of an operation that takes one, and leaves others' unread", async () => {
    const create = request("POST", LIST, { body: '{"name":"x"}' });
    expect(await readRequestBody(create, "admin-api-keys-create", 1024)).toEqual({ kind: "text", text: '{"name":"x"}' });
    const remove = request("DELETE", `${LIST}/key_a`, { body: "ignored" });
    expect(await readRequestBody(remove, "admin-api-keys-delete", 1024)).toEqual({ kind: "text", text: "" });
    expect(remove.bodyUsed).toBe(false);
  });

  it("stops at the limit and answers 413, without reading the rest", async () => {
    const body = countedBody(64, 1024);
    const big = request("POST", LIST, streaming(body.stream));
    const step = await readRequestBody(big, "admin-api-keys-create", 4096);
    expect(step.kind).toBe("answer");
    if (step.kind !== "answer") return;
    expect(step.answer.status).toBe(413);
    expect(step.answer.headers).toEqual({ connection: "close" });
    expect(jsonOf(step.answer).error.code).toBe("request_too_large");
    expect(body.pulled()).toBe(5 * 1024);
    expect(body.ended()).toBe(false);
  });

  it("answers 413 on a declared Content-Length over the limit before reading a byte", async () => {
    const body = countedBody(1, 10);
    const declared = request("POST", LIST, streaming(body.stream, { "content-length": "5000" }));
    expect((await readRequestBody(declared, "admin-api-keys-create", 4096)).kind).toBe("answer");
    expect(body.pulled()).toBe(0);
  });

  it("reports a body that cannot be read to its end", async () => {
    const failing = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.error(new Error("gone"));
      },
    });
    const step = await readRequestBody(request("POST", LIST, streaming(failing)), "admin-api-keys-create", 1024);
    expect(step).toMatchObject({ kind: "body-unreadable", cause: expect.objectContaining({ message: "gone" }) });
  });
});

describe("5. apply fault", () => {
  function recordingDelays(finish = true): { delays: Pick<FaultDelays, "wait">; waits: number[] } {
    const waits: number[] = [];
    return { delays: { wait: async (ms) => (waits.push(ms), finish) }, waits };
  }

  it.each<[string, MockFault | undefined, string, number[]]>([
    ["no fault", undefined, "continue", []],
    ["delay", { kind: "delay", ms: 30 }, "continue", [30]],
    ["drop after delayMs", { kind: "drop", delayMs: 5 }, "drop", [5]],
    ["drop", { kind: "drop" }, "drop", []],
    ["status", { kind: "status", status: 503, retryAfter: 2, delayMs: 7 }, "answer", [7]],
    ["malformed", { kind: "malformed", body: "<html>", contentType: "text/html" }, "answer", []],
    ["commit-then-fail", { kind: "commit-then-fail" }, "continue", []],
  ])("%s: waits as asked, then %s", async (_label, fault, kind, waited) => {
    const { delays, waits } = recordingDelays();
    expect((await applyFault(fault, delays)).kind).toBe(kind);
    expect(waits).toEqual(waited);
  });

  it("answers a status fault with its headers and a malformed one with its body and type", async () => {
    const { delays } = recordingDelays();
    expect(await applyFault({ kind: "status", status: 429, retryAfter: 1, retryAfterMs: 900 }, delays)).toMatchObject({
      kind: "answer",
      answer: { status: 429, headers: { "retry-after": "1", "retry-after-ms": "900" } },
    });
    expect(await applyFault({ kind: "malformed", status: 502, body: "<html>", contentType: "text/html" }, delays)).toEqual({
      kind: "answer",
      answer: { status: 502, text: "<html>", contentType: "text/html" },
    });
  });

  it("ends with closed when the emulator closes during the wait", async () => {
    const delays = new FaultDelays();
    const pending = applyFault({ kind: "delay", ms: 60_000 }, delays);
    delays.close();
    expect(await pending).toEqual({ kind: "closed" });
    expect(await applyFault({ kind: "drop", delayMs: 1 }, delays)).toEqual({ kind: "closed" });
  });
});

describe("6. authenticate", () => {
  it("answers 401 missing_api_key, 401 invalid_api_key, or lets the caller through and marks a created key used", () => {
    const emulator = state();
    expect(jsonOf(authenticateRequest(new Headers(), emulator, 100) ?? { status: 0, text: "{}" }).error.code).toBe("missing_api_key");
    expect(authenticateRequest(new Headers({ authorization: "Bearer nope" }), emulator, 100)?.status).toBe(401);
    expect(authenticateRequest(new Headers({ authorization: `Bearer ${DEFAULT_MOCK_API_KEY}` }), emulator, 100)).toBeUndefined();
    emulator.store.insert({ object: "organization.admin_api_key", id: "key_made", name: "m", redacted_value: "sk-admin...abc", created_at: 1, expires_at: null, last_used_at: null, owner: OWNER }, "sk-admin-made-secret", true);
    expect(authenticateRequest(new Headers({ authorization: "Bearer sk-admin-made-secret" }), emulator, 100)).toBeUndefined();
    expect(emulator.store.get("key_made")?.last_used_at).toBe(100);
  });
});

describe("7. parse body", () => {
  const exchange = (): Pick<MockExchange, "record"> => ({ record: { body: undefined } });

  it("parses JSON for an operation that takes a body and keeps it in the log record", () => {
    const record = exchange();
    expect(parseRequestBody(new Headers({ "content-type": "application/json" }), "admin-api-keys-create", '{"name":"x"}', record)).toEqual({ body: { name: "x" } });
    expect(record.record.body).toEqual({ name: "x" });
  });

  it("answers 400 for a wrong content type or bad JSON, and ignores bodies of other operations", () => {
    const record = exchange();
    const wrongType = parseRequestBody(new Headers({ "content-type": "text/plain" }), "admin-api-keys-create", "{}", record);
    expect("answer" in wrongType && jsonOf(wrongType.answer).error.code).toBe("unsupported_content_type");
    const badJson = parseRequestBody(new Headers({ "content-type": "application/json" }), "admin-api-keys-create", "{", record);
    expect("answer" in badJson && jsonOf(badJson.answer).error.code).toBe("invalid_json");
    expect(record.record.body).toBeUndefined();
    expect(parseRequestBody(new Headers(), "admin-api-keys-get", "{", record)).toEqual({ body: undefined });
  });
});

describe("8. handle", () => {
  it("runs the operation against the store, with its own checks", () => {
    const emulator = state();
    const created = handleOperation(emulator, { operationId: "admin-api-keys-create", params: {}, query: "", body: { name: "n" }, nowSeconds: 5 });
    expect(created.status).toBe(200);
    expect(emulator.store.createdCount).toBe(1);
    const listed = handleOperation(emulator, { operationId: "admin-api-keys-list", params: {}, query: "limit=abc", body: undefined, nowSeconds: 5 });
    expect([listed.status, jsonOf(listed).error.param]).toEqual([400, "limit"]);
    const missing = handleOperation(emulator, { operationId: "admin-api-keys-get", params: { key_id: "key_x" }, query: "", body: undefined, nowSeconds: 5 });
    expect([missing.status, jsonOf(missing).error.param]).toEqual([404, "key_id"]);
  });
});

describe("9. fail after commit", () => {
  it("replaces the answer only for a commit-then-fail fault", () => {
    const ok: MockAnswer = { status: 200, text: "{}" };
    expect(failAfterCommit(undefined, ok)).toBe(ok);
    expect(failAfterCommit({ kind: "delay", ms: 1 }, ok)).toBe(ok);
    const failed = failAfterCommit({ kind: "commit-then-fail", status: 502 }, ok);
    expect(failed.status).toBe(502);
    expect(failed.text).not.toContain("sk-admin-");
  });
});

describe("10. respond", () => {
  const exchange = (): MockExchange => ({
    requestId: "req_0123456789abcdef0123456789abcdef",
    operationId: "admin-api-keys-get",
    arrival: arrival("GET", `${LIST}/key_a`),
    record: { body: undefined },
    fault: null,
  });

  it("completes the headers and tells the hooks", () => {
    const records: MockResponseRecord[] = [];
    const outcome = respond(state(records), exchange(), { status: 405, text: '{"a":1}', headers: { allow: "GET" } }, HERE);
    expect(outcome).toEqual({
      kind: "reply",
      reply: {
        status: 405,
        headers: { "content-type": "application/json", "content-length": "7", "x-request-id": "req_0123456789abcdef0123456789abcdef", allow: "GET" },
        text: '{"a":1}',
      },
    });
    expect(records).toEqual([expect.objectContaining({ status: 405, url: `${LIST}/key_a`, method: "GET", body: { a: 1 }, operationId: "admin-api-keys-get" })]);
  });

  it("tells nobody of an answer whose caller has stopped waiting", () => {
    const records: MockResponseRecord[] = [];
    expect(respond(state(records), exchange(), { status: 200, text: "{}" }, { aborted: true })).toEqual({ kind: "abandoned" });
    expect(records).toEqual([]);
  });
});

describe("runPipeline: the order of the steps", () => {
  async function run(emulator: MockPipelineState, method: string, target: string, init: RequestInit & { key?: string | null } = {}) {
    return runPipeline(emulator, request(method, target, init), arrival(method, target), HERE);
  }
  const json = { "content-type": "application/json" };

  it("takes the fault (3) before reading the body (4): a request ending in 413 still uses it up", async () => {
    const emulator = state([], { maxBodyBytes: 8 });
    emulator.faults.add("admin-api-keys-create", { kind: "status", status: 500 });
    const outcome = await run(emulator, "POST", LIST, { headers: json, body: '{"name":"longer than eight"}' });
    expect(outcome.kind === "reply" && outcome.reply.status).toBe(413);
    expect(emulator.faults.pending()).toBe(0);
  });

  it("reads the body (4) before the fault acts (5): a dropped create has sent its whole body and commits nothing", async () => {
    const emulator = state();
    emulator.faults.add("admin-api-keys-create", { kind: "drop" });
    const body = countedBody(2, 100);
    expect(await run(emulator, "POST", LIST, streaming(body.stream, json))).toEqual({ kind: "drop" });
    expect(body.ended()).toBe(true);
    expect(emulator.store.createdCount).toBe(0);
    expect(emulator.log.count("admin-api-keys-create")).toBe(1);
  });

  it("lets a fault answer (5) before authentication (6): a 429 reaches a caller without a key", async () => {
    const emulator = state();
    emulator.faults.add("admin-api-keys-list", { kind: "status", status: 429 });
    const outcome = await run(emulator, "GET", LIST, { key: null });
    expect(outcome.kind === "reply" && outcome.reply.status).toBe(429);
  });

  it("answers 413 (4) before authentication (6)", async () => {
    const outcome = await run(state([], { maxBodyBytes: 8 }), "POST", LIST, { key: null, headers: json, body: '{"name":"longer than eight"}' });
    expect(outcome.kind === "reply" && outcome.reply.status).toBe(413);
  });

  it("authenticates (6) before parsing (7): bad JSON without a key is a 401, and the log holds no body", async () => {
    const emulator = state();
    const outcome = await run(emulator, "POST", LIST, { key: null, headers: json, body: '{"name":"x"}' });
    expect(outcome.kind === "reply" && outcome.reply.status).toBe(401);
    expect(emulator.log.all()[0]?.body).toBeUndefined();
    const invalid = await run(emulator, "POST", LIST, { key: null, headers: json, body: "{" });
    expect(invalid.kind === "reply" && invalid.reply.status).toBe(401);
  });

  it("parses (7) before handling (8): a bad body creates nothing; a good one is logged and created", async () => {
    const emulator = state();
    const bad = await run(emulator, "POST", LIST, { headers: json, body: "{" });
    expect(bad.kind === "reply" && bad.reply.status).toBe(400);
    expect(emulator.store.createdCount).toBe(0);
    const good = await run(emulator, "POST", LIST, { headers: json, body: '{"name":"ok"}' });
    expect(good.kind === "reply" && good.reply.status).toBe(200);
    expect(emulator.log.all().map((record) => record.body)).toEqual([undefined, { name: "ok" }]);
  });

  it("handles (8) before failing after commit (9): the key exists, the answer is the fault's", async () => {
    const emulator = state();
    emulator.faults.add("admin-api-keys-create", { kind: "commit-then-fail" });
    const outcome = await run(emulator, "POST", LIST, { headers: json, body: '{"name":"ghost"}' });
    expect(outcome.kind === "reply" && outcome.reply.status).toBe(500);
    expect(emulator.store.createdCount).toBe(1);
  });

  it("answers an unrouted request right after recording it (1, 2, 10), with no fault taken", async () => {
    const emulator = state();
    emulator.faults.add("*", { kind: "drop" });
    const outcome = await run(emulator, "PUT", LIST);
    expect(outcome.kind === "reply" && outcome.reply.status).toBe(405);
    expect(emulator.faults.pending()).toBe(1);
    expect(emulator.log.count()).toBe(1);
  });

  it("answers a bug in the emulator with a 500 in the OpenAI shape, recorded like any response", async () => {
    const records: MockResponseRecord[] = [];
    class BrokenStore extends KeyStore {
      override page(): never {
        throw new Error("page exploded");
      }
    }
    const outcome = await run(state(records, { store: new BrokenStore() }), "GET", LIST);
    expect(outcome.kind === "reply" && outcome.reply.status).toBe(500);
    expect(records[0]?.body).toEqual({ error: { message: "Local server bug: page exploded", type: "server_error", param: null, code: null } });
    for (const record of records) assertMatchesSpec(record);
  });
});
