// npm run bench:server: how many requests per second the local server sustains, so it is known
// never to be what limits the client benchmark (bench/client.ts: retrieve with 16 in flight, and
// listing 100,000 keys at limit 100).
//
// The server runs in a child process (its own event loop and core); this process is the load:
// 16 requests in flight over keep-alive connections, driven once with node:http (little client
// overhead, so the figure is close to the server's own ceiling) and once with fetch (what the
// client uses). Prints a markdown table. Not a test: nothing here asserts a duration.

import { type ChildProcess, fork } from "node:child_process";
import { Agent, request } from "node:http";
import { fileURLToPath } from "node:url";

const IN_FLIGHT = 16;
const STORE_SIZE = 100_000;

interface Target {
  readonly url: string;
  readonly apiKey: string;
}

/** One measured scenario. */
export interface ServerBenchRow {
  readonly scenario: string;
  readonly driver: "node:http" | "fetch";
  readonly requests: number;
  readonly seconds: number;
  readonly perSecond: number;
}

async function childServer(): Promise<void> {
  const { startMockServer } = await import("../src/testing/index.js");
  const server = await startMockServer({ seed: STORE_SIZE, recordLimit: 0 });
  process.send?.({ url: server.url, apiKey: server.apiKey });
  process.on("disconnect", () => void server.close().then(() => process.exit(0)));
}

function startChild(): Promise<{ child: ChildProcess; target: Target }> {
  const child = fork(fileURLToPath(import.meta.url), ["--child"], { execArgv: ["--import", "tsx"], stdio: ["ignore", "inherit", "inherit", "ipc"] });
  return new Promise((resolve, reject) => {
    child.once("message", (target: Target) => resolve({ child, target }));
    child.once("exit", (code) => reject(new Error(`the server process exited with code ${code}`)));
  });
}

type Get = (path: string) => Promise<string>;

function httpDriver(target: Target): { get: Get; close: () => void } {
  const base = new URL(target.url);
  const agent = new Agent({ keepAlive: true, maxSockets: IN_FLIGHT });
  const headers = { authorization: `Bearer ${target.apiKey}` };
  const get: Get = (path) =>
    new Promise((resolve, reject) => {
      const outgoing = request({ host: base.hostname, port: base.port, path: base.pathname + path, agent, headers }, (response) => {
        let body = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => (body += chunk));
        response.on("end", () => (response.statusCode === 200 ? resolve(body) : reject(new Error(`${response.statusCode}: ${body}`))));
      });
      outgoing.on("error", reject);
      outgoing.end();
    });
  return { get, close: () => agent.destroy() };
}

function fetchDriver(target: Target): { get: Get; close: () => void } {
  const headers = { authorization: `Bearer ${target.apiKey}` };
  const get: Get = async (path) => {
    const response = await fetch(target.url + path, { headers });
    const body = await response.text();
    if (response.status !== 200) throw new Error(`${response.status}: ${body}`);
    return body;
  };
  return { get, close: () => undefined };
}

/** Runs `total` requests, IN_FLIGHT at a time; path(i) names the i-th. */
async function drive(get: Get, total: number, path: (index: number) => string): Promise<number> {
  let next = 0;
  const started = performance.now();
  const worker = async (): Promise<void> => {
    while (next < total) await get(path(next++));
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  return (performance.now() - started) / 1000;
}

/** Walks every page once (also the warm-up) and returns each page's cursor and every id. */
async function walk(get: Get): Promise<{ cursors: string[]; ids: string[] }> {
  const cursors: string[] = [];
  const ids: string[] = [];
  let after = "";
  for (;;) {
    const page = JSON.parse(await get(`/organization/admin_api_keys?limit=100${after}`)) as { data: { id: string }[]; has_more: boolean; last_id: string };
    for (const key of page.data) ids.push(key.id);
    if (!page.has_more) return { cursors, ids };
    cursors.push(page.last_id);
    after = `&after=${page.last_id}`;
  }
}

/** Measures list (limit 100) and retrieve against a fresh server process. */
export async function benchServer(options: { listRequests?: number; retrieveRequests?: number } = {}): Promise<ServerBenchRow[]> {
  const listRequests = options.listRequests ?? 5_000;
  const retrieveRequests = options.retrieveRequests ?? 20_000;
  const { child, target } = await startChild();
  const rows: ServerBenchRow[] = [];
  try {
    for (const [driver, make] of [["node:http", httpDriver], ["fetch", fetchDriver]] as const) {
      const { get, close } = make(target);
      const { cursors, ids } = await walk(get);
      const listSeconds = await drive(get, listRequests, (index) => `/organization/admin_api_keys?limit=100&after=${cursors[index % cursors.length]}`);
      rows.push({ scenario: "list, limit 100", driver, requests: listRequests, seconds: listSeconds, perSecond: listRequests / listSeconds });
      // A fixed stride through the ids, so every run asks for the same keys.
      const retrieveSeconds = await drive(get, retrieveRequests, (index) => `/organization/admin_api_keys/${ids[(index * 7919) % ids.length]}`);
      rows.push({ scenario: "retrieve", driver, requests: retrieveRequests, seconds: retrieveSeconds, perSecond: retrieveRequests / retrieveSeconds });
      close();
    }
  } finally {
    child.disconnect();
  }
  return rows;
}

/** The rows as a markdown table, one line per scenario with both drivers side by side. */
export function serverBenchTable(rows: readonly ServerBenchRow[]): string {
  const scenarios = [...new Set(rows.map((row) => row.scenario))];
  const cell = (scenario: string, driver: string): string => {
    const row = rows.find((candidate) => candidate.scenario === scenario && candidate.driver === driver);
    return row === undefined ? "–" : `${Math.round(row.perSecond).toLocaleString("en-US")} req/s`;
  };
  return [
    `Local server (startMockServer, ${STORE_SIZE.toLocaleString("en-US")} keys, own process), ${IN_FLIGHT} requests in flight, keep-alive:`,
    "",
    "| scenario | load from node:http | load from fetch |",
    "|---|---:|---:|",
    ...scenarios.map((scenario) => `| ${scenario} | ${cell(scenario, "node:http")} | ${cell(scenario, "fetch")} |`),
  ].join("\n");
}

if (process.argv.includes("--child")) {
  await childServer();
} else if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(serverBenchTable(await benchServer()));
  console.log(`\nNode ${process.version}, ${process.platform}/${process.arch}. Each figure is requests sent / wall time for that run.`);
}
