// Runs the CLI in-process with an io that records what it prints.

import { run } from "../../src/cli/run.js";
import type { CliIo } from "../../src/cli/io.js";

export interface Captured {
  code: number;
  stdout: string;
  stderr: string;
  prompts: string[];
  /** Each status line shown, in order ("" clears it); only when `stderrTty`. */
  statuses: string[];
}

export interface RunOptions {
  env?: Record<string, string | undefined>;
  tty?: boolean;
  /** Whether stderr is a terminal (progress is shown). Default false. */
  stderrTty?: boolean;
  answer?: string | (() => Promise<string>);
  now?: number;
  /** What stopSignal() resolves with, and when. Default: never. */
  stop?: Promise<NodeJS.Signals>;
}

export async function cli(argv: string[], options: RunOptions = {}): Promise<Captured> {
  let stdout = "";
  let stderr = "";
  const prompts: string[] = [];
  const statuses: string[] = [];
  const stderrTty = options.stderrTty ?? false;
  const io: CliIo = {
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    // Strings take whatever is written at once; there is never a buffer to wait for.
    drain: async () => {},
    env: options.env ?? {},
    stdinIsTTY: options.tty ?? false,
    stderrIsTTY: stderrTty,
    status: (text) => {
      // As processIo: nothing unless stderr is a terminal.
      if (stderrTty) statuses.push(text);
    },
    prompt: async (question) => {
      prompts.push(question);
      const answer = options.answer ?? "";
      return typeof answer === "string" ? answer : answer();
    },
    now: () => options.now ?? Date.now(),
    stopSignal: () => options.stop ?? new Promise<NodeJS.Signals>(() => {}),
  };
  const code = await run(argv, io);
  return { code, stdout, stderr, prompts, statuses };
}
