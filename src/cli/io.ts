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
  /** True when standard error is a terminal: only then is progress shown (see `status`). */
  readonly stderrIsTTY: boolean;
  /**
   * Shows `text` as the one status line at the bottom of stderr, in place of the previous one; ""
   * clears it. The text is plain (the sink has made it so); the in-place part is this method's
   * own: it writes `\r`, the erase-line sequence and the text, and only when stderr is a terminal.
   */
  status(text: string): void;
  /** Asks a question on the terminal and resolves to the line typed. */
  prompt(question: string): Promise<string>;
  /** The clock, in milliseconds, for relative times. */
  now(): number;
  /** Resolves with the signal's name once the process is asked to stop (SIGINT or SIGTERM). */
  stopSignal(): Promise<NodeJS.Signals>;
}

/**
 * Carriage return, then CSI 2 K (erase the whole line): the cursor goes back to the start of the
 * status line and the line is blanked. The only control sequence the CLI writes; it is a constant,
 * so nothing a server sent can ever be part of it.
 */
export const STATUS_LINE_RESET = "\r\u001b[2K";

/** Resolves with the first of SIGINT and SIGTERM; until then neither ends the process by itself. */
function nextStopSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals): void => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      // A second Ctrl-C, with the listeners gone, ends the process at once: the way out of a stuck shutdown.
      resolve(signal);
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
}

/** The streams a process-backed io uses; the real process's by default. */
export interface ProcessStreams {
  readonly stdin: Readable & { readonly isTTY?: boolean };
  readonly stdout: Writable;
  readonly stderr: Writable & { readonly isTTY?: boolean };
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
  const stderrIsTTY = stderr.isTTY === true;
  return {
    stdout: (text) => void stdout.write(text),
    stderr: (text) => void stderr.write(text),
    drain: () => drained(stdout),
    env,
    stdinIsTTY: stdin.isTTY === true,
    stderrIsTTY,
    status(text) {
      // Not a terminal: a log file or a pipe would only collect the escapes and half-lines.
      if (stderrIsTTY) stderr.write(`${STATUS_LINE_RESET}${text}`);
    },
    async prompt(question) {
      const terminal = createInterface({ input: stdin, output: stderr });
      try {
        return await terminal.question(question);
      } finally {
        terminal.close();
      }
    },
    now: Date.now,
    stopSignal: nextStopSignal,
  };
}
