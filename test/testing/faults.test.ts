import { describe, expect, it, vi } from "vitest";
import type { MockFault } from "../../src/testing/index.js";
import { LIST, call, createKey, expectError, serverFactory } from "./helpers.js";

const start = serverFactory();

describe("scripted faults", () => {
  it("answers a status fault with its error body and Retry-After headers, then serves normally", async () => {
    const server = await start({ seed: 1 });
    server.faults.add("admin-api-keys-list", { kind: "status", status: 429, retryAfter: 2, retryAfterMs: 1500, headers: { "x-should-retry": "true" } });
    const limited = await call(server, LIST);
    expectError(limited, 429, null);
    expect(limited.json.error).toMatchObject({ code: "rate_limit_exceeded", type: "requests" });
    expect(limited.headers.get("retry-after")).toBe("2");
    expect(limited.headers.get("retry-after-ms")).toBe("1500");
    expect(limited.headers.get("x-should-retry")).toBe("true");
    expect((await call(server, LIST)).status).toBe(200);
    expect(server.requests.count("admin-api-keys-list")).toBe(2);
  });

  it("uses the given error fields and an HTTP-date Retry-After as is", async () => {
    const server = await start();
    const date = "Wed, 21 Oct 2037 07:28:00 GMT";
    server.faults.add("GET /organization/admin_api_keys/{key_id}", {
      kind: "status",
      status: 503,
      retryAfter: date,
      error: { message: "Down for maintenance.", code: "maintenance" },
    });
    const answer = await call(server, `${LIST}/key_x`);
    expectError(answer, 503, null);
    expect(answer.json.error).toEqual({ message: "Down for maintenance.", type: "server_error", param: null, code: "maintenance" });
    expect(answer.headers.get("retry-after")).toBe(date);
  });

  it("gives default bodies for other statuses", async () => {
    const server = await start();
    server.faults.add("*", { kind: "status", status: 403 });
    const answer = await call(server, LIST);
    expectError(answer, 403, null);
    expect(answer.json.error.message).toContain("403");
  });

  it("applies a fault the given number of times, oldest first, route faults before '*' faults", async () => {
    const server = await start({ seed: 1 });
    server.faults.add("*", { kind: "status", status: 500 });
    server.faults.add("admin-api-keys-list", { kind: "status", status: 429 }, { times: 2 });
    server.faults.add("admin-api-keys-list", { kind: "status", status: 502 });
    expect(server.faults.pending()).toBe(4);
    expect(server.faults.pending("admin-api-keys-list")).toBe(3);
    const statuses: number[] = [];
    for (let index = 0; index < 5; index++) statuses.push((await call(server, LIST)).status);
    expect(statuses).toEqual([429, 429, 502, 500, 200]);
    expect(server.faults.pending()).toBe(0);
  });

  it("keeps an Infinity fault until cleared", async () => {
    const server = await start();
    server.faults.add("admin-api-keys-get", { kind: "status", status: 500 }, { times: Infinity });
    for (let index = 0; index < 3; index++) expect((await call(server, `${LIST}/key_x`)).status).toBe(500);
    server.faults.clear("admin-api-keys-get");
    expect((await call(server, `${LIST}/key_x`)).status).toBe(404);
    server.faults.add("*", { kind: "status", status: 500 }, { times: 5 });
    server.faults.clear();
    expect(server.faults.pending()).toBe(0);
  });

  it("delays an answer by at least the given time, then answers normally", async () => {
    const server = await start({ seed: 1 });
    server.faults.add("admin-api-keys-list", { kind: "delay", ms: 150 });
    const started = performance.now();
    const answer = await call(server, LIST);
    expect(performance.now() - started).toBeGreaterThanOrEqual(145);
    expect(answer.status).toBe(200);
  });

  it("drops the connection without an answer", async () => {
    const server = await start();
    server.faults.add("admin-api-keys-list", { kind: "drop" });
    const failure = await fetch(`${server.url}${LIST}`, { headers: { authorization: `Bearer ${server.apiKey}` } }).then(
      () => undefined,
      (error: Error) => error,
    );
    expect(failure).toBeInstanceOf(TypeError);
    expect(server.requests.count("admin-api-keys-list")).toBe(1);
    expect((await call(server, LIST)).status).toBe(200);
  });

  it("drops a create after its body arrived without committing it", async () => {
    const server = await start();
    server.faults.add("admin-api-keys-create", { kind: "drop", delayMs: 20 });
    await expect(call(server, LIST, { method: "POST", body: { name: "x" } })).rejects.toThrow();
    expect(server.store.createdCount).toBe(0);
  });

  it("sends a malformed body: truncated JSON by default, or the given text and type", async () => {
    const server = await start();
    server.faults.add("admin-api-keys-list", { kind: "malformed" });
    server.faults.add("admin-api-keys-list", { kind: "malformed", status: 502, body: "<html>Bad gateway</html>", contentType: "text/html" });
    const truncated = await call(server, LIST);
    expect(truncated.status).toBe(200);
    expect(() => JSON.parse(truncated.text)).toThrow(SyntaxError);
    const html = await call(server, LIST);
    expect(html.status).toBe(502);
    expect(html.headers.get("content-type")).toBe("text/html");
    expect(html.text).toBe("<html>Bad gateway</html>");
  });

  it("commits a create and then answers 500", async () => {
    const server = await start();
    server.faults.add("admin-api-keys-create", { kind: "commit-then-fail" });
    const answer = await call(server, LIST, { method: "POST", body: { name: "ghost" } });
    expectError(answer, 500, null);
    expect(answer.text).not.toContain("sk-admin-");
    expect(server.store.createdCount).toBe(1);
    expect(server.store.list()[0]?.name).toBe("ghost");
  });

  it("commits a delete and then answers the given status", async () => {
    const server = await start();
    const created = await createKey(server);
    server.faults.add("admin-api-keys-delete", { kind: "commit-then-fail", status: 502, error: { message: "gateway" } });
    expect((await call(server, `${LIST}/${created.id}`, { method: "DELETE" })).status).toBe(502);
    expect(server.store.has(created.id)).toBe(false);
  });

  it("still commits a delayed create when the client has given up", async () => {
    const server = await start();
    server.faults.add("admin-api-keys-create", { kind: "delay", ms: 150 });
    const gaveUp = await fetch(`${server.url}${LIST}`, {
      method: "POST",
      headers: { authorization: `Bearer ${server.apiKey}`, "content-type": "application/json" },
      body: JSON.stringify({ name: "late" }),
      signal: AbortSignal.timeout(30),
    }).catch((error: Error) => error.name);
    expect(gaveUp).toBe("TimeoutError");
    expect(server.store.createdCount).toBe(0);
    await vi.waitFor(() => expect(server.store.createdCount).toBe(1), { timeout: 5_000, interval: 20 });
  });

  it.each<[string, MockFault | Record<string, unknown>, RegExp]>([
    ["unknown kind", { kind: "explode" }, /fault.kind/],
    ["status below 400", { kind: "status", status: 200 }, /fault.status/],
    ["status missing", { kind: "status" }, /fault.status must be an integer from 400 to 599 for a status fault; got undefined/],
    ["negative delay", { kind: "delay", ms: -1 }, /fault.ms/],
    ["delay missing", { kind: "delay" }, /fault.ms must be an integer from 0 to 600000 for a delay fault; got undefined/],
    ["fractional retryAfter", { kind: "status", status: 429, retryAfter: 1.5 }, /fault.retryAfter/],
    ["bad retryAfterMs", { kind: "status", status: 429, retryAfterMs: -5 }, /fault.retryAfterMs/],
    ["bad malformed status", { kind: "malformed", status: 99 }, /fault.status/],
    ["bad commit status", { kind: "commit-then-fail", status: 200 }, /fault.status/],
    ["bad drop delay", { kind: "drop", delayMs: 1.5 }, /fault.delayMs/],
  ])("refuses a bad fault (%s), naming the field", async (_label, fault, message) => {
    const server = await start();
    expect(() => server.faults.add("*", fault as MockFault)).toThrow(message);
    expect(server.faults.pending()).toBe(0);
  });

  const KIND_RULE = "fault.kind must be one of status, delay, drop, malformed, commit-then-fail";

  it.each<[string, unknown, TypeErrorConstructor | RangeErrorConstructor, string]>([
    ["null", null, TypeError, `${KIND_RULE}; got null.`],
    ["undefined", undefined, TypeError, `${KIND_RULE}; got undefined.`],
    ["a kind given as a bare string", "drop", TypeError, `${KIND_RULE}; got "drop".`],
    ["an unknown kind", { kind: "explode" }, TypeError, `${KIND_RULE}; got "explode".`],
    ["an object without a kind", {}, TypeError, `${KIND_RULE}; got undefined.`],
    ["a status above 599", { kind: "status", status: 600 }, RangeError, "fault.status must be an integer from 400 to 599; got 600."],
    ["a status fault's retryAfterMs above an hour", { kind: "status", status: 429, retryAfterMs: 3_600_001 }, RangeError, "fault.retryAfterMs must be an integer from 0 to 3600000; got 3600001."],
    ["a status fault's retryAfter above a day", { kind: "status", status: 429, retryAfter: 86_401 }, RangeError, "fault.retryAfter must be an integer from 0 to 86400; got 86401."],
    ["a status fault's delayMs above ten minutes", { kind: "status", status: 500, delayMs: 600_001 }, RangeError, "fault.delayMs must be an integer from 0 to 600000; got 600001."],
    ["a delay above ten minutes", { kind: "delay", ms: 600_001 }, RangeError, "fault.ms must be an integer from 0 to 600000; got 600001."],
    ["a malformed status above 599", { kind: "malformed", status: 600 }, RangeError, "fault.status must be an integer from 200 to 599; got 600."],
    ["a malformed fault's negative delayMs", { kind: "malformed", delayMs: -1 }, RangeError, "fault.delayMs must be an integer from 0 to 600000; got -1."],
    ["a commit-then-fail status above 599", { kind: "commit-then-fail", status: 600 }, RangeError, "fault.status must be an integer from 400 to 599; got 600."],
    ["a commit-then-fail delayMs that is a string", { kind: "commit-then-fail", delayMs: "10" }, RangeError, 'fault.delayMs must be an integer from 0 to 600000; got "10".'],
    ["a drop's delayMs above ten minutes", { kind: "drop", delayMs: 600_001 }, RangeError, "fault.delayMs must be an integer from 0 to 600000; got 600001."],
  ])("refuses %s with the exact message and error class", async (_label, fault, errorClass, message) => {
    const server = await start();
    const attempt = () => server.faults.add("*", fault as MockFault);
    // An error instance: vitest compares both the class and the exact message.
    expect(attempt).toThrow(new errorClass(message));
    expect(server.faults.pending()).toBe(0);
  });

  it("accepts every field at the top of its range", async () => {
    const server = await start();
    const atTheTop: MockFault[] = [
      { kind: "status", status: 599, retryAfter: 86_400, retryAfterMs: 3_600_000, delayMs: 600_000 },
      { kind: "delay", ms: 600_000 },
      { kind: "malformed", status: 599, delayMs: 600_000 },
      { kind: "commit-then-fail", status: 599, delayMs: 600_000 },
      { kind: "drop", delayMs: 600_000 },
    ];
    for (const fault of atTheTop) server.faults.add("admin-api-keys-get", fault);
    expect(server.faults.pending("admin-api-keys-get")).toBe(atTheTop.length);
    server.faults.clear();
  });

  it("clears and counts one route without touching the others", async () => {
    const server = await start({ seed: 1 });
    server.faults.add("admin-api-keys-list", { kind: "status", status: 503 }, { times: 2 });
    server.faults.add("admin-api-keys-get", { kind: "status", status: 502 });
    server.faults.add("*", { kind: "status", status: 500 });
    // A route nothing is queued for has nothing pending, whatever the other routes hold.
    expect(server.faults.pending("admin-api-keys-delete")).toBe(0);
    server.faults.clear("admin-api-keys-list");
    expect(server.faults.pending("admin-api-keys-list")).toBe(0);
    expect(server.faults.pending("admin-api-keys-get")).toBe(1);
    expect(server.faults.pending("*")).toBe(1);
    expect(server.faults.pending()).toBe(2);
    // The list meets the "*" fault now, and then nothing; the get still meets its own.
    expect((await call(server, LIST)).status).toBe(500);
    expect((await call(server, LIST)).status).toBe(200);
    expect((await call(server, `${LIST}/key_x`)).status).toBe(502);
    expect(server.faults.pending()).toBe(0);
  });

  it("refuses unknown routes and bad repeat counts", async () => {
    const server = await start();
    expect(() => server.faults.add("GET /nope" as never, { kind: "drop" })).toThrow(/^route must be "\*" or one of admin-api-keys-list.*; got "GET \/nope" \(an unknown route\)\.$/);
    expect(() => server.faults.add("*", { kind: "drop" }, { times: 0 })).toThrow(/options.times/);
    expect(() => server.faults.add("*", { kind: "drop" }, { times: 1.5 })).toThrow(/options.times/);
    expect(() => server.faults.pending("nope" as never)).toThrow(/an unknown route/);
  });
});
