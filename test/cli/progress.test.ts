// The status line of a long listing, as listingProgress drives io.status: drawn after each page,
// taken away before data is printed, cleared once at the end, and never used off a terminal.
import { describe, expect, it } from "vitest";
import type { CliIo } from "../../src/cli/io.js";
import { listingProgress } from "../../src/cli/progress.js";

/** An io that records every status call, whatever stderr is (processIo would drop them off a terminal). */
function recordingIo(stderrIsTTY: boolean): { io: CliIo; statuses: string[] } {
  const statuses: string[] = [];
  const io: CliIo = {
    stdout: () => {},
    stderr: () => {},
    drain: async () => {},
    env: {},
    stdinIsTTY: false,
    stderrIsTTY,
    status: (text) => void statuses.push(text),
    prompt: async () => "",
    now: () => 0,
    stopSignal: () => new Promise<NodeJS.Signals>(() => {}),
  };
  return { io, statuses };
}

describe("the listing's status line", () => {
  it("shows the counts, is taken away before data, and is cleared once however often it is ended", () => {
    const { io, statuses } = recordingIo(true);
    const progress = listingProgress(io, "auditing");
    progress.hide();
    progress.show({ pages: 1, keys: 1, findings: 1 });
    progress.hide();
    progress.hide();
    progress.show({ pages: 1200, keys: 120_000, findings: 0 });
    progress.end();
    progress.end();
    expect(statuses).toEqual([
      "auditing: page 1, 1 key, 1 finding so far…",
      "",
      "auditing: page 1,200, 120,000 keys, 0 findings so far…",
      "",
    ]);
  });

  it("never touches the status line when stderr is not a terminal", () => {
    const { io, statuses } = recordingIo(false);
    const progress = listingProgress(io, "listing");
    progress.show({ pages: 1, keys: 100 });
    progress.hide();
    progress.show({ pages: 2, keys: 200 });
    progress.end();
    expect(statuses).toEqual([]);
  });
});
