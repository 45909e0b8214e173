// The admin-keys CLI as a real child process (`node --import tsx src/cli/main.ts …`), with its
// output kept as the exact bytes it wrote, for tests that must see what a terminal would get.

import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
export const CLI_MAIN = fileURLToPath(new URL("../../src/cli/main.ts", import.meta.url));

export interface ProcessResult {
  code: number;
  stdout: Buffer;
  stderr: Buffer;
}

export interface ProcessOptions {
  /** Added to the parent's environment. */
  env?: Record<string, string>;
  /** Modules preloaded after tsx (`--import`), e.g. test/helpers/max-rss.ts. */
  preload?: string[];
  /** Called with each chunk of stdout; the chunk is then not kept in `stdout`. */
  onStdout?: (chunk: Buffer) => void | Promise<void>;
}

/** Runs the CLI with `args` and resolves when it has exited and its streams have closed. */
export function runCliProcess(args: readonly string[], options: ProcessOptions = {}): Promise<ProcessResult> {
  const preload = (options.preload ?? []).flatMap((file) => ["--import", file]);
  const child = spawn(process.execPath, ["--import", "tsx", ...preload, CLI_MAIN, ...args], {
    cwd: ROOT,
    env: { ...process.env, ...options.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  const onStdout = options.onStdout;
  if (onStdout === undefined) child.stdout.on("data", (chunk: Buffer) => out.push(chunk));
  else {
    // A slow reader: the next chunk is read only once the handler is done with this one.
    child.stdout.on("data", (chunk: Buffer) => {
      child.stdout.pause();
      void Promise.resolve(onStdout(chunk)).then(() => child.stdout.resume());
    });
  }
  child.stderr.on("data", (chunk: Buffer) => err.push(chunk));
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? -1, stdout: Buffer.concat(out), stderr: Buffer.concat(err) }));
  });
}
