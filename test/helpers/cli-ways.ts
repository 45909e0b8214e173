// The two ways tests run the CLI, behind one shape: in-process through run() with a recording io
// (the text the CLI wrote), and as the real process (the bytes it wrote). Each result lists what
// reached its output that a terminal would act on.

import { cli } from "../cli/helpers.js";
import { runCliProcess } from "./cli-process.js";
import { rawControlBytes, unsafeCharacters } from "./terminal-bytes.js";

export interface WayResult {
  code: number;
  stdout: string;
  stderr: string;
  /** Unsafe characters (in-process) or raw control bytes (process), by stream. */
  unsafe: string[];
}

export type Way = (argv: string[], env: Record<string, string>) => Promise<WayResult>;

/** run() in this process, with an io that records the text written. */
export const inProcess: Way = async (argv, env) => {
  const result = await cli(argv, { env });
  return {
    code: result.code,
    stdout: result.stdout,
    stderr: result.stderr,
    unsafe: [...unsafeCharacters(result.stdout).map((at) => `stdout ${at}`), ...unsafeCharacters(result.stderr).map((at) => `stderr ${at}`)],
  };
};

/** `node --import tsx src/cli/main.ts …`, its bytes checked as they were written. */
export const asProcess: Way = async (argv, env) => {
  const result = await runCliProcess(argv, { env });
  return {
    code: result.code,
    stdout: result.stdout.toString("utf8"),
    stderr: result.stderr.toString("utf8"),
    unsafe: [...rawControlBytes(result.stdout).map((at) => `stdout ${at}`), ...rawControlBytes(result.stderr).map((at) => `stderr ${at}`)],
  };
};

export const WAYS: readonly (readonly [string, Way])[] = [
  ["in-process", inProcess],
  ["real process", asProcess],
];
