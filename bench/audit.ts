// Figure 7 — `admin-keys audit` over every key of the local server, next to `list --all --json`
// (the same 1,000 requests at 100 a page) and `list` of one page (the memory a run holds anyway):
// wall time, the requests the server counted, and the peak resident memory of the CLI process.
// Audit streams like list --all: one page in hand, findings printed and drained before the next
// page is asked for, so its peak should stay within 10 MB of listing one page.

import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Figure, fixed, interleave, megabytes, ROOT, type Stat, spread, stat, verdict } from "./harness.js";
import type { ServerProcess } from "./server-process.js";

/** Audit may peak at most this much above listing one page. */
const RSS_ALLOWANCE_BYTES = 10 * 2 ** 20;
const PAGE_LIMIT = 100;

const SUBJECTS = ["list (one page)", "list --all --json", "audit --format json"] as const;
type Subject = (typeof SUBJECTS)[number];

const ARGS: Record<Subject, readonly string[]> = {
  "list (one page)": ["list", "--limit", String(PAGE_LIMIT)],
  "list --all --json": ["list", "--all", "--json", "--limit", String(PAGE_LIMIT)],
  // Audit asks for 100 keys a page itself.
  "audit --format json": ["audit", "--format", "json"],
};

export interface AuditSettings {
  readonly rounds: number;
  /** `dist`: node dist/src/cli/main.js, as users run it; `src`: node --import tsx src/cli/main.ts, no build needed. */
  readonly cli: "dist" | "src";
}

interface Run {
  readonly ms: number;
  readonly peakRss: number;
  readonly requests: number;
  readonly stdoutBytes: number;
  readonly exitCode: number;
}

/** Runs the CLI to completion in a fresh process, counting its stdout without keeping it. */
function runCli(args: readonly string[], settings: AuditSettings, env: NodeJS.ProcessEnv, rssFile: string): Promise<Omit<Run, "requests">> {
  const preload = ["--import", join(ROOT, "bench", "max-rss.mjs")];
  const argv = settings.cli === "dist" ? [...preload, join(ROOT, "dist", "src", "cli", "main.js"), ...args] : ["--import", "tsx", ...preload, join(ROOT, "src", "cli", "main.ts"), ...args];
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, argv, { cwd: ROOT, env: { ...env, MAX_RSS_FILE: rssFile }, stdio: ["ignore", "pipe", "pipe"] });
    let stdoutBytes = 0;
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdoutBytes += chunk.length));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.once("error", reject);
    child.once("close", (code) => {
      const ms = performance.now() - started;
      // Audit exits 3 when it has findings; anything but 0 and 3 is a failure.
      if (code !== 0 && code !== 3) reject(new Error(`admin-keys ${args.join(" ")} exited with ${code}: ${stderr.trim()}`));
      else resolve({ ms, peakRss: Number(readFileSync(rssFile, "utf8")), stdoutBytes, exitCode: code });
    });
  });
}

export async function auditFigure(server: ServerProcess, settings: AuditSettings): Promise<Figure> {
  const env: NodeJS.ProcessEnv = { ...process.env, OPENAI_ADMIN_KEY: server.apiKey };
  delete env["NODE_OPTIONS"];
  const folder = mkdtempSync(join(tmpdir(), "bench-audit-"));
  const expectedRequests = Math.ceil(server.keys / PAGE_LIMIT);
  let samples: Map<Subject, Run[]>;
  try {
    samples = await interleave(SUBJECTS, settings.rounds, async (subject, round): Promise<Run> => {
      await server.reset();
      const run = await runCli([...ARGS[subject], "--base-url", server.url], settings, env, join(folder, `rss-${round}.txt`));
      return { ...run, requests: await server.count("admin-api-keys-list") };
    });
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
  const runs = (subject: Subject): Run[] => samples.get(subject) ?? [];
  const seconds = (subject: Subject): Stat => stat(runs(subject).map((run) => run.ms / 1000));
  const peak = (subject: Subject): Stat => stat(runs(subject).map((run) => run.peakRss));
  const onePage = peak("list (one page)").median;
  const auditRuns = runs("audit --format json");
  const listRuns = runs("list --all --json");
  const auditPeak = peak("audit --format json").median;
  const auditVerdict = verdict([
    { ok: auditRuns.every((run) => run.requests === expectedRequests), text: `${[...new Set(auditRuns.map((run) => run.requests))].join("/")} requests (= ${expectedRequests}, as list --all)` },
    { ok: auditPeak <= onePage + RSS_ALLOWANCE_BYTES, text: `peak RSS ${megabytes(auditPeak - onePage)} MB over one page (≤ 10)` },
    { ok: auditPeak <= peak("list --all --json").median + RSS_ALLOWANCE_BYTES, text: `peak RSS ${megabytes(auditPeak - peak("list --all --json").median)} MB over list --all (≤ 10)` },
  ]);
  const distinct = (values: readonly number[]): string => [...new Set(values)].map((value) => value.toLocaleString("en-US")).join(" / ");
  return {
    id: "audit",
    title: `7. admin-keys audit over ${server.keys.toLocaleString("en-US")} keys, next to list --all --json`,
    notes: [
      `Median (min–max) of ${settings.rounds} interleaved rounds, each a fresh CLI process (${settings.cli === "dist" ? "node dist/src/cli/main.js" : "node --import tsx src/cli/main.ts"}) with stdout a pipe read at once; requests counted by the server.`,
      `Peak RSS = process.resourceUsage().maxRSS of the CLI process. Audit applies the default policy to the seeded keys (two an hour, so they span ${(server.keys / 2 / 24 / 365).toFixed(1)} years: most are old, a quarter never used, every third never expires) and prints its findings as one JSON document.`,
      "Most of what a full listing takes over one page is V8's young generation growing under a sustained allocation rate (its semi-spaces grow to 16 MB): with node --max-semi-space-size=1, list --all --json peaks at one page's RSS and audit 7 MB above it. It does not grow with the number of keys.",
    ],
    header: ["command", "wall s", "requests", "stdout MB", "exit", "peak RSS MB", "over one page MB", "verdict"],
    rows: SUBJECTS.map((subject) => [
      `\`admin-keys ${ARGS[subject].join(" ")}\``,
      spread(seconds(subject), (value) => fixed(value, 2)),
      distinct(runs(subject).map((run) => run.requests)),
      distinct(runs(subject).map((run) => Number(megabytes(run.stdoutBytes)))),
      distinct(runs(subject).map((run) => run.exitCode)),
      spread(peak(subject), megabytes),
      subject === "list (one page)" ? "–" : megabytes(peak(subject).median - onePage),
      subject === "audit --format json"
        ? auditVerdict
        : subject === "list --all --json"
          ? verdict([{ ok: listRuns.every((run) => run.requests === expectedRequests), text: `${distinct(listRuns.map((run) => run.requests))} requests` }])
          : "baseline",
    ]),
    data: {
      rounds: settings.rounds,
      cli: settings.cli,
      keys: server.keys,
      expectedRequests,
      subjects: Object.fromEntries(SUBJECTS.map((subject) => [subject, { seconds: seconds(subject), peakRss: peak(subject), runs: runs(subject) }])),
      verdict: auditVerdict,
    },
  };
}
