// Figure 0 — how many requests per second the local server (startMockServer, in its
// own process) sustains for `list` (limit 100) and `retrieve`, 16 in flight over keep-alive
// connections, so that it is known never to be what limits the client figures. The load comes
// from this process twice: through node:http (little client overhead, close to the server's own
// ceiling) and through fetch (what the clients use). Nothing here asserts a duration.

import { Agent, request } from "node:http";
import { type Figure, int, interleave, spread, stat } from "./harness.js";
import type { ServerProcess } from "./server-process.js";

const IN_FLIGHT = 16;
const LIST_LIMIT = 100;

const DRIVERS = ["node:http", "fetch"] as const;
type Driver = (typeof DRIVERS)[number];
const SCENARIOS = ["list, limit 100", "retrieve"] as const;
type Scenario = (typeof SCENARIOS)[number];
type Subject = `${Scenario} / ${Driver}`;

export interface ServerSettings {
  readonly rounds: number;
  readonly requests: number;
}

type Get = (path: string) => Promise<void>;

function httpDriver(server: ServerProcess, agent: Agent): Get {
  const base = new URL(server.url);
  const headers = { authorization: `Bearer ${server.apiKey}` };
  return (path) =>
    new Promise((resolve, reject) => {
      const outgoing = request({ host: base.hostname, port: base.port, path: base.pathname + path, agent, headers }, (response) => {
        response.resume();
        response.on("end", () => (response.statusCode === 200 ? resolve() : reject(new Error(`GET ${path}: HTTP ${response.statusCode}`))));
      });
      outgoing.on("error", reject);
      outgoing.end();
    });
}

function fetchDriver(server: ServerProcess): Get {
  const headers = { authorization: `Bearer ${server.apiKey}` };
  return async (path) => {
    const response = await fetch(server.url + path, { headers });
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`GET ${path}: HTTP ${response.status}`);
  };
}

/** Runs `total` requests, IN_FLIGHT at a time; `path(i)` names the i-th. Returns requests per second. */
async function drive(get: Get, total: number, path: (index: number) => string): Promise<number> {
  let next = 0;
  const started = performance.now();
  const worker = async (): Promise<void> => {
    while (next < total) await get(path(next++));
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  return total / ((performance.now() - started) / 1000);
}

/** Figure 0: the server's throughput per scenario and load driver, median of interleaved rounds. */
export async function serverFigure(server: ServerProcess, settings: ServerSettings): Promise<Figure> {
  const { rounds, requests } = settings;
  const ids = await server.ids(server.keys);
  // The `after` of every page but the first: each page starts after the last key of the one before.
  const cursors = ids.filter((_, index) => index % LIST_LIMIT === LIST_LIMIT - 1 && index + 1 < ids.length);
  const agent = new Agent({ keepAlive: true, maxSockets: IN_FLIGHT });
  const gets: Record<Driver, Get> = { "node:http": httpDriver(server, agent), fetch: fetchDriver(server) };
  // A fixed stride through the ids, so every run asks for the same keys.
  const paths: Record<Scenario, (index: number) => string> = {
    "list, limit 100": (index) => `/organization/admin_api_keys?limit=${LIST_LIMIT}&after=${cursors[index % cursors.length]}`,
    retrieve: (index) => `/organization/admin_api_keys/${ids[(index * 7919) % ids.length]}`,
  };
  const subjects = SCENARIOS.flatMap((scenario) => DRIVERS.map((driver): Subject => `${scenario} / ${driver}`));
  const parse = (subject: Subject): [Scenario, Driver] => {
    const scenario = SCENARIOS.find((candidate) => subject.startsWith(candidate)) ?? "retrieve";
    const driver = DRIVERS.find((candidate) => subject.endsWith(candidate)) ?? "fetch";
    return [scenario, driver];
  };
  try {
    const measure = (subject: Subject, count: number): Promise<number> => {
      const [scenario, driver] = parse(subject);
      return drive(gets[driver], count, paths[scenario]);
    };
    await interleave(subjects, 1, (subject) => measure(subject, Math.min(requests, 1000)));
    const samples = await interleave(subjects, rounds, (subject) => measure(subject, requests));
    const rate = (scenario: Scenario, driver: Driver) => stat(samples.get(`${scenario} / ${driver}`) ?? []);
    return {
      id: "server",
      title: "0. local server capacity (the ceiling of the client figures)",
      notes: [
        `startMockServer with ${int(server.keys)} keys in its own process; ${int(requests)} requests per run, ${IN_FLIGHT} in flight over keep-alive, from one client process.`,
        `Median (min–max) req/s of ${rounds} interleaved rounds. With node:http as the load the server is close to its own limit; through fetch, the client side is what limits.`,
      ],
      header: ["scenario", "load from node:http req/s", "load from fetch req/s"],
      rows: SCENARIOS.map((scenario) => [scenario, spread(rate(scenario, "node:http")), spread(rate(scenario, "fetch"))]),
      data: {
        rounds,
        requests,
        inFlight: IN_FLIGHT,
        keys: server.keys,
        perSecond: Object.fromEntries(subjects.map((subject) => [subject, rate(...parse(subject))])),
      },
    };
  } finally {
    agent.destroy();
  }
}

