// npm run bench:generate
// Wall-clock time of the generator as users run it: `npm run generate` and
// `npm run check:generated`, each a fresh process (npm, tsx and Node start-up included).
// One unmeasured warm-up run each first (it fills the OS file cache and the code cache in
// node_modules/.cache), then 5 measured runs. Prints a markdown table against the 2 s target.

import { spawnSync } from "node:child_process";

const RUNS = 5;
const TARGET_MS = 2000;
const npm = process.platform === "win32" ? "npm.cmd" : "npm";

function runOnce(script: string): number {
  const started = performance.now();
  const result = spawnSync(npm, ["run", "--silent", script], { encoding: "utf8" });
  const elapsed = performance.now() - started;
  if (result.status !== 0) {
    throw new Error(`npm run ${script} failed (exit ${result.status}):\n${result.stdout}${result.stderr}`);
  }
  return elapsed;
}

function measure(script: string): number[] {
  runOnce(script);
  return Array.from({ length: RUNS }, () => runOnce(script)).sort((a, b) => a - b);
}

const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;

const rows = ["generate", "check:generated"].map((script) => {
  const times = measure(script);
  const [min = Number.NaN, max = Number.NaN] = [times[0], times[times.length - 1]];
  const median = times[Math.floor(times.length / 2)] ?? Number.NaN;
  const verdict = median < TARGET_MS ? "✅ under target" : "❌ over target";
  const cells = [`\`npm run ${script}\``, seconds(median), `${seconds(min)} – ${seconds(max)}`, `< ${seconds(TARGET_MS)}`, verdict];
  return `| ${cells.join(" | ")} |`;
});

console.log(`Generator wall time, ${RUNS} runs each after one warm-up (Node ${process.versions.node}):\n`);
console.log("| step | median | min – max | target | verdict |");
console.log("|---|---|---|---|---|");
console.log(rows.join("\n"));
