// The retry rules of src/retry.ts, as tables: which failures repeat, for which method, and how long
// to wait first.

import { describe, expect, it } from "vitest";
import { type Failure, neverConnected, parseHttpDate, retryDelayMs, retryVerdict, serverRequestedDelayMs, shouldRetry } from "../../src/retry.js";

const status = (code: number, headers: Record<string, string> = {}): Failure => ({
  kind: "status",
  status: code,
  headers: new Headers(headers),
});

describe("shouldRetry", () => {
  const cases: [string, Failure, { GET: boolean; DELETE: boolean; POST: boolean }][] = [
    ["connection never made", { kind: "connect" }, { GET: true, DELETE: true, POST: true }],
    ["connection broke after sending", { kind: "network" }, { GET: true, DELETE: true, POST: false }],
    ["timeout", { kind: "timeout" }, { GET: true, DELETE: true, POST: false }],
    ["400", status(400), { GET: false, DELETE: false, POST: false }],
    ["401", status(401), { GET: false, DELETE: false, POST: false }],
    ["403", status(403), { GET: false, DELETE: false, POST: false }],
    ["404", status(404), { GET: false, DELETE: false, POST: false }],
    ["408", status(408), { GET: true, DELETE: true, POST: false }],
    ["409", status(409), { GET: true, DELETE: true, POST: false }],
    ["422", status(422), { GET: false, DELETE: false, POST: false }],
    ["429", status(429), { GET: true, DELETE: true, POST: true }],
    ["500", status(500), { GET: true, DELETE: true, POST: false }],
    ["502", status(502), { GET: true, DELETE: true, POST: false }],
    ["503", status(503), { GET: true, DELETE: true, POST: false }],
    ["599", status(599), { GET: true, DELETE: true, POST: false }],
    ["500 + x-should-retry: false", status(500, { "x-should-retry": "false" }), { GET: false, DELETE: false, POST: false }],
    ["429 + x-should-retry: false", status(429, { "x-should-retry": "false" }), { GET: false, DELETE: false, POST: false }],
    ["400 + x-should-retry: true", status(400, { "x-should-retry": "true" }), { GET: true, DELETE: true, POST: false }],
    ["500 + x-should-retry: true", status(500, { "x-should-retry": "true" }), { GET: true, DELETE: true, POST: false }],
    ["429 + x-should-retry: true", status(429, { "x-should-retry": "true" }), { GET: true, DELETE: true, POST: true }],
    ["500 + x-should-retry: maybe", status(500, { "x-should-retry": "maybe" }), { GET: true, DELETE: true, POST: false }],
  ];
  it.each(cases)("%s", (_label, failure, expected) => {
    expect({
      GET: shouldRetry("GET", failure),
      DELETE: shouldRetry("DELETE", failure),
      POST: shouldRetry("POST", failure),
    }).toEqual(expected);
  });
});

describe("retryVerdict says why, in the words the log carries", () => {
  it.each<[string, Failure, boolean, string]>([
    ["GET", { kind: "connect" }, true, "the connection was never made, so the server never saw the request"],
    ["POST", { kind: "connect" }, true, "the connection was never made, so the server never saw the request"],
    ["GET", { kind: "network" }, true, "the connection broke, and GET is safe to repeat"],
    ["DELETE", { kind: "timeout" }, true, "the attempt timed out, and DELETE is safe to repeat"],
    ["POST", { kind: "network" }, false, "the connection broke after the create may have reached the server"],
    ["POST", { kind: "timeout" }, false, "the attempt timed out after the create may have reached the server"],
    ["GET", { kind: "refused" }, false, "asking again would get the same answer"],
    ["POST", { kind: "refused" }, false, "asking again would get the same answer"],
    ["GET", status(500, { "x-should-retry": "false" }), false, "the server sent x-should-retry: false"],
    ["POST", status(429), true, "429: the server refused the create without acting on it"],
    ["POST", status(500), false, "500 on a create: the key may exist already"],
    ["GET", status(400, { "x-should-retry": "true" }), true, "the server sent x-should-retry: true"],
    ["GET", status(503), true, "503 is worth another try"],
    ["GET", status(404), false, "404 would be answered the same way again"],
  ])("%s after %j", (method, failure, retry, why) => {
    expect(retryVerdict(method, failure)).toEqual({ retry, why });
  });
});

describe("retryDelayMs", () => {
  const now = Date.parse("2026-01-01T00:00:00Z");
  const noJitter = () => 0;
  const fullJitter = () => 1;

  it.each([
    [0, 500],
    [1, 1000],
    [2, 2000],
    [3, 4000],
    [4, 8000],
    [5, 8000],
    [30, 8000],
  ])("backs off 0.5 s doubling, capped at 8 s: retry %i waits %i ms before jitter", (retriesDone, expected) => {
    expect(retryDelayMs(retriesDone, undefined, noJitter, now)).toBe(expected);
    expect(retryDelayMs(retriesDone, undefined, fullJitter, now)).toBe(expected * 0.75);
  });

  it("uses the server's delay instead of backoff when it asks for one", () => {
    expect(retryDelayMs(3, new Headers({ "retry-after": "2" }), noJitter, now)).toBe(2000);
    expect(retryDelayMs(3, new Headers({ "retry-after": "120" }), noJitter, now)).toBe(4000);
  });
});

describe("serverRequestedDelayMs", () => {
  const now = Date.parse("2026-01-01T00:00:00Z");
  it.each<[Record<string, string>, number | undefined]>([
    [{}, undefined],
    [{ "retry-after-ms": "250" }, 250],
    [{ "retry-after-ms": "0" }, 0],
    [{ "retry-after-ms": "60000" }, 60000],
    [{ "retry-after-ms": "60001" }, undefined],
    [{ "retry-after-ms": "-1" }, undefined],
    [{ "retry-after-ms": "soon" }, undefined],
    [{ "retry-after-ms": "" }, undefined],
    [{ "retry-after-ms": "250", "retry-after": "5" }, 250],
    [{ "retry-after-ms": "junk", "retry-after": "5" }, 5000],
    [{ "retry-after": "3" }, 3000],
    // RFC 9110: delay-seconds is digits only; what Number() would also read is not a delay.
    [{ "retry-after": "1.5" }, undefined],
    [{ "retry-after": "2.5" }, undefined],
    [{ "retry-after": "0x2" }, undefined],
    [{ "retry-after": "1e1" }, undefined],
    [{ "retry-after": "+3" }, undefined],
    [{ "retry-after": "" }, undefined],
    [{ "retry-after": "Infinity" }, undefined],
    [{ "retry-after-ms": "1e3" }, undefined],
    [{ "retry-after-ms": "0x10" }, undefined],
    [{ "retry-after-ms": "12.5" }, 12.5],
    [{ "retry-after-ms": "12.25" }, 12.25],
    [{ "retry-after-ms": " 250 ", "retry-after": "5" }, 250],
    [{ "retry-after": " 3 " }, 3000],
    [{ "retry-after": "0" }, 0],
    [{ "retry-after": "60" }, 60000],
    [{ "retry-after": "61" }, undefined],
    [{ "retry-after": "-3" }, undefined],
    [{ "retry-after": "Thu, 01 Jan 2026 00:00:10 GMT" }, 10000],
    [{ "retry-after": "Thu, 01 Jan 2026 00:01:00 GMT" }, 60000],
    [{ "retry-after": "Thu, 01 Jan 2026 00:01:01 GMT" }, undefined],
    [{ "retry-after": "Wed, 31 Dec 2025 23:59:00 GMT" }, 0],
    [{ "retry-after": "not a date" }, undefined],
    // The other two HTTP-date forms a recipient must accept, and what Date.parse takes but HTTP does not.
    [{ "retry-after": "Thursday, 01-Jan-26 00:00:10 GMT" }, 10000],
    [{ "retry-after": "Thu Jan  1 00:00:10 2026" }, 10000],
    [{ "retry-after": "2026-01-01T00:00:10Z" }, undefined],
    [{ "retry-after": "Thu, 01 Jan 2026 00:00:10 UTC" }, undefined],
    [{ "retry-after": "Sat, 31 Feb 2026 00:00:10 GMT" }, undefined],
    [{ "retry-after": "Thu, 01 Jan 2026 24:00:10 GMT" }, undefined],
  ])("%j → %s", (headers, expected) => {
    expect(serverRequestedDelayMs(new Headers(headers), now)).toBe(expected);
  });

  it("returns undefined without headers", () => {
    expect(serverRequestedDelayMs(undefined, now)).toBeUndefined();
  });
});

describe("parseHttpDate", () => {
  const now = Date.parse("2026-06-01T00:00:00Z");
  it.each<[string, number | undefined]>([
    ["Sun, 06 Nov 1994 08:49:37 GMT", Date.UTC(1994, 10, 6, 8, 49, 37)],
    ["Sun Nov  6 08:49:37 1994", Date.UTC(1994, 10, 6, 8, 49, 37)],
    ["Fri, 31 Dec 2027 23:59:60 GMT", Date.UTC(2027, 11, 31, 23, 59, 59)],
    // RFC 850's two-digit year: more than 50 years ahead of this year (2026) means the century before.
    ["Sunday, 06-Nov-94 08:49:37 GMT", Date.UTC(1994, 10, 6, 8, 49, 37)],
    ["Friday, 01-Jan-77 00:00:00 GMT", Date.UTC(1977, 0, 1)],
    ["Saturday, 01-Jan-76 00:00:00 GMT", Date.UTC(2076, 0, 1)],
    ["Thursday, 01-Jan-26 00:00:10 GMT", Date.UTC(2026, 0, 1, 0, 0, 10)],
    ["Sun, 06 Nov 1994 08:60:37 GMT", undefined],
    ["Sun, 06 Nov 1994 08:49:61 GMT", undefined],
    ["Sun, 06 Foo 1994 08:49:37 GMT", undefined],
    ["Sat, 31 Feb 2026 00:00:10 GMT", undefined],
    ["Sun, 06 Nov 1994 24:00:00 GMT", undefined],
    ["Sun, 06 Nov 1994 99:00:00 GMT", undefined],
  ])("%s → %s", (text, expected) => {
    expect(parseHttpDate(text, now)).toBe(expected);
  });
});

describe("neverConnected", () => {
  const fetchFailed = (cause: unknown) => new TypeError("fetch failed", { cause });
  const coded = (code: string) => Object.assign(new Error(code), { code });

  it.each(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH", "EHOSTDOWN", "ENETDOWN", "EADDRNOTAVAIL", "UND_ERR_CONNECT_TIMEOUT"])(
    "%s under fetch failed: the request never left",
    (code) => {
      expect(neverConnected(fetchFailed(coded(code)))).toBe(true);
    },
  );

  it.each(["ECONNRESET", "EPIPE", "UND_ERR_SOCKET", "ETIMEDOUT"])("%s: the request may have arrived", (code) => {
    expect(neverConnected(fetchFailed(coded(code)))).toBe(false);
  });

  it("reads the first error of an AggregateError (every address refused)", () => {
    const aggregate = new AggregateError([coded("ECONNREFUSED"), coded("ECONNREFUSED")], "connect failed");
    expect(neverConnected(fetchFailed(aggregate))).toBe(true);
  });

  it("reads the errors of an AggregateError whose own code is there but undefined", () => {
    const aggregate = Object.assign(new AggregateError([coded("ECONNREFUSED")], "connect failed"), { code: undefined });
    expect(neverConnected(fetchFailed(aggregate))).toBe(true);
  });

  it("reads a code on the thrown error itself (fetches other than undici)", () => {
    expect(neverConnected(coded("ECONNREFUSED"))).toBe(true);
  });

  it.each([undefined, null, "ECONNREFUSED", new Error("fetch failed"), fetchFailed(undefined), fetchFailed({ code: 42 }), fetchFailed({ errors: { 0: coded("ECONNREFUSED") } })])(
    "without a known code (%s) assumes the request may have arrived",
    (thrown) => {
      expect(neverConnected(thrown)).toBe(false);
    },
  );
});
