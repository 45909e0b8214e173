// Running the docs' code samples against the local server, the way a reader would run them.
//
// The one substitution: every sample names the API by the spec's first server URL and takes the
// admin key from OPENAI_ADMIN_KEY (scripts/docs/code-samples.ts). Here the server URL is replaced
// by the local server's URL, everywhere it occurs, and OPENAI_ADMIN_KEY is set to the local
// server's key. Nothing else in a sample is touched. A sample that does not name the server URL
// is refused, rather than run against whatever it does name.
//
// The local server holds a key for every id the samples address (their path parameters and the
// `after` cursor, as the spec's examples name them), so that they find what they ask for.

import { isDeepStrictEqual } from "node:util";
import { readSpecFile } from "../../scripts/spec/load.js";
import { codeSamples, type OperationSamples } from "../../scripts/docs/code-samples.js";
import type { SampleRequest } from "../../scripts/docs/sample-request.js";
import { startMockServer, type MockRequestRecord, type MockResponseRecord, type MockServer } from "../../src/testing/index.js";
import { assertMatchesSpec, responseSchemaPointer, schemaErrors } from "../testing/spec.js";
import { ROOT } from "../pipeline/project-copy.js";

export { ROOT };

export async function loadSamples(): Promise<OperationSamples[]> {
  return codeSamples(await readSpecFile(`${ROOT}/spec/openapi.yaml`, "spec/openapi.yaml"));
}

/** The sample with the local server in place of the spec's server URL; throws when it names none. */
export function substitute(source: string, request: SampleRequest, server: Pick<MockServer, "url">): string {
  if (!source.includes(request.serverUrl)) {
    throw new Error(`The ${request.operationId} sample does not name the server ${request.serverUrl}, so it cannot be pointed at the local server.`);
  }
  return source.split(request.serverUrl).join(server.url);
}

/** The key ids a sample addresses, which the local server must hold. */
function addressedIds(request: SampleRequest): string[] {
  const values = [...request.pathParameters, ...request.query.filter(({ name }) => name === "after")].map(({ value }) => value);
  return values.filter((value): value is string => typeof value === "string");
}

export interface ProcessOutput {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface SampleRun extends ProcessOutput {
  readonly requests: readonly MockRequestRecord[];
  readonly responses: readonly MockResponseRecord[];
}

/** Starts a local server for the sample, runs it with `run`, and returns what happened on both sides. */
export async function runAgainstLocalServer(
  request: SampleRequest,
  run: (server: MockServer, env: NodeJS.ProcessEnv) => Promise<ProcessOutput>,
): Promise<SampleRun> {
  const responses: MockResponseRecord[] = [];
  const ids = [...new Set(addressedIds(request))];
  const server = await startMockServer({ seed: 5, keys: ids.map((id) => ({ id, name: `Key ${id}` })), onResponse: (record) => responses.push(record) });
  try {
    // The sample's own output only: a log level set for the test run would add lines to it.
    const { OPENAI_ADMIN_KEYS_LOG: _, ...inherited } = process.env;
    const env: NodeJS.ProcessEnv = { ...inherited, OPENAI_ADMIN_KEY: server.apiKey };
    const output = await run(server, env);
    return { ...output, requests: server.requests.all(), responses };
  } finally {
    await server.close();
  }
}

function parseJson(text: string): { value: unknown } | undefined {
  try {
    return { value: JSON.parse(text) };
  } catch {
    return undefined;
  }
}

/** The query a request carried, as the sample wrote it (every value as its text). */
function queryOf(url: string): Record<string, string> {
  return Object.fromEntries(new URL(url, "http://local").searchParams);
}

const written = (value: unknown): string => (typeof value === "string" ? value : JSON.stringify(value));

/**
 * Everything wrong with one run of a sample, as sentences; empty when it worked: it exited 0,
 * made exactly the request of its operation with the sample's query and body, got a 2xx that
 * matches the operation's schema, and printed that answer (`printsBody`) as JSON that matches it too.
 */
export function runProblems(request: SampleRequest, run: SampleRun, options: { readonly printsBody: boolean }): string[] {
  const problems: string[] = [];
  const { operationId } = request;
  if (run.code !== 0) problems.push(`exited with ${run.code}: ${run.stderr.trim().split("\n").slice(0, 5).join(" | ")}`);
  if (run.requests.length !== 1) problems.push(`made ${run.requests.length} requests, not 1`);
  for (const record of run.requests) {
    if (record.operationId !== operationId) problems.push(`called ${record.operationId ?? `${record.method} ${record.url}`}, not ${operationId}`);
    const expectedQuery = Object.fromEntries(request.query.map(({ name, value }) => [name, written(value)]));
    if (!isDeepStrictEqual(queryOf(record.url), expectedQuery)) {
      problems.push(`sent the query ${JSON.stringify(queryOf(record.url))}, not the sample's ${JSON.stringify(expectedQuery)}`);
    }
    if (request.body !== undefined && !isDeepStrictEqual(record.body, request.body)) {
      problems.push(`sent the body ${JSON.stringify(record.body)}, not the sample's ${JSON.stringify(request.body)}`);
    }
  }
  const [response] = run.responses;
  for (const record of run.responses) {
    if (record.status < 200 || record.status > 299) problems.push(`got ${record.status}: ${JSON.stringify(record.body)}`);
    try {
      assertMatchesSpec(record);
    } catch (error) {
      problems.push(error instanceof Error ? error.message : String(error));
    }
  }
  if (options.printsBody && response !== undefined) {
    const printed = parseJson(run.stdout);
    const { pointer } = responseSchemaPointer(operationId, response.status);
    if (printed === undefined) problems.push(`printed no JSON document: ${JSON.stringify(run.stdout.slice(0, 200))}`);
    else {
      const errors = schemaErrors(pointer.split("/").at(-1) ?? "", printed.value);
      if (errors !== null) problems.push(`printed JSON that breaks ${pointer}: ${errors}`);
      if (!isDeepStrictEqual(printed.value, response.body)) problems.push("printed something other than the answer the server sent");
    }
  }
  return problems;
}
