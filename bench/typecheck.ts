// Figure 5 — type-check cost: `tsc --noEmit --extendedDiagnostics` of a consumer file per
// contender (programs.ts: create a client, call each operation), with skipLibCheck as a consumer
// would have it. Instantiations and types are deterministic; check time and memory are the median
// (min–max) of interleaved rounds.

import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { dirname } from "node:path";
import {
  CONTENDERS,
  type Contender,
  type Figure,
  fixed,
  int,
  interleave,
  OURS,
  ratio,
  REFERENCE,
  ROOT,
  SDK,
  type Stat,
  spread,
  stat,
  verdict,
} from "./harness.js";
import { slug, TYPECHECK_CONSUMERS, writeWorkFile } from "./programs.js";

const TSC = createRequire(import.meta.url).resolve("typescript/bin/tsc");

/** The consumer projects' tsconfig.json: strict, as a user's project would be. */
export const TYPECHECK_TSCONFIG = {
  compilerOptions: {
    target: "ES2022",
    lib: ["ES2023", "DOM"],
    module: "NodeNext",
    moduleResolution: "NodeNext",
    strict: true,
    skipLibCheck: true,
    noEmit: true,
    types: ["node"],
  },
  files: ["consumer.ts"],
};

export interface TypecheckSettings {
  readonly rounds: number;
}

/** The numbers tsc --extendedDiagnostics prints that this figure reports. */
interface Diagnostics {
  readonly instantiations: number;
  readonly types: number;
  readonly checkSeconds: number;
  readonly totalSeconds: number;
  readonly memoryKB: number;
}

function field(output: string, name: string): number {
  const match = new RegExp(`^${name}:\\s+([\\d.]+)`, "m").exec(output);
  if (!match?.[1]) throw new Error(`tsc --extendedDiagnostics printed no "${name}":\n${output}`);
  return Number(match[1]);
}

function runTsc(project: string): Promise<Diagnostics> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [TSC, "-p", project, "--extendedDiagnostics"], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
    child.once("error", reject);
    child.once("close", (code) => {
      if (code !== 0) return reject(new Error(`tsc -p ${project} failed (exit ${code}): the consumer has type errors:\n${output}`));
      try {
        resolve({
          instantiations: field(output, "Instantiations"),
          types: field(output, "Types"),
          checkSeconds: field(output, "Check time"),
          totalSeconds: field(output, "Total time"),
          memoryKB: field(output, "Memory used"),
        });
      } catch (error) {
        reject(error);
      }
    });
  });
}

export async function typecheckFigure(settings: TypecheckSettings): Promise<Figure> {
  const projects = new Map<Contender, string>();
  for (const contender of CONTENDERS) {
    const consumer = writeWorkFile(TYPECHECK_CONSUMERS[contender], "typecheck", slug(contender), "consumer.ts");
    writeWorkFile(JSON.stringify(TYPECHECK_TSCONFIG, null, 2), "typecheck", slug(contender), "tsconfig.json");
    projects.set(contender, dirname(consumer));
  }
  const samples = await interleave(CONTENDERS, settings.rounds, (contender) => runTsc(projects.get(contender) ?? ""));
  const runs = (contender: Contender): Diagnostics[] => samples.get(contender) ?? [];
  const of = (contender: Contender, pick: (run: Diagnostics) => number): Stat => stat(runs(contender).map(pick));

  const sdkInstantiations = of(SDK, (run) => run.instantiations).median;
  const oursInstantiations = of(OURS, (run) => run.instantiations).median;
  const oursVerdict = verdict([
    {
      ok: oursInstantiations <= sdkInstantiations,
      text: `${int(oursInstantiations)} instantiations, ${ratio(oursInstantiations / sdkInstantiations)} the SDK's (≤ 1×)`,
    },
  ]);
  const seconds = (value: number): string => fixed(value, 2);
  return {
    id: "typecheck",
    title: "5. type-check cost of a consumer that calls every operation",
    notes: [
      `tsc ${"--noEmit --extendedDiagnostics"} with skipLibCheck, strict, NodeNext, types ["node"]; consumers in bench/programs.ts (written to .tmp/bench/typecheck/).`,
      `Instantiations and types are deterministic; times and memory are the median (min–max) of ${settings.rounds} interleaved rounds. The lib and @types/node cost is the same for every row.`,
    ],
    header: ["contender", "instantiations", "types", "check s", "total s", "memory MB", "verdict"],
    rows: CONTENDERS.map((contender) => [
      contender,
      spread(of(contender, (run) => run.instantiations)),
      spread(of(contender, (run) => run.types)),
      spread(of(contender, (run) => run.checkSeconds), seconds),
      spread(of(contender, (run) => run.totalSeconds), seconds),
      spread(of(contender, (run) => run.memoryKB / 1024), (value) => fixed(value, 0)),
      contender === OURS ? oursVerdict : contender === REFERENCE ? "reference" : "",
    ]),
    data: {
      rounds: settings.rounds,
      tsconfig: TYPECHECK_TSCONFIG,
      contenders: Object.fromEntries(
        CONTENDERS.map((contender) => [
          contender,
          {
            instantiations: of(contender, (run) => run.instantiations),
            types: of(contender, (run) => run.types),
            checkSeconds: of(contender, (run) => run.checkSeconds),
            totalSeconds: of(contender, (run) => run.totalSeconds),
            memoryKB: of(contender, (run) => run.memoryKB),
          },
        ]),
      ),
      verdict: oursVerdict,
    },
  };
}
