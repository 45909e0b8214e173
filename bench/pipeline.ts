// Figure 6 — pipeline: wall time of `npm run generate` and `npm run check:generated` as users run
// them, each a fresh process (npm, tsx and Node start-up included). One unmeasured run of each
// first (it fills the OS file cache), then interleaved rounds. Target from the pipeline issue:
// under 2 s each. Beside each median: the one in the latest bench/results/*.json that has this
// figure, so a change to the generator shows what it did to the figure.

import { spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { type Figure, fixed, interleave, ROOT, spread, stat, verdict } from "./harness.js";

const SCRIPTS = ["generate", "check:generated"] as const;
type Script = (typeof SCRIPTS)[number];
const TARGET_SECONDS = 2;
const npm = process.platform === "win32" ? "npm.cmd" : "npm";
const RESULTS = join(ROOT, "bench", "results");

export interface PipelineSettings {
  readonly rounds: number;
}

/** Runs `npm run <script>` once; its wall time in seconds. */
function runOnce(script: Script): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(npm, ["run", "--silent", script], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
    child.once("error", reject);
    child.once("close", (code) => {
      const seconds = (performance.now() - started) / 1000;
      if (code === 0) resolve(seconds);
      else reject(new Error(`npm run ${script} failed (exit ${code}):\n${output}`));
    });
  });
}

/** The medians of this figure in an earlier run, and where they were read. */
interface Previous {
  readonly file: string;
  readonly commit: string;
  readonly medians: Partial<Record<Script, number>>;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** The latest results file (by name, a date) that holds this figure; undefined when none does. */
function previousRun(): Previous | undefined {
  let names: string[];
  try {
    names = readdirSync(RESULTS).filter((name) => /^\d{4}-\d{2}-\d{2}\.json$/.test(name)).sort().reverse();
  } catch {
    return undefined;
  }
  for (const name of names) {
    let document: unknown;
    try {
      document = JSON.parse(readFileSync(join(RESULTS, name), "utf8"));
    } catch {
      continue;
    }
    const figures = isRecord(document) && Array.isArray(document["figures"]) ? document["figures"] : [];
    const figure: unknown = figures.find((entry: unknown) => isRecord(entry) && entry["id"] === "pipeline");
    const steps = isRecord(figure) && isRecord(figure["data"]) ? figure["data"]["steps"] : undefined;
    if (!isRecord(steps)) continue;
    const medians: Partial<Record<Script, number>> = {};
    for (const script of SCRIPTS) {
      const step = steps[script];
      if (isRecord(step) && typeof step["median"] === "number") medians[script] = step["median"];
    }
    const commit = isRecord(document) && typeof document["commit"] === "string" ? document["commit"] : "unknown commit";
    return { file: `bench/results/${name}`, commit, medians };
  }
  return undefined;
}

export async function pipelineFigure(settings: PipelineSettings): Promise<Figure> {
  // Read before measuring: a full bench run writes today's file only after every figure.
  const previous = previousRun();
  await interleave(SCRIPTS, 1, runOnce);
  const samples = await interleave(SCRIPTS, settings.rounds, runOnce);
  const times = (script: Script) => stat(samples.get(script) ?? []);
  const seconds = (value: number): string => `${fixed(value, 2)}`;
  const before = (script: Script): string => {
    const median = previous?.medians[script];
    return median === undefined ? "–" : seconds(median);
  };
  return {
    id: "pipeline",
    title: "6. pipeline: generate and check:generated",
    notes: [
      `Wall time of \`npm run <step>\` in a fresh process, median (min–max) of ${settings.rounds} interleaved runs after one warm-up each.`,
      previous === undefined
        ? "previous: no earlier result in bench/results/ has this figure."
        : `previous = the median in ${previous.file} (${previous.commit}).`,
    ],
    header: ["step", "median s (min–max)", "previous median s", "target", "verdict"],
    rows: SCRIPTS.map((script) => [
      `\`npm run ${script}\``,
      spread(times(script), seconds),
      before(script),
      `< ${TARGET_SECONDS} s`,
      verdict([{ ok: times(script).median < TARGET_SECONDS, text: `${seconds(times(script).median)} s` }]),
    ]),
    data: {
      rounds: settings.rounds,
      targetSeconds: TARGET_SECONDS,
      steps: Object.fromEntries(SCRIPTS.map((script) => [script, times(script)])),
      previous: previous ?? null,
    },
  };
}
