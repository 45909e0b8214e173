// npm run bench:client: what the client costs on top of plain fetch, and whether listing stays
// flat in memory. A measurement, printed; nothing here asserts a duration.
//
// - retrieve: N sequential requests and N requests 16 in flight, for plain fetch, plain fetch with
//   a per-request timeout signal (what any timeout costs), bare openapi-fetch, the official openai
//   SDK and this client, in interleaved rounds (the order rotates each round); the median
//   throughput of each and its ratio to plain fetch in the same run. Target: ≥ 0.9 for this client.
// - list: 100,000 keys at limit 100 through `for await`; the requests the server counted (exactly
//   1,000 expected) and the peak growth of this process's RSS (under 30 MB expected).
//
// The server is a tiny node:http server in a child process (this file run with --serve), so its
// work does not share an event loop with the clients being measured.
//
// Options: --rounds=3 --requests=5000 --keys=100000 --json

import { type ChildProcess, fork } from "node:child_process";
import http from "node:http";
import { fileURLToPath } from "node:url";
import OpenAI from "openai";
import createClient from "openapi-fetch";
import type { paths } from "../generated/schema.js";
import { createAdminKeysClient } from "../src/index.js";

const ADMIN_KEY = "sk-admin-bench-0000";
const IN_FLIGHT = 16;
const LIST_LIMIT = 100;

/** Throughput of one contender: medians over the rounds, and ratios to plain fetch. */
export interface RetrieveRow {
  readonly contender: string;
  readonly sequentialPerSecond: number;
  readonly sequentialRatio: number;
  readonly concurrentPerSecond: number;
  readonly concurrentRatio: number;
}

export interface ClientBenchReport {
  readonly rounds: number;
  readonly requests: number;
  readonly retrieve: readonly RetrieveRow[];
  readonly list: {
    readonly keys: number;
    readonly limit: number;
    readonly requests: number;
    readonly expectedRequests: number;
    readonly peakRssGrowthMB: number;
  };
}

// ---------------------------------------------------------------- server (child process)

function keyId(index: number): string {
  return `key_${String(index).padStart(7, "0")}`;
}

function keyObject(id: string): object {
  return {
    object: "organization.admin_api_key",
    id,
    name: `Key ${id}`,
    redacted_value: "sk-admin...abcd",
    created_at: 1711471533,
    expires_at: null,
    last_used_at: 1711471534,
    owner: { type: "user", object: "organization.user", id: "user_1", name: "Bench", created_at: 1711471533, role: "owner" },
  };
}

/** Serves `totalKeys` generated keys: retrieve by ID, and cursor pages; counts list requests. */
function serve(totalKeys: number): void {
  let listRequests = 0;
  const prefix = "/v1/organization/admin_api_keys";
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    let body: string;
    if (url.pathname === prefix) {
      listRequests++;
      const limit = Number(url.searchParams.get("limit") ?? 20);
      const after = url.searchParams.get("after");
      const start = after === null ? 0 : Number(after.slice(4)) + 1;
      const end = Math.min(start + limit, totalKeys);
      const data = [];
      for (let i = start; i < end; i++) data.push(keyObject(keyId(i)));
      const [first, last] = data.length ? [keyId(start), keyId(end - 1)] : [null, null];
      body = JSON.stringify({ object: "list", data, first_id: first, last_id: last, has_more: end < totalKeys });
    } else if (url.pathname.startsWith(`${prefix}/`)) {
      body = JSON.stringify(keyObject(decodeURIComponent(url.pathname.slice(prefix.length + 1))));
    } else {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body), "x-request-id": "req_bench" });
    res.end(body);
  });
  server.keepAliveTimeout = 60_000;
  process.on("message", (message) => {
    if (message === "count") process.send?.({ listRequests });
    if (message === "reset") listRequests = 0;
  });
  server.listen(0, "127.0.0.1", () => {
    const address = server.address();
    if (address && typeof address === "object") process.send?.({ port: address.port });
  });
}

// ---------------------------------------------------------------- measuring (parent process)

function nextMessage(child: ChildProcess): Promise<Record<string, number>> {
  return new Promise((resolve) => child.once("message", (message: Record<string, number>) => resolve(message)));
}

type Retrieve = (id: string) => Promise<unknown>;

async function sequential(retrieve: Retrieve, requests: number): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < requests; i++) await retrieve(keyId(i));
  return requests / ((performance.now() - started) / 1000);
}

async function concurrent(retrieve: Retrieve, requests: number): Promise<number> {
  const started = performance.now();
  let next = 0;
  const worker = async () => {
    while (next < requests) await retrieve(keyId(next++));
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  return requests / ((performance.now() - started) / 1000);
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/** Runs both measurements against a fresh child-process server. */
export async function benchClient(options: { rounds?: number; requests?: number; keys?: number } = {}): Promise<ClientBenchReport> {
  const { rounds = 3, requests = 5000, keys: totalKeys = 100_000 } = options;
  const child = fork(fileURLToPath(import.meta.url), ["--serve", `--keys=${totalKeys}`], {
    execArgv: ["--import", "tsx"],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  try {
    const { port } = await nextMessage(child);
    const baseUrl = `http://127.0.0.1:${port}/v1`;
    const headers = { Authorization: `Bearer ${ADMIN_KEY}`, "User-Agent": "bench/1" };
    const keyUrl = (id: string) => `${baseUrl}/organization/admin_api_keys/${encodeURIComponent(id)}`;

    const ours = createAdminKeysClient({ apiKey: ADMIN_KEY, baseUrl });
    const bare = createClient<paths>({ baseUrl, headers });
    const sdk = new OpenAI({ adminAPIKey: ADMIN_KEY, baseURL: baseUrl });
    const contenders: [string, Retrieve][] = [
      ["plain fetch", async (id) => (await fetch(keyUrl(id), { headers })).json()],
      [
        "fetch + timeout",
        async (id) => {
          const controller = new AbortController();
          const timer = setTimeout(() => controller.abort(), 60_000);
          try {
            return await (await fetch(keyUrl(id), { headers, signal: controller.signal })).json();
          } finally {
            clearTimeout(timer);
          }
        },
      ],
      ["bare openapi-fetch", async (id) => (await bare.GET("/organization/admin_api_keys/{key_id}", { params: { path: { key_id: id } } })).data],
      ["openai SDK", (id) => sdk.admin.organization.adminAPIKeys.retrieve(id)],
      ["openai-admin-keys", (id) => ours.adminApiKeys.retrieve(id)],
    ];

    // A warm-up pass each (connections, JIT), then measured rounds with a rotating order.
    for (const [, retrieve] of contenders) await sequential(retrieve, Math.min(requests, 500));
    const measured = contenders.map(() => ({ sequential: [] as number[], concurrent: [] as number[] }));
    for (let round = 0; round < rounds; round++) {
      for (let i = 0; i < contenders.length; i++) {
        const index = (i + round) % contenders.length;
        const [, retrieve] = contenders[index] ?? [];
        if (!retrieve) continue;
        measured[index]?.sequential.push(await sequential(retrieve, requests));
        measured[index]?.concurrent.push(await concurrent(retrieve, requests));
      }
    }
    const [plain = { sequential: [], concurrent: [] }] = measured;
    const retrieve = contenders.map(([contender], index): RetrieveRow => {
      const { sequential: seq = [], concurrent: con = [] } = measured[index] ?? {};
      return {
        contender,
        sequentialPerSecond: Math.round(median(seq)),
        sequentialRatio: +(median(seq) / median(plain.sequential)).toFixed(3),
        concurrentPerSecond: Math.round(median(con)),
        concurrentRatio: +(median(con) / median(plain.concurrent)).toFixed(3),
      };
    });

    // Listing: the server counts the requests; RSS is sampled once per page.
    child.send("reset");
    const rssBefore = process.memoryUsage.rss();
    let peakRss = rssBefore;
    let listed = 0;
    for await (const key of ours.adminApiKeys.list({ limit: LIST_LIMIT })) {
      if (key.id && ++listed % LIST_LIMIT === 0) peakRss = Math.max(peakRss, process.memoryUsage.rss());
    }
    child.send("count");
    const { listRequests = -1 } = await nextMessage(child);
    return {
      rounds,
      requests,
      retrieve,
      list: {
        keys: listed,
        limit: LIST_LIMIT,
        requests: listRequests,
        expectedRequests: Math.ceil(totalKeys / LIST_LIMIT),
        peakRssGrowthMB: +((peakRss - rssBefore) / 2 ** 20).toFixed(1),
      },
    };
  } finally {
    child.kill();
  }
}

/** The report as markdown. */
export function clientBenchTable(report: ClientBenchReport): string {
  const lines = [
    `retrieve on 127.0.0.1, median of ${report.rounds} rounds of ${report.requests} requests; × = ratio to plain fetch (target ≥ 0.9 for openai-admin-keys)`,
    "",
    `| contender | sequential | × | ${IN_FLIGHT} in flight | × |`,
    "|---|---:|---:|---:|---:|",
    ...report.retrieve.map(
      (row) => `| ${row.contender} | ${row.sequentialPerSecond}/s | ${row.sequentialRatio.toFixed(2)} | ${row.concurrentPerSecond}/s | ${row.concurrentRatio.toFixed(2)} |`,
    ),
    "",
    `list ${report.list.keys} keys at limit ${report.list.limit}: ${report.list.requests} requests (expected ${report.list.expectedRequests}), ` +
      `peak RSS growth ${report.list.peakRssGrowthMB} MB (target < 30 MB)`,
  ];
  return lines.join("\n");
}

function option(name: string, fallback: number): number {
  const prefix = `--${name}=`;
  const given = process.argv.find((arg) => arg.startsWith(prefix));
  const value = given === undefined ? fallback : Number(given.slice(prefix.length));
  if (!Number.isSafeInteger(value) || value < 1) throw new Error(`--${name} must be a positive integer; got ${given}`);
  return value;
}

if (process.argv.includes("--serve")) {
  serve(option("keys", 100_000));
} else if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const report = await benchClient({ rounds: option("rounds", 3), requests: option("requests", 5000), keys: option("keys", 100_000) });
  console.log(process.argv.includes("--json") ? JSON.stringify(report, null, 2) : clientBenchTable(report));
}
