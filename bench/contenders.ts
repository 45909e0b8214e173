// The parent's handle on bench/contender.mjs: start a contender in its own plain-Node process and
// command it over IPC (retrieve runs), or run one listing in a fresh process and read its report.

import { type ChildProcess, fork } from "node:child_process";
import { join } from "node:path";
import { ROOT, type Runnable } from "./harness.js";
import type { ServerProcess } from "./server-process.js";

const SCRIPT = join(ROOT, "bench", "contender.mjs");

/** Wall time and the contender process's CPU time (user + system) of one measured run. */
export interface RunTimes {
  readonly ms: number;
  readonly cpuMicros: number;
}

/** What one listing reports: keys seen, times, and the process's resident memory. */
export interface ListReport extends RunTimes {
  readonly keys: number;
  /** Resident set size just before listing (the contender loaded and its client made). */
  readonly rssBefore: number;
  /** Peak resident set size over the process's life (process.resourceUsage().maxRSS). */
  readonly peakRss: number;
}

/** A contender process waiting for retrieve commands. */
export interface ContenderProcess {
  retrieve(requests: number, inFlight: number): Promise<RunTimes>;
  close(): void;
}

interface Reply {
  readonly op: string;
  readonly message?: string;
  readonly ms?: number;
  readonly cpuMicros?: number;
}

function spawnContender(contender: Runnable, server: ServerProcess, flags: string[]): ChildProcess {
  // Plain node: no tsx loader and no inherited --import (fork would copy this process's execArgv).
  const env = { ...process.env };
  delete env["NODE_OPTIONS"];
  return fork(SCRIPT, [contender, server.url, server.apiKey, ...flags], {
    cwd: ROOT,
    env,
    execArgv: [],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
}

function reply(child: ChildProcess, contender: Runnable): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`${contender}: its process exited (code ${code})`));
    child.once("exit", onExit);
    child.once("message", (message: Reply) => {
      child.off("exit", onExit);
      if (message.op === "error") reject(new Error(`${contender}: ${message.message}`));
      else resolve(message);
    });
  });
}

/** Starts a contender process and gives it the key ids to retrieve. */
export async function startContender(contender: Runnable, server: ServerProcess, ids: readonly string[]): Promise<ContenderProcess> {
  const child = spawnContender(contender, server, []);
  await reply(child, contender);
  const pending = reply(child, contender);
  child.send({ op: "ids", ids });
  await pending;
  return {
    async retrieve(requests, inFlight) {
      const answer = reply(child, contender);
      child.send({ op: "retrieve", requests, inFlight });
      const { ms = Number.NaN, cpuMicros = Number.NaN } = await answer;
      return { ms, cpuMicros };
    },
    close: () => child.disconnect(),
  };
}

/** Lists every key at `limit` per page in a fresh contender process and returns its report. */
export async function listInFreshProcess(contender: Runnable, server: ServerProcess, limit: number): Promise<ListReport> {
  const child = spawnContender(contender, server, [`--list=${limit}`]);
  return new Promise((resolve, reject) => {
    let report: ListReport | undefined;
    child.once("message", (message: ListReport) => (report = message));
    child.once("exit", (code) => {
      if (report !== undefined && code === 0) resolve(report);
      else reject(new Error(`${contender}: the listing process exited with code ${code} ${report ? "" : "before reporting"}`));
    });
  });
}
