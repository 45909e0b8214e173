// list --all holds one page at a time: the real process's peak memory for 100,000 keys is close
// to its peak for 1,000, with stdout a pipe that the reader drains slowly.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, describe, expect, it } from "vitest";
import { startMockServer } from "../../src/testing/index.js";
import { runCliProcess } from "../helpers/cli-process.js";

const MAX_RSS = fileURLToPath(new URL("../helpers/max-rss.ts", import.meta.url));
const folder = mkdtempSync(join(tmpdir(), "admin-keys-rss-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/**
 * How much more a listing of 100,000 keys may take than one of 1,000, in MiB. Holding every key
 * and the whole document as one string, as the CLI once did, took about 200 MiB more (117 → 316
 * MiB); streaming takes 20–30 MiB more, the garbage collector's leeway, and stays there for 300,000.
 */
const MAX_GROWTH_MIB = 50;

/** Lists `seed` keys with the real CLI through a slow pipe; resolves to the peak RSS in MiB and the parsed output. */
async function listAll(seed: number): Promise<{ peakMib: number; ids: string[]; expected: string[] }> {
  const server = await startMockServer({ seed });
  try {
    const rssFile = join(folder, `rss-${seed}.txt`);
    const chunks: Buffer[] = [];
    let reads = 0;
    const result = await runCliProcess(["list", "--all", "--json", "--limit", "100", "--base-url", server.url], {
      env: { OPENAI_ADMIN_KEY: server.apiKey, MAX_RSS_FILE: rssFile },
      preload: [MAX_RSS],
      // A slow reader: a pause every few chunks, so the pipe fills and the CLI must wait for it.
      async onStdout(chunk) {
        chunks.push(chunk);
        if (++reads % 8 === 0) await sleep(1);
      },
    });
    expect(result.stderr.toString()).toBe("");
    expect(result.code).toBe(0);
    const document: { data: { id: string }[]; has_more: boolean } = JSON.parse(Buffer.concat(chunks).toString("utf8"));
    expect(document.has_more).toBe(false);
    return {
      peakMib: Number(readFileSync(rssFile, "utf8")) / 1024,
      ids: document.data.map((key) => key.id),
      expected: server.store.list().map((key) => key.id),
    };
  } finally {
    await server.close();
  }
}

describe("list --all --json as the real process", () => {
  it("prints 100,000 keys in order in about the memory 1,000 take", async () => {
    const small = await listAll(1_000);
    const large = await listAll(100_000);
    expect(small.ids).toEqual(small.expected);
    expect(large.ids).toHaveLength(100_000);
    expect(large.ids).toEqual(large.expected);
    console.info(`peak RSS: ${small.peakMib.toFixed(1)} MiB for 1,000 keys, ${large.peakMib.toFixed(1)} MiB for 100,000`);
    expect(large.peakMib - small.peakMib).toBeLessThan(MAX_GROWTH_MIB);
  }, 120_000);
});
