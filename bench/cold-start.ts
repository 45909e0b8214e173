// Figure 3 — cold start: the time to import each package in a fresh Node process, and the
// `admin-keys list` command end to end (process start to exit) against the local server. Fresh
// processes in interleaved rounds; one unmeasured round first fills the OS file cache.

import { spawn } from "node:child_process";
import { join } from "node:path";
import {
  CONTENDERS,
  type Contender,
  type Figure,
  fixed,
  interleave,
  OURS,
  ROOT,
  ratio,
  REFERENCE,
  SDK,
  type Stat,
  spread,
  stat,
  verdict,
} from "./harness.js";
import type { ServerProcess } from "./server-process.js";

/** Ours must import in under this share of the SDK's import time. */
const TARGET_VS_SDK = 0.1;

/** What each contender imports; plain fetch is built into Node and imports nothing. */
const SPECIFIERS: Record<Contender, string | undefined> = {
  "plain fetch": undefined,
  "bare openapi-fetch": "openapi-fetch",
  "openai-admin-keys": "openai-admin-keys",
  "openai SDK": "openai",
};

const CLI = "admin-keys list";
type Subject = Contender | typeof CLI;

export interface ColdStartSettings {
  readonly rounds: number;
}

interface Run {
  readonly wallMs: number;
  readonly importMs: number;
}

/** Runs `node args…` to completion; the wall time from spawn to exit, and what it printed. */
function timedNode(args: readonly string[], env: NodeJS.ProcessEnv): Promise<{ wallMs: number; stdout: string }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.once("error", reject);
    child.once("close", (code) => {
      const wallMs = performance.now() - started;
      if (code === 0) resolve({ wallMs, stdout });
      else reject(new Error(`node ${args.join(" ")} exited with ${code}: ${stderr.trim()}`));
    });
  });
}

export async function coldStartFigure(server: ServerProcess, settings: ColdStartSettings): Promise<Figure> {
  const env: NodeJS.ProcessEnv = { ...process.env, OPENAI_ADMIN_KEY: server.apiKey, NO_COLOR: "1" };
  delete env["NODE_OPTIONS"];
  const timer = join(ROOT, "bench", "import-timer.mjs");
  const cli = join(ROOT, "dist", "src", "cli", "main.js");
  const subjects: readonly Subject[] = [...CONTENDERS, CLI];

  const measure = async (subject: Subject): Promise<Run> => {
    if (subject === CLI) {
      const { wallMs, stdout } = await timedNode([cli, "list", "--base-url", server.url], env);
      if (!stdout.includes("key_")) throw new Error(`admin-keys list printed no keys:\n${stdout}`);
      return { wallMs, importMs: Number.NaN };
    }
    const specifier = SPECIFIERS[subject];
    const { wallMs, stdout } = await timedNode(specifier === undefined ? [timer] : [timer, specifier], env);
    const reported: { importMs: number } = JSON.parse(stdout);
    return { wallMs, importMs: reported.importMs };
  };
  await interleave(subjects, 1, measure);
  const samples = await interleave(subjects, settings.rounds, measure);

  const runs = (subject: Subject): Run[] => samples.get(subject) ?? [];
  const importMs = (subject: Subject): Stat => stat(runs(subject).map((run) => run.importMs));
  const wallMs = (subject: Subject): Stat => stat(runs(subject).map((run) => run.wallMs));
  const sdkImport = importMs(SDK).median;
  const oursImport = importMs(OURS).median;
  const oursVerdict = verdict([
    { ok: oursImport < sdkImport * TARGET_VS_SDK, text: `import ${ratio(oursImport / sdkImport)} the SDK's (< ${TARGET_VS_SDK}×)` },
  ]);
  const ms = (value: number): string => fixed(value, 1);
  return {
    id: "cold-start",
    title: "3. cold start: import in a fresh Node process, and the CLI end to end",
    notes: [
      `Median (min–max) of ${settings.rounds} interleaved rounds of fresh processes (after one unmeasured round).`,
      "import ms = `await import(<package>)` timed inside an ES-module entry file (node bench/import-timer.mjs); start → exit ms = from spawn to exit, Node's own start-up included.",
      `${CLI} = \`node dist/src/cli/main.js list --base-url <local server>\`: one page of 20 keys printed as a table.`,
    ],
    header: ["program", "imports", "import ms", "× SDK import", "start → exit ms", "verdict"],
    rows: subjects.map((subject) => {
      const wall = spread(wallMs(subject), ms);
      if (subject === CLI) return [`\`${CLI}\` (ours, end to end)`, "dist/src/cli/main.js", "–", "–", wall, ""];
      const specifier = SPECIFIERS[subject];
      const imported = importMs(subject);
      return [
        subject,
        specifier === undefined ? "nothing (fetch is built in)" : `\`${specifier}\``,
        specifier === undefined ? "–" : spread(imported, ms),
        specifier === undefined ? "–" : ratio(imported.median / sdkImport),
        wall,
        subject === OURS ? oursVerdict : subject === REFERENCE ? "reference" : "",
      ];
    }),
    data: {
      rounds: settings.rounds,
      subjects: Object.fromEntries(
        subjects.map((subject) => [subject, subject === CLI ? { wallMs: wallMs(subject) } : { importMs: importMs(subject), wallMs: wallMs(subject) }]),
      ),
      verdict: oursVerdict,
    },
  };
}
