// The watch loop's queue: never two builds at once, and saves made during a build are neither
// lost nor each given a build of their own.

import { describe, expect, it } from "vitest";
import { BuildQueue } from "../../scripts/dev/build-queue.js";

/** A build that takes as long as the test says, recording what it was given and how many ran at once. */
function recorder() {
  let running = 0;
  let most = 0;
  const batches: string[][] = [];
  const releases: (() => void)[] = [];
  const queue = new BuildQueue<string>(async (requests) => {
    running++;
    most = Math.max(most, running);
    batches.push([...requests]);
    await new Promise<void>((resolve) => releases.push(resolve));
    running--;
  });
  const release = async (): Promise<void> => {
    // Let the queue reach its await before the build is ended.
    await new Promise((resolve) => setImmediate(resolve));
    releases.shift()?.();
    await new Promise((resolve) => setImmediate(resolve));
  };
  return { queue, batches, release, most: () => most };
}

describe("BuildQueue", () => {
  it("runs one build at a time, and folds every save made during a build into the next one", async () => {
    const { queue, batches, release, most } = recorder();
    queue.request("a");
    queue.request("b");
    queue.request("c");
    await release();
    queue.request("d");
    await release();
    await release();
    await queue.idle();
    expect(batches).toEqual([["a"], ["b", "c"], ["d"]]);
    expect(most()).toBe(1);
  });

  it("hands a build that throws to onError, and runs the saves that came meanwhile", async () => {
    const seen: string[] = [];
    const errors: unknown[] = [];
    const queue = new BuildQueue<string>(
      async ([request]) => {
        seen.push(request ?? "");
        await new Promise((resolve) => setImmediate(resolve));
        if (request === "bad") throw new Error("boom");
      },
      (error) => errors.push(error),
    );
    queue.request("bad");
    queue.request("good");
    await queue.idle();
    expect(seen).toEqual(["bad", "good"]);
    expect(errors).toEqual([new Error("boom")]);
  });

  it("starts nothing once stopped", async () => {
    const { queue, batches, release } = recorder();
    queue.request("a");
    queue.request("b");
    queue.stop();
    await release();
    await queue.idle();
    queue.request("c");
    expect(batches).toEqual([["a"]]);
  });
});
