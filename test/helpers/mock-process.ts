// `admin-keys mock` as a real child process (`node --import tsx src/cli/main.ts mock …`): started,
// waited for until it says where it listens, and stopped with a signal, for tests of the
// foreground server's life: its start-up lines, its shutdown, its --state file across restarts.

import { type ChildProcess, spawn } from "node:child_process";
import { CLI_MAIN, ROOT } from "./cli-process.js";

export interface MockProcess {
  readonly child: ChildProcess;
  /** The base URL it printed. */
  readonly url: string;
  readonly port: number;
  /** Everything it wrote so far. */
  stdout(): string;
  stderr(): string;
  /** Sends `signal` and resolves with how it exited. */
  stop(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export interface MockExit {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Starts `admin-keys mock <args>`; resolves once it printed its URL, or rejects with what it wrote
 * if it exits first (use {@link runMockToExit} for a start that is meant to fail).
 */
export function startMockProcess(args: readonly string[], env: Record<string, string> = {}): Promise<MockProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", CLI_MAIN, "mock", ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  let err = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => (out += chunk));
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (err += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
  return new Promise((resolve, reject) => {
    const onData = (): void => {
      const match = /listening at (http:\/\/[^\s]+:(\d+)\/v1)/.exec(out);
      if (match === null) return;
      child.stdout.off("data", onData);
      resolve({
        child,
        url: match[1] ?? "",
        port: Number(match[2]),
        stdout: () => out,
        stderr: () => err,
        async stop(signal = "SIGINT") {
          child.kill(signal);
          const result = await exited;
          // Let the pipes deliver what was written last.
          await new Promise((done) => setImmediate(done));
          return result;
        },
      });
    };
    child.stdout.on("data", onData);
    void exited.then(({ code }) => reject(new Error(`admin-keys mock exited with ${code} before listening:\n${out}\n${err}`)));
  });
}

/** Runs `admin-keys mock <args>` that is expected to stop on its own (a refused start). */
export function runMockToExit(args: readonly string[], env: Record<string, string> = {}): Promise<MockExit> {
  const child = spawn(process.execPath, ["--import", "tsx", CLI_MAIN, "mock", ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  const timer = setTimeout(() => child.kill("SIGKILL"), 20_000);
  return new Promise((resolve) => child.once("close", (code) => (clearTimeout(timer), resolve({ code, stdout, stderr }))));
}
