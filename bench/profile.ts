// npx tsx bench/profile.ts — where a contender's time goes. Runs each contender's process
// (bench/contender.mjs) under `node --cpu-prof`, either for N retrieves 16 in flight or for one
// listing of every key at limit 100, against the local server in its own process; writes
// bench/results/<contender>[-list].cpuprofile (open it in Chrome DevTools or VS Code) and prints
// the self time per layer (our package, openapi-fetch, undici, the rest of Node, GC) and the
// hottest functions, per request.
//
// Options: --requests=20000  --list (profile listing 100,000 keys instead)
//          --only=openai-admin-keys,plain-fetch-timeout  (default: every contender)

import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ensureDist } from "./dist.js";
import { CONTENDERS, FETCH_WITH_TIMEOUT, fixed, intOption, listOption, REFERENCE, ROOT, type Runnable } from "./harness.js";
import { slug } from "./programs.js";
import { startServerProcess } from "./server-process.js";

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
}

interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

/** The layer a frame belongs to, from its script URL. */
function layer({ url, functionName }: ProfileNode["callFrame"]): string {
  if (url.includes("/dist/src/") || url.includes("/dist/generated/")) return "openai-admin-keys (dist/)";
  if (url.includes("node_modules/openapi-fetch")) return "openapi-fetch";
  if (url.includes("node_modules/openai/")) return "openai SDK";
  if (url.includes("undici")) return "undici (Node's fetch)";
  if (url.includes("bench/contender.mjs")) return "benchmark loop";
  if (url.startsWith("node:")) return "Node internals";
  if (functionName === "(garbage collector)") return "garbage collector";
  if (functionName === "(idle)") return "idle (waiting for the server)";
  if (functionName === "(program)") return "V8 / native (program)";
  return url === "" ? "V8 builtins and native calls (socket writes, JSON.parse, …)" : "other";
}

function shortUrl(url: string): string {
  return url.replace(/^file:\/\/.*?\/(dist|node_modules|bench)\//, "$1/");
}

/** Self time (µs) per layer and per function, from the samples and their time deltas. */
function selfTimes(profile: CpuProfile): { layers: Map<string, number>; functions: Map<string, number> } {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const layers = new Map<string, number>();
  const functions = new Map<string, number>();
  profile.samples.forEach((id, index) => {
    const node = byId.get(id);
    const micros = profile.timeDeltas[index] ?? 0;
    if (!node) return;
    const frame = node.callFrame;
    const group = layer(frame);
    layers.set(group, (layers.get(group) ?? 0) + micros);
    const name = `${frame.functionName || "(anonymous)"} ${shortUrl(frame.url)}${frame.url ? `:${frame.lineNumber + 1}` : ""}`;
    functions.set(name, (functions.get(name) ?? 0) + micros);
  });
  return { layers, functions };
}

const listing = process.argv.includes("--list");
const LIST_KEYS = 100_000;
const LIST_LIMIT = 100;
const requests = listing ? LIST_KEYS / LIST_LIMIT : intOption("requests", 20_000);
const only = listOption("only");
// Plain fetch with a timeout only retrieves.
const runnables: readonly Runnable[] = listing ? CONTENDERS : [REFERENCE, FETCH_WITH_TIMEOUT, ...CONTENDERS.slice(1)];
const contenders = runnables.filter((contender) => only === undefined || only.includes(slug(contender)) || only.includes(contender));
ensureDist();
const server = await startServerProcess(listing ? LIST_KEYS : 1000);
try {
  for (const contender of contenders) {
    const name = `${slug(contender)}${listing ? "-list" : ""}.cpuprofile`;
    const run = spawnSync(
      process.execPath,
      [
        "--cpu-prof",
        `--cpu-prof-dir=${join(ROOT, "bench", "results")}`,
        `--cpu-prof-name=${name}`,
        join(ROOT, "bench", "contender.mjs"),
        contender,
        server.url,
        server.apiKey,
        listing ? `--list=${LIST_LIMIT}` : `--retrieve=${requests}`,
      ],
      { cwd: ROOT, encoding: "utf8", env: { ...process.env, NODE_OPTIONS: "" } },
    );
    if (run.status !== 0) throw new Error(`${contender} failed: ${run.stderr}`);
    const times: { ms: number; cpuMicros: number } = JSON.parse(run.stdout);
    const profile: CpuProfile = JSON.parse(readFileSync(join(ROOT, "bench", "results", name), "utf8"));
    const { layers, functions } = selfTimes(profile);
    const perRequest = (micros: number): string => fixed(micros / requests, 1);
    const what = listing ? `${LIST_KEYS} keys listed in ${requests} pages` : `${requests} retrieves, 16 in flight`;
    console.log(`\n### ${contender}: ${what}, ${fixed(times.cpuMicros / requests, 0)} µs CPU per request (bench/results/${name})\n`);
    console.log("| layer | self µs/req |\n|---|---:|");
    for (const [group, micros] of [...layers].sort((a, b) => b[1] - a[1])) console.log(`| ${group} | ${perRequest(micros)} |`);
    console.log("\n| hottest functions (self) | µs/req |\n|---|---:|");
    for (const [fn, micros] of [...functions].sort((a, b) => b[1] - a[1]).slice(0, 15)) console.log(`| ${fn.replaceAll("|", "\\|")} | ${perRequest(micros)} |`);
  }
} finally {
  await server.close();
}
