// Figure 2 — listing every key with `for await`: wall time, the HTTP requests the server counted,
// and the peak resident memory of the client process. Every listing runs in a fresh process (so
// the peak belongs to that listing alone), in interleaved rounds.

import { type ListReport, listInFreshProcess } from "./contenders.js";
import {
  CONTENDERS,
  type Contender,
  type Figure,
  fixed,
  interleave,
  megabytes,
  OURS,
  ratio,
  REFERENCE,
  type Stat,
  spread,
  stat,
  verdict,
} from "./harness.js";
import type { ServerProcess } from "./server-process.js";

export const PAGE_LIMIT = 100;
/** Ours may peak at most this much above plain fetch's process. */
const RSS_ALLOWANCE_BYTES = 10 * 2 ** 20;

export interface ListingSettings {
  readonly rounds: number;
}

interface ListingRun extends ListReport {
  /** List requests the server counted during this run. */
  readonly requests: number;
}

interface ListingResult {
  readonly seconds: Stat;
  /** Median wall time over plain fetch's median wall time. */
  readonly vsFetch: number;
  readonly requests: readonly number[];
  readonly keys: readonly number[];
  readonly cpuSeconds: Stat;
  readonly peakRss: Stat;
  readonly rssGrowth: Stat;
}

export async function listingFigure(server: ServerProcess, settings: ListingSettings): Promise<Figure> {
  const { rounds } = settings;
  const expectedRequests = Math.ceil(server.keys / PAGE_LIMIT);
  const samples = await interleave(CONTENDERS, rounds, async (contender): Promise<ListingRun> => {
    await server.reset();
    const report = await listInFreshProcess(contender, server, PAGE_LIMIT);
    return { ...report, requests: await server.count("admin-api-keys-list") };
  });

  const runs = (contender: Contender): ListingRun[] => samples.get(contender) ?? [];
  const results = new Map<Contender, ListingResult>();
  const seconds = (contender: Contender): Stat => stat(runs(contender).map((run) => run.ms / 1000));
  for (const contender of CONTENDERS) {
    results.set(contender, {
      seconds: seconds(contender),
      vsFetch: seconds(contender).median / seconds(REFERENCE).median,
      requests: runs(contender).map((run) => run.requests),
      keys: runs(contender).map((run) => run.keys),
      cpuSeconds: stat(runs(contender).map((run) => run.cpuMicros / 1e6)),
      peakRss: stat(runs(contender).map((run) => run.peakRss)),
      rssGrowth: stat(runs(contender).map((run) => run.peakRss - run.rssBefore)),
    });
  }

  const reference = results.get(REFERENCE);
  const requestCheck = (result: ListingResult) => ({
    ok: result.requests.every((count) => count === expectedRequests) && result.keys.every((count) => count === server.keys),
    text: `${[...new Set(result.requests)].join("/")} requests (= ${expectedRequests})`,
  });
  const ours = results.get(OURS);
  const oursVerdict =
    ours && reference
      ? verdict([
          requestCheck(ours),
          {
            ok: ours.peakRss.median <= reference.peakRss.median + RSS_ALLOWANCE_BYTES,
            text: `peak RSS ${megabytes(ours.peakRss.median - reference.peakRss.median)} MB over fetch (≤ 10)`,
          },
        ])
      : "no result";
  const distinct = (values: readonly number[]): string => [...new Set(values)].map((value) => value.toLocaleString("en-US")).join(" / ");
  return {
    id: "listing",
    title: `2. list ${server.keys.toLocaleString("en-US")} keys at limit ${PAGE_LIMIT} with for await`,
    notes: [
      `Median (min–max) of ${rounds} interleaved rounds, each listing in a fresh Node process; requests counted by the server.`,
      "× fetch = median wall time over plain fetch's (lower is faster). Peak RSS = process.resourceUsage().maxRSS of the listing process; growth = peak − RSS just before the listing began.",
    ],
    header: ["contender", "wall s", "× fetch", "CPU s", "requests", "keys", "peak RSS MB", "RSS growth MB", "verdict"],
    rows: CONTENDERS.map((contender) => {
      const result = results.get(contender);
      if (!result) return [contender, "–", "–", "–", "–", "–", "–", "–", "–"];
      const own = verdict([requestCheck(result)]);
      return [
        contender,
        spread(result.seconds, (value) => fixed(value, 2)),
        ratio(result.vsFetch),
        spread(result.cpuSeconds, (value) => fixed(value, 2)),
        distinct(result.requests),
        distinct(result.keys),
        spread(result.peakRss, megabytes),
        spread(result.rssGrowth, megabytes),
        contender === OURS ? oursVerdict : contender === REFERENCE ? `reference; ${own}` : own,
      ];
    }),
    data: { rounds, limit: PAGE_LIMIT, keys: server.keys, expectedRequests, contenders: Object.fromEntries(results), verdict: oursVerdict },
  };
}
