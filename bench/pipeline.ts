// Figure 6 — pipeline: wall time of `npm run generate` and `npm run check:generated` as users run
// them, each a fresh process (npm, tsx and Node start-up included). One unmeasured run of each
// first (it fills the OS file cache and the code cache in node_modules/.cache), then interleaved
// rounds. Target from the pipeline issue: under 2 s each.

import { spawn } from "node:child_process";
import { type Figure, fixed, interleave, ROOT, spread, stat, verdict } from "./harness.js";

const SCRIPTS = ["generate", "check:generated"] as const;
type Script = (typeof SCRIPTS)[number];
const TARGET_SECONDS = 2;
const npm = process.platform === "win32" ? "npm.cmd" : "npm";

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

export async function pipelineFigure(settings: PipelineSettings): Promise<Figure> {
  await interleave(SCRIPTS, 1, runOnce);
  const samples = await interleave(SCRIPTS, settings.rounds, runOnce);
  const times = (script: Script) => stat(samples.get(script) ?? []);
  const seconds = (value: number): string => `${fixed(value, 2)}`;
  return {
    id: "pipeline",
    title: "6. pipeline: generate and check:generated",
    notes: [
      `Wall time of \`npm run <step>\` in a fresh process, median (min–max) of ${settings.rounds} interleaved runs after one warm-up each.`,
    ],
    header: ["step", "median s (min–max)", "target", "verdict"],
    rows: SCRIPTS.map((script) => [
      `\`npm run ${script}\``,
      spread(times(script), seconds),
      `< ${TARGET_SECONDS} s`,
      verdict([{ ok: times(script).median < TARGET_SECONDS, text: `${seconds(times(script).median)} s` }]),
    ]),
    data: { rounds: settings.rounds, targetSeconds: TARGET_SECONDS, steps: Object.fromEntries(SCRIPTS.map((script) => [script, times(script)])) },
  };
}
