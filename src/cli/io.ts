// Everything the CLI touches outside itself, behind one interface so tests can run it in-process
// with their own streams, environment, terminal and clock.

import { createInterface } from "node:readline/promises";
import type { Readable, Writable } from "node:stream";

/** The world a CLI run sees. */
export interface CliIo {
  /** Writes to standard output. */
  stdout(text: string): void;
  /** Writes to standard error. */
  stderr(text: string): void;
  /** Environment variables; `OPENAI_ADMIN_KEY` is read from here. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** True when a person can answer questions (standard input is a terminal). */
  readonly stdinIsTTY: boolean;
  /** Asks a question on the terminal and resolves to the line typed. */
  prompt(question: string): Promise<string>;
  /** The clock, in milliseconds, for relative times. */
  now(): number;
}

/** The streams a process-backed io uses; the real process's by default. */
export interface ProcessStreams {
  readonly stdin: Readable & { readonly isTTY?: boolean };
  readonly stdout: Writable;
  readonly stderr: Writable;
}

/** The real process: its streams, environment and terminal. Questions go to stderr, so stdout stays data. */
export function processIo(streams: ProcessStreams = process, env: CliIo["env"] = process.env): CliIo {
  const { stdin, stdout, stderr } = streams;
  return {
    stdout: (text) => void stdout.write(text),
    stderr: (text) => void stderr.write(text),
    env,
    stdinIsTTY: stdin.isTTY === true,
    async prompt(question) {
      const terminal = createInterface({ input: stdin, output: stderr });
      try {
        return await terminal.question(question);
      } finally {
        terminal.close();
      }
    },
    now: Date.now,
  };
}
