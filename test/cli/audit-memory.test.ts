// audit holds one page at a time, like list --all: the real process's peak memory for 100,000
// keys (about 200,000 findings) is close to its peak for 1,000, with stdout a pipe read slowly.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, describe, expect, it } from "vitest";
import { startMockServer } from "../../src/testing/index.js";
import { runCliProcess } from "../helpers/cli-process.js";

const MAX_RSS = fileURLToPath(new URL("../helpers/max-rss.ts", import.meta.url));
const folder = mkdtempSync(join(tmpdir(), "admin-keys-audit-rss-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/**
 * How much more an audit of 100,000 keys may take than one of 1,000, in MiB. Measured: about 18
 * MiB, V8's young generation growing under the sustained allocation (it stays there for 300,000
 * keys); holding the findings would add far more than the margin left.
 */
const MAX_GROWTH_MIB = 40;

async function audit(seed: number): Promise<{ peakMib: number; findings: number }> {
  const server = await startMockServer({ seed, recordLimit: 0 });
  try {
    const rssFile = join(folder, `rss-${seed}.txt`);
    let lines = 0;
    let reads = 0;
    const result = await runCliProcess(["audit", "--format", "jsonl", "--base-url", server.url], {
      env: { OPENAI_ADMIN_KEY: server.apiKey, MAX_RSS_FILE: rssFile },
      preload: [MAX_RSS],
      async onStdout(chunk) {
        for (const byte of chunk) if (byte === 0x0a) lines++;
        if (++reads % 8 === 0) await sleep(1);
      },
    });
    expect(result.stderr.toString()).toBe("");
    expect(result.code).toBe(3);
    expect(server.requests.count("admin-api-keys-list")).toBe(Math.ceil(seed / 100));
    return { peakMib: Number(readFileSync(rssFile, "utf8")) / 1024, findings: lines };
  } finally {
    await server.close();
  }
}

describe("audit as the real process", () => {
  it("checks 100,000 keys in about the memory 1,000 take", async () => {
    const small = await audit(1_000);
    const large = await audit(100_000);
    expect(large.findings).toBeGreaterThan(100_000);
    console.info(`peak RSS: ${small.peakMib.toFixed(1)} MiB for 1,000 keys, ${large.peakMib.toFixed(1)} MiB for 100,000 (${large.findings} findings)`);
    expect(large.peakMib - small.peakMib).toBeLessThan(MAX_GROWTH_MIB);
  }, 120_000);
});
