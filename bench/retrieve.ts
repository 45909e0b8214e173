// Figure 1 — retrieve: requests per second and client CPU time per request, sequential and 16 in
// flight, for the four contenders (and plain fetch with a timeout, for context) against the local
// server in its own process. Each contender lives in its own process for the whole figure and is
// commanded in interleaved rounds; a warm-up run per contender (connections, JIT) is not counted.

import { type ContenderProcess, type RunTimes, startContender } from "./contenders.js";
import {
  FETCH_WITH_TIMEOUT,
  type Figure,
  fixed,
  interleave,
  OURS,
  ratio,
  REFERENCE,
  OURS_WITH_RESPONSE,
  type Runnable,
  SDK,
  type Stat,
  spread,
  stat,
  verdict,
} from "./harness.js";
import type { ServerProcess } from "./server-process.js";
import { builtVersion, EARLIER_VERSIONS } from "./versions.js";

export const IN_FLIGHT = 16;
/** Ours must reach this share of plain fetch's throughput, and this multiple of the SDK's. */
const TARGET_VS_FETCH = 0.9;
const TARGET_VS_SDK = 1.3;
/** Our layer's CPU per request may exceed bare openapi-fetch's by this share at most (issue 11). */
const TARGET_CPU_VS_OPENAPI_FETCH = 1.05;
const OPENAPI_FETCH: Runnable = "bare openapi-fetch";

/** The rows: the contenders, plain fetch with a timeout, our .withResponse() path and earlier builds of ours. */
function subjects(): Runnable[] {
  const earlier = Object.values(EARLIER_VERSIONS).filter((version) => builtVersion(version) !== undefined);
  const earlierRows = earlier.map((version): Runnable => version.label);
  return [REFERENCE, FETCH_WITH_TIMEOUT, OPENAPI_FETCH, ...earlierRows, OURS, OURS_WITH_RESPONSE, SDK];
}

export interface RetrieveSettings {
  readonly rounds: number;
  readonly requests: number;
}

type Mode = "sequential" | "concurrent";
const MODES: readonly { readonly mode: Mode; readonly label: string; readonly inFlight: number }[] = [
  { mode: "sequential", label: "sequential", inFlight: 1 },
  { mode: "concurrent", label: `${IN_FLIGHT} in flight`, inFlight: IN_FLIGHT },
];

interface ModeResult {
  readonly perSecond: Stat;
  readonly cpuMicrosPerRequest: Stat;
  /** Median throughput over plain fetch's median throughput. */
  readonly vsFetch: number;
  /** Median throughput over the SDK's median throughput. */
  readonly vsSdk: number;
}

export async function retrieveFigure(server: ServerProcess, settings: RetrieveSettings): Promise<Figure> {
  const { rounds, requests } = settings;
  const SUBJECTS = subjects();
  const missing = Object.values(EARLIER_VERSIONS).filter((version) => !SUBJECTS.includes(version.label));
  const ids = await server.ids(Math.min(requests, server.keys));
  const processes = new Map<Runnable, ContenderProcess>();
  try {
    for (const subject of SUBJECTS) processes.set(subject, await startContender(subject, server, ids));
    const run = (subject: Runnable, count: number, inFlight: number): Promise<RunTimes> => {
      const child = processes.get(subject);
      if (!child) throw new Error(`no process for ${subject}`);
      return child.retrieve(count, inFlight);
    };
    const warmUp = Math.min(requests, 1000);
    for (const subject of SUBJECTS) for (const { inFlight } of MODES) await run(subject, warmUp, inFlight);
    await server.reset();
    const samples = await interleave(SUBJECTS, rounds, async (subject) => ({
      sequential: await run(subject, requests, 1),
      concurrent: await run(subject, requests, IN_FLIGHT),
    }));
    const served = await server.count("admin-api-keys-get");

    const series = (subject: Runnable, mode: Mode): RunTimes[] => (samples.get(subject) ?? []).map((round) => round[mode]);
    const rates = (subject: Runnable, mode: Mode): number[] => series(subject, mode).map((times) => requests / (times.ms / 1000));
    const median = (subject: Runnable, mode: Mode): number => stat(rates(subject, mode)).median;
    const result = (subject: Runnable, mode: Mode): ModeResult => ({
      perSecond: stat(rates(subject, mode)),
      cpuMicrosPerRequest: stat(series(subject, mode).map((times) => times.cpuMicros / requests)),
      vsFetch: median(subject, mode) / median(REFERENCE, mode),
      vsSdk: median(subject, mode) / median(SDK, mode),
    });
    const results = new Map(SUBJECTS.map((subject) => [subject, { sequential: result(subject, "sequential"), concurrent: result(subject, "concurrent") }]));

    const cpuVsOpenapiFetch = (mode: Mode): number =>
      result(OURS, mode).cpuMicrosPerRequest.median / result(OPENAPI_FETCH, mode).cpuMicrosPerRequest.median;
    const oursVerdict = verdict(
      MODES.flatMap(({ mode, label }) => {
        const { vsFetch, vsSdk } = result(OURS, mode);
        const cpu = cpuVsOpenapiFetch(mode);
        return [
          { ok: vsFetch >= TARGET_VS_FETCH, text: `${label} ${ratio(vsFetch)} fetch (≥ ${TARGET_VS_FETCH}×)` },
          { ok: vsSdk >= TARGET_VS_SDK, text: `${label} ${ratio(vsSdk)} SDK (≥ ${TARGET_VS_SDK}×)` },
          { ok: cpu <= TARGET_CPU_VS_OPENAPI_FETCH, text: `${label} CPU ${ratio(cpu)} bare openapi-fetch's (≤ ${TARGET_CPU_VS_OPENAPI_FETCH}×)` },
        ];
      }),
    );
    // What a change cost: the row of ours over the row of the build before it, CPU per request.
    const cpuOver = (subject: Runnable, base: Runnable): string =>
      MODES.map(({ mode, label }) => {
        const over = result(subject, mode).cpuMicrosPerRequest.median / result(base, mode).cpuMicrosPerRequest.median;
        return `${label} CPU ${ratio(over)}`;
      }).join(", ");
    const micros = (value: number): string => fixed(value, 0);
    const { standIn, beforeApiPromise } = EARLIER_VERSIONS;
    const has = (subject: Runnable): boolean => SUBJECTS.includes(subject);
    const remark = (subject: Runnable): string => {
      if (subject === OURS) {
        const vsBefore = has(beforeApiPromise.label) ? `; now over @${beforeApiPromise.commit}: ${cpuOver(OURS, beforeApiPromise.label)}` : "";
        return `${oursVerdict}${vsBefore}`;
      }
      if (subject === REFERENCE) return "reference";
      if (subject === OURS_WITH_RESPONSE) return `context: the .withResponse() path, over plain await: ${cpuOver(OURS_WITH_RESPONSE, OURS)}`;
      if (subject === standIn.label) return "before: the Request stand-in and two openapi-fetch clients (lean-fetch.ts)";
      if (subject === beforeApiPromise.label) {
        const over = has(standIn.label) ? `: ${cpuOver(beforeApiPromise.label, standIn.label)} of @${standIn.commit}` : "";
        return `after: openapi-fetch's public options, one client${over}`;
      }
      return subject === FETCH_WITH_TIMEOUT ? "context: what a per-request timeout costs" : "";
    };
    return {
      id: "retrieve",
      title: "1. retrieve: throughput and client CPU per request",
      notes: [
        `${requests.toLocaleString("en-US")} requests per run, median (min–max) of ${rounds} interleaved rounds; each contender in its own Node process, the local server in another.`,
        "× fetch = median throughput over plain fetch's median throughput. CPU = the contender process's user+system time (process.cpuUsage) over the run, per request.",
        `The server counted ${served.toLocaleString("en-US")} retrieves in the measured rounds (expected ${(rounds * requests * MODES.length * SUBJECTS.length).toLocaleString("en-US")}).`,
        "Rows @<commit> are earlier builds of this package (bench/versions.ts), to show what a change cost; each verdict's CPU ratios compare medians of CPU µs per request.",
        ...(missing.length > 0 ? [`Left out (commit not in this clone or its build failed): ${missing.map((version) => version.label).join(", ")}.`] : []),
      ],
      header: ["contender", "sequential req/s", "× fetch", "CPU µs/req", `${IN_FLIGHT} in flight req/s`, "× fetch", "CPU µs/req", "verdict"],
      rows: SUBJECTS.map((subject) => {
        const sequential = result(subject, "sequential");
        const concurrent = result(subject, "concurrent");
        return [
          subject,
          spread(sequential.perSecond),
          ratio(sequential.vsFetch),
          spread(sequential.cpuMicrosPerRequest, micros),
          spread(concurrent.perSecond),
          ratio(concurrent.vsFetch),
          spread(concurrent.cpuMicrosPerRequest, micros),
          remark(subject),
        ];
      }),
      data: { rounds, requests, inFlight: IN_FLIGHT, served, contenders: Object.fromEntries(results), verdict: oursVerdict },
    };
  } finally {
    for (const child of processes.values()) child.close();
  }
}
