// Running one measured command: a fresh process, its wall time from spawn to exit, the peak
// resident memory of the largest Node process it ran (peak-rss.mjs), and its output, kept for
// the figures tsc prints and for the error when it fails.

import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const PEAK_RSS = join(import.meta.dirname, "peak-rss.mjs");

export interface StepRun {
  readonly seconds: number;
  /** Peak RSS of the largest Node process of the command, in MiB. */
  readonly peakMB: number;
  readonly output: string;
}

export function runStep(argv: readonly string[], cwd: string): Promise<StepRun> {
  const scratch = mkdtempSync(join(tmpdir(), "bench-scale-"));
  const peakFile = join(scratch, "peak");
  const [command, ...args] = argv;
  if (command === undefined) throw new Error("runStep: no command");
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const env = { ...process.env, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --import ${PEAK_RSS}`.trim(), BENCH_PEAK_RSS_FILE: peakFile };
    const child = spawn(command, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
    child.once("error", reject);
    child.once("close", (code) => {
      const seconds = (performance.now() - started) / 1000;
      let peaks: number[] = [];
      try {
        peaks = readFileSync(peakFile, "utf8").split("\n").filter(Boolean).map(Number);
      } catch {
        // No Node process reported (it did not start): the error below says why.
      }
      rmSync(scratch, { recursive: true, force: true });
      if (code !== 0) reject(new Error(`${argv.join(" ")} (in ${cwd}) exited with ${code}:\n${output.slice(-4000)}`));
      else resolve({ seconds, peakMB: Math.max(0, ...peaks) / 1024, output });
    });
  });
}

/** What `tsc --extendedDiagnostics` printed. */
export interface TscFigures {
  readonly instantiations: number;
  readonly types: number;
  readonly checkSeconds: number;
  readonly memoryMB: number;
}

export function tscFigures(output: string): TscFigures {
  const field = (name: string): number => {
    const match = new RegExp(`^${name}:\\s+([\\d.]+)`, "m").exec(output);
    if (!match?.[1]) throw new Error(`tsc --extendedDiagnostics printed no "${name}":\n${output}`);
    return Number(match[1]);
  };
  return { instantiations: field("Instantiations"), types: field("Types"), checkSeconds: field("Check time"), memoryMB: field("Memory used") / 1024 };
}
