// Runs the CLI in-process with an io that records what it prints.

import { run } from "../../src/cli/run.js";
import type { CliIo } from "../../src/cli/io.js";

export interface Captured {
  code: number;
  stdout: string;
  stderr: string;
  prompts: string[];
}

export interface RunOptions {
  env?: Record<string, string | undefined>;
  tty?: boolean;
  answer?: string | (() => Promise<string>);
  now?: number;
}

export async function cli(argv: string[], options: RunOptions = {}): Promise<Captured> {
  let stdout = "";
  let stderr = "";
  const prompts: string[] = [];
  const io: CliIo = {
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    // Strings take whatever is written at once; there is never a buffer to wait for.
    drain: async () => {},
    env: options.env ?? {},
    stdinIsTTY: options.tty ?? false,
    prompt: async (question) => {
      prompts.push(question);
      const answer = options.answer ?? "";
      return typeof answer === "string" ? answer : answer();
    },
    now: () => options.now ?? Date.now(),
  };
  const code = await run(argv, io);
  return { code, stdout, stderr, prompts };
}
