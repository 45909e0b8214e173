// The local server (startMockServer) in a process of its own, so that the clients being measured
// have this process, and its event loop, to themselves. The parent talks to it over IPC: where it
// listens, which key ids it holds, and how many requests it counted per route. The counting is the
// server's own (server.requests); this wrapper only relays it.

import { type ChildProcess, fork } from "node:child_process";
import { join } from "node:path";
import type { RouteName } from "../src/testing/index.js";
import { ROOT } from "./harness.js";

/** What the parent asks. */
export type ServerQuestion =
  | { readonly op: "ids"; readonly count: number }
  | { readonly op: "count"; readonly route: RouteName | "*" }
  | { readonly op: "reset" };

/** What the child answers; `ready` comes once, unasked, when it listens. */
export type ServerAnswer =
  | { readonly op: "ready"; readonly url: string; readonly apiKey: string; readonly keys: number }
  | { readonly op: "ids"; readonly ids: readonly string[] }
  | { readonly op: "count"; readonly count: number }
  | { readonly op: "reset" };

/** A running server process. */
export interface ServerProcess {
  /** Base URL ending in /v1. */
  readonly url: string;
  readonly apiKey: string;
  /** How many keys it holds. */
  readonly keys: number;
  /** The first `count` key ids, in list order. */
  ids(count: number): Promise<readonly string[]>;
  /** Requests the server counted for a route, e.g. "admin-api-keys-list", since the last reset. */
  count(route: RouteName | "*"): Promise<number>;
  reset(): Promise<void>;
  close(): Promise<void>;
}

function isAnswer<A extends ServerAnswer["op"]>(answer: ServerAnswer, op: A): answer is Extract<ServerAnswer, { op: A }> {
  return answer.op === op;
}

function nextAnswer(child: ChildProcess): Promise<ServerAnswer> {
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`the server process exited (code ${code})`));
    child.once("exit", onExit);
    child.once("message", (answer: ServerAnswer) => {
      child.off("exit", onExit);
      resolve(answer);
    });
  });
}

/** Starts the server process seeded with `keys` keys; resolves once it listens. */
export async function startServerProcess(keys: number): Promise<ServerProcess> {
  const child = fork(join(ROOT, "bench", "server-child.ts"), [String(keys)], {
    execArgv: ["--import", "tsx"],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const ready = await nextAnswer(child);
  if (!isAnswer(ready, "ready")) throw new Error(`the server process said ${ready.op} before it was ready`);
  // One question at a time: each waits for the answer to the one before.
  let queue: Promise<unknown> = Promise.resolve();
  const ask = <A extends ServerAnswer["op"]>(question: ServerQuestion, expected: A): Promise<Extract<ServerAnswer, { op: A }>> => {
    const answer = queue.then(async () => {
      const pending = nextAnswer(child);
      child.send(question);
      const reply = await pending;
      if (!isAnswer(reply, expected)) throw new Error(`asked the server process for ${expected}, got ${reply.op}`);
      return reply;
    });
    queue = answer.catch(() => undefined);
    return answer;
  };
  return {
    url: ready.url,
    apiKey: ready.apiKey,
    keys: ready.keys,
    ids: async (count) => (await ask({ op: "ids", count }, "ids")).ids,
    count: async (route) => (await ask({ op: "count", route }, "count")).count,
    reset: async () => void (await ask({ op: "reset" }, "reset")),
    close: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.disconnect();
      }),
  };
}
