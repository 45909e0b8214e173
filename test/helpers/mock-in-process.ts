// `admin-keys mock` in this process, through run() with an io that records what it writes and a
// stop signal the test sends: the same command as the child process of mock-process.ts, but with
// its code in the test process, where coverage and mutants can see it.

import type { CliIo } from "../../src/cli/io.js";
import { run } from "../../src/cli/run.js";

export interface InProcessMock {
  /** The base URL it printed. */
  readonly url: string;
  /** Everything it wrote to stdout so far. */
  stdout(): string;
  /** Everything it wrote to stderr so far. */
  stderr(): string;
  /** Sends the stop signal and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number>;
}

/**
 * Runs `admin-keys mock <args>` until it says where it listens; rejects with what it wrote if it
 * ends first.
 */
export async function startMockInProcess(args: readonly string[]): Promise<InProcessMock> {
  let out = "";
  let err = "";
  let sendStop: (signal: NodeJS.Signals) => void = () => {};
  const stopped = new Promise<NodeJS.Signals>((resolve) => (sendStop = resolve));
  const io: CliIo = {
    stdout: (text) => void (out += text),
    stderr: (text) => void (err += text),
    drain: async () => {},
    env: {},
    stdinIsTTY: false,
    stderrIsTTY: false,
    status: () => {},
    prompt: async () => "",
    now: Date.now,
    stopSignal: () => stopped,
  };
  let ended = false;
  const exit = run(["mock", ...args], io).finally(() => (ended = true));
  for (;;) {
    const url = /listening at (http:\/\/\S+\/v1) with/.exec(out)?.[1];
    if (url !== undefined && out.includes("Ctrl-C stops it.\n")) {
      return {
        url,
        stdout: () => out,
        stderr: () => err,
        async stop(signal = "SIGINT") {
          sendStop(signal);
          return exit;
        },
      };
    }
    if (ended) throw new Error(`admin-keys mock ended with ${await exit} before listening:\n${out}\n${err}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
