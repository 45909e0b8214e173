// Every CLI sample in the docs, run as written by sh, with `admin-keys` the real CLI process
// (node --import tsx src/cli/main.ts), against the local server: it must exit 0, make its
// operation's request with the sample's inputs, and print the answer, which must match the
// operation's schema. See sample-harness.ts for the one substitution made.

import { execFile } from "node:child_process";
import { chmod, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OperationSamples } from "../../scripts/docs/code-samples.js";
import type { SampleRequest } from "../../scripts/docs/sample-request.js";
import { loadSamples, ROOT, runAgainstLocalServer, runProblems, substitute, type ProcessOutput, type SampleRun } from "./sample-harness.js";

const operations: OperationSamples[] = await loadSamples();
let bin: string;

beforeAll(async () => {
  // `admin-keys` on the PATH, as `npm install` would put it there, but running the sources.
  bin = await mkdtemp(join(tmpdir(), "admin-keys-cli-samples-"));
  const shim = join(bin, "admin-keys");
  await writeFile(shim, `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} --import tsx ${JSON.stringify(join(ROOT, "src/cli/main.ts"))} "$@"\n`);
  await chmod(shim, 0o755);
});

afterAll(async () => {
  await rm(bin, { recursive: true, force: true });
});

function sh(script: string, env: NodeJS.ProcessEnv): Promise<ProcessOutput> {
  return new Promise((done) => {
    const options = { cwd: ROOT, env: { ...env, PATH: `${bin}${delimiter}${env.PATH ?? ""}` }, encoding: "utf8" as const, timeout: 30_000 };
    execFile("sh", ["-c", script], options, (error, stdout, stderr) => {
      done({ code: error === null ? 0 : typeof error.code === "number" ? error.code : -1, stdout, stderr });
    });
  });
}

function runCli(request: SampleRequest, source: string): Promise<SampleRun> {
  return runAgainstLocalServer(request, (server, env) => sh(substitute(source, request, server), env));
}

describe("the CLI samples in the docs", () => {
  it("exist for every operation of the spec", () => {
    expect(operations.length).toBeGreaterThan(0);
    for (const operation of operations) expect(operation.samples.cli?.source, operation.request.operationId).toMatch(/^admin-keys /m);
  });

  it.each(operations.map((operation) => [operation.request.operationId, operation] as const))("%s runs against the local server", async (_, operation) => {
    const source = operation.samples.cli?.source;
    if (source === undefined) throw new Error(`no CLI sample for ${operation.request.operationId}`);
    const run = await runCli(operation.request, source);
    expect(runProblems(operation.request, run, { printsBody: true })).toEqual([]);
  });

  it("fails a sample that would not work: a misspelt flag, a flag the server refuses, a table instead of the answer", async () => {
    const list = operations.find((candidate) => candidate.request.operationId === "admin-api-keys-list");
    const source = list?.samples.cli?.source;
    if (list === undefined || source === undefined) throw new Error("no list sample");
    const misspelt = await runCli(list.request, source.replace("--limit", "--limt"));
    expect(runProblems(list.request, misspelt, { printsBody: true }).join("\n")).toMatch(/exited with 2/);
    const refused = await runCli(list.request, source.replace("--after key_abc", "--after key_nobody"));
    expect(runProblems(list.request, refused, { printsBody: true }).join("\n")).toMatch(/exited with 1[\s\S]*got 400/);
    const table = await runCli(list.request, source.replace(" --json", ""));
    expect(runProblems(list.request, table, { printsBody: true }).join("\n")).toMatch(/printed no JSON document/);
  });
});
