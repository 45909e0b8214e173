// Everything the CLI touches outside itself, behind one interface so tests can run it in-process
// with their own streams, environment, terminal and clock. Commands never get this io as it is:
// `run` wraps it in the output sink (sink.ts), which sanitizes everything written.

import { createInterface } from "node:readline/promises";
import type { Readable, Writable } from "node:stream";

/** The world a CLI run sees. */
export interface CliIo {
  /** Writes to standard output. */
  stdout(text: string): void;
  /** Writes to standard error. */
  stderr(text: string): void;
  /**
   * Resolves when standard output can take more: at once unless its buffer is full, else when it
   * has drained (or closed). A command that writes a lot awaits it between pieces, so a slow reader
   * at the end of a pipe holds the data back instead of the CLI's memory filling up.
   */
  drain(): Promise<void>;
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

/** Resolves once `stream` emits drain, close or error, whichever comes first. */
function drained(stream: Writable): Promise<void> {
  // A destroyed stream will emit neither drain nor close again.
  if (!stream.writableNeedDrain || stream.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    const done = (): void => {
      stream.off("drain", done);
      stream.off("close", done);
      stream.off("error", done);
      resolve();
    };
    stream.on("drain", done);
    stream.on("close", done);
    // Whoever owns the stream handles its error (main.ts exits on EPIPE); here it only ends the wait.
    stream.on("error", done);
  });
}

/**
 * The real process: its streams, environment and terminal. Questions go to stderr, so stdout stays data.
 *
 * @example
 * ```ts
 * const code = await run(process.argv.slice(2), processIo());
 * ```
 */
export function processIo(streams: ProcessStreams = process, env: CliIo["env"] = process.env): CliIo {
  const { stdin, stdout, stderr } = streams;
  return {
    stdout: (text) => void stdout.write(text),
    stderr: (text) => void stderr.write(text),
    drain: () => drained(stdout),
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
