// Every curl sample in the docs, run as written by sh with the real curl, against the local
// server: it must make its operation's request with the sample's query and body, and the answer
// it prints must match the operation's schema. See sample-harness.ts for the one substitution.

import { execFile } from "node:child_process";
import { describe, expect, it } from "vitest";
import type { OperationSamples } from "../../scripts/docs/code-samples.js";
import type { SampleRequest } from "../../scripts/docs/sample-request.js";
import { loadSamples, ROOT, runAgainstLocalServer, runProblems, substitute, type ProcessOutput, type SampleRun } from "./sample-harness.js";

const operations: OperationSamples[] = await loadSamples();

function sh(script: string, env: NodeJS.ProcessEnv): Promise<ProcessOutput> {
  return new Promise((done) => {
    execFile("sh", ["-c", script], { cwd: ROOT, env, encoding: "utf8", timeout: 30_000 }, (error, stdout, stderr) => {
      done({ code: error === null ? 0 : typeof error.code === "number" ? error.code : -1, stdout, stderr });
    });
  });
}

function runCurl(request: SampleRequest, source: string): Promise<SampleRun> {
  // curl reports nothing on a 4xx unless asked; the status is read on the server's side.
  return runAgainstLocalServer(request, (server, env) => sh(substitute(source, request, server), env));
}

describe("the curl samples in the docs", () => {
  it("exist for every operation of the spec, and read the key from $OPENAI_ADMIN_KEY", () => {
    expect(operations.length).toBeGreaterThan(0);
    for (const operation of operations) {
      expect(operation.samples.curl?.source, operation.request.operationId).toMatch(/^curl /);
      expect(operation.samples.curl?.source).toContain('"Authorization: Bearer $OPENAI_ADMIN_KEY"');
    }
  });

  it.each(operations.map((operation) => [operation.request.operationId, operation] as const))("%s runs against the local server", async (_, operation) => {
    const source = operation.samples.curl?.source;
    if (source === undefined) throw new Error(`no curl sample for ${operation.request.operationId}`);
    const run = await runCurl(operation.request, source);
    expect(runProblems(operation.request, run, { printsBody: true })).toEqual([]);
  });

  it("fails a sample that would not work: a wrong path, a key not sent, a body the server refuses", async () => {
    const get = operations.find((candidate) => candidate.request.operationId === "admin-api-keys-get");
    const create = operations.find((candidate) => candidate.request.operationId === "admin-api-keys-create");
    if (get?.samples.curl === undefined || create?.samples.curl === undefined) throw new Error("no get or create sample");
    const wrongPath = await runCurl(get.request, get.samples.curl.source.replace("/admin_api_keys/", "/admin_keys/"));
    expect(runProblems(get.request, wrongPath, { printsBody: true }).join("\n")).toMatch(/not admin-api-keys-get[\s\S]*got 404/);
    const noKey = await runCurl(get.request, get.samples.curl.source.replace("$OPENAI_ADMIN_KEY", "$NO_SUCH_VARIABLE"));
    expect(runProblems(get.request, noKey, { printsBody: true }).join("\n")).toMatch(/got 401/);
    const badBody = await runCurl(create.request, create.samples.curl.source.replace('"expires_in_seconds": 2592000', '"expires_in_seconds": 0'));
    expect(runProblems(create.request, badBody, { printsBody: true }).join("\n")).toMatch(/sent the body[\s\S]*got 400/);
  });

  it("refuses to run a sample that does not name the spec's server", () => {
    const [first] = operations;
    if (first?.samples.curl === undefined) throw new Error("no sample");
    const elsewhere = first.samples.curl.source.split(first.request.serverUrl).join("https://example.invalid/v1");
    expect(() => substitute(elsewhere, first.request, { url: "http://127.0.0.1:1/v1" })).toThrow(/does not name the server/);
  });
});
