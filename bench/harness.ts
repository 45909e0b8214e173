// What every figure of the benchmark shares: interleaved rounds, statistics over them, ratios,
// verdicts, markdown tables and the JSON written to bench/results/. The figures (one file each)
// only say what to run and which numbers to show. Nothing here asserts a duration: a benchmark
// reports, it does not pass or fail.

import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, platform, release, totalmem } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root. */
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");

/** The four contenders of the side-by-side figures, in table order; plain fetch is the reference. */
export const CONTENDERS = ["plain fetch", "bare openapi-fetch", "openai-admin-keys", "openai SDK"] as const;
export type Contender = (typeof CONTENDERS)[number];
export const REFERENCE: Contender = "plain fetch";
export const OURS: Contender = "openai-admin-keys";
export const SDK: Contender = "openai SDK";
/**
 * Plain fetch with a per-request timeout (an AbortController and a timer, as every client with a
 * timeout has): shown beside the contenders in the retrieve figure, to tell what a timeout costs
 * from what a client layer costs.
 */
export const FETCH_WITH_TIMEOUT = "plain fetch + timeout";
/** Our client asked for `.withResponse()` on every call: what that path costs beside plain `await`. */
export const OURS_WITH_RESPONSE = "openai-admin-keys .withResponse()";
/**
 * An earlier build of our client, named `openai-admin-keys @<commit> (…)`; bench/contender.mjs
 * loads it from .tmp/bench/versions/<commit>/ (see versions.ts).
 */
export type EarlierOurs = `openai-admin-keys @${string}`;
/** Anything bench/contender.mjs can run. */
export type Runnable = Contender | typeof FETCH_WITH_TIMEOUT | typeof OURS_WITH_RESPONSE | EarlierOurs;

/** Median and spread of one measured quantity over the rounds. */
export interface Stat {
  readonly median: number;
  readonly min: number;
  readonly max: number;
  readonly samples: readonly number[];
}

export function stat(samples: readonly number[]): Stat {
  if (samples.length === 0) throw new Error("stat() needs at least one sample");
  const sorted = [...samples].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const at = (index: number): number => sorted[index] ?? Number.NaN;
  const median = sorted.length % 2 === 1 ? at(middle) : (at(middle - 1) + at(middle)) / 2;
  return { median, min: at(0), max: at(sorted.length - 1), samples };
}

/**
 * Runs `measure` for every subject, round after round. Each round visits every subject once and
 * starts one place further along (A B C D, B C D A, …), so neither a slow start nor a slow end of
 * the run always lands on the same subject. Returns the samples per subject, in round order.
 */
export async function interleave<S extends string, M>(
  subjects: readonly S[],
  rounds: number,
  measure: (subject: S, round: number) => Promise<M>,
): Promise<Map<S, M[]>> {
  const samples = new Map<S, M[]>(subjects.map((subject) => [subject, []]));
  for (let round = 0; round < rounds; round++) {
    for (let step = 0; step < subjects.length; step++) {
      const subject = subjects[(step + round) % subjects.length];
      if (subject === undefined) continue;
      const result = await measure(subject, round);
      samples.get(subject)?.push(result);
    }
  }
  return samples;
}

/** One target check of a verdict: whether it holds, and the figures that say so. */
export interface Check {
  readonly ok: boolean;
  readonly text: string;
}

/** Each check marked ✅ or ❌, misses first, so a missed target is the first thing read. */
export function verdict(checks: readonly Check[]): string {
  const marked = (check: Check): string => `${check.ok ? "✅" : "❌"} ${check.text}`;
  return [...checks.filter((check) => !check.ok), ...checks.filter((check) => check.ok)].map(marked).join("; ");
}

// ---------------------------------------------------------------- number formatting

const grouped = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });

export function int(value: number): string {
  return grouped.format(value);
}

export function fixed(value: number, digits: number): string {
  return value.toFixed(digits);
}

/** `1,234 (1,200–1,300)`: the median and the range of a statistic. */
export function spread(value: Stat, format: (n: number) => string = int): string {
  if (value.min === value.max) return format(value.median);
  return `${format(value.median)} (${format(value.min)}–${format(value.max)})`;
}

export function ratio(value: number): string {
  return `${value.toFixed(2)}×`;
}

export function megabytes(bytes: number): string {
  return (bytes / 2 ** 20).toFixed(1);
}

// ---------------------------------------------------------------- figures and output

/** A figure: its markdown table, and the same numbers as data for the JSON file. */
export interface Figure {
  readonly id: string;
  readonly title: string;
  /** Lines printed under the title: what was measured and how. */
  readonly notes: readonly string[];
  readonly header: readonly string[];
  readonly rows: readonly (readonly string[])[];
  readonly data: unknown;
}

function escapeCell(cell: string): string {
  return cell.replaceAll("|", "\\|");
}

/** The figure as markdown: a heading, the notes and the table. */
export function markdown(figure: Figure): string {
  const line = (cells: readonly string[]): string => `| ${cells.map(escapeCell).join(" | ")} |`;
  // Numbers align right, words left.
  const numeric = (column: number): boolean => figure.rows.every((row) => /^[\d–]/.test(row[column] ?? ""));
  const rule = figure.header.map((_, column) => (numeric(column) ? "---:" : "---"));
  return [
    `### ${figure.title}`,
    "",
    ...figure.notes.map((note) => `${note}  `),
    "",
    line(figure.header),
    `|${rule.join("|")}|`,
    ...figure.rows.map(line),
  ].join("\n");
}

/** What the machine was, for the JSON file: a result is only comparable on the same kind. */
export function machine(): Record<string, string | number> {
  const [cpu] = cpus();
  return {
    node: process.version,
    platform: `${platform()} ${release()}`,
    cpu: cpu?.model ?? "unknown",
    cores: cpus().length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
  };
}

/** Writes the figures to bench/results/<YYYY-MM-DD>.json (UTC date) and returns its path. */
export function writeResults(figures: readonly Figure[], settings: Record<string, unknown>): string {
  const date = new Date().toISOString().slice(0, 10);
  const path = join(ROOT, "bench", "results", `${date}.json`);
  mkdirSync(dirname(path), { recursive: true });
  const document = {
    date: new Date().toISOString(),
    commit: headCommit(),
    machine: machine(),
    settings,
    figures: figures.map((figure) => ({ ...figure, markdown: markdown(figure) })),
  };
  writeFileSync(path, `${JSON.stringify(document, null, 2)}\n`);
  return path;
}

/** The commit measured, with `+changes` when the work tree differs from it. */
function headCommit(): string {
  const git = (...args: string[]): string => spawnSync("git", args, { cwd: ROOT, encoding: "utf8" }).stdout?.trim() ?? "";
  const commit = git("rev-parse", "--short", "HEAD") || "unknown";
  return git("status", "--porcelain", "--untracked-files=no") === "" ? commit : `${commit}+changes`;
}

// ---------------------------------------------------------------- command-line options

/** `--name=N` as a positive integer, or `fallback`. A wrong value stops with a clear message. */
export function intOption(name: string, fallback: number): number {
  const prefix = `--${name}=`;
  const given = process.argv.find((arg) => arg.startsWith(prefix));
  if (given === undefined) return fallback;
  const value = Number(given.slice(prefix.length));
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new Error(`--${name} must be a positive integer; got ${JSON.stringify(given.slice(prefix.length))}`);
  }
  return value;
}

/** `--name=a,b` as a list, or undefined when absent. */
export function listOption(name: string): string[] | undefined {
  const prefix = `--${name}=`;
  const given = process.argv.find((arg) => arg.startsWith(prefix));
  return given?.slice(prefix.length).split(",").filter((item) => item !== "");
}
