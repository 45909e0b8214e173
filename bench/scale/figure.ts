// bench:scale's one figure: the pipeline measured on synthetic specs of growing size, one row per
// figure, one column per size, then how each figure grows per ×10 of operations, and the
// targets: every figure at most linear; `generate` at 2,000 operations at most 1.5× bare
// openapi-typescript on the same spec; the consumer's instantiations per operation flat.

import { mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { type Check, type Figure, fixed, int, interleave, ROOT, spread, stat, type Stat, verdict } from "../harness.js";
import { writeConsumers } from "./consumer-projects.js";
import { atMostLinear, perTenfold } from "./growth.js";
import { runStep, tscFigures, type StepRun, type TscFigures } from "./measure.js";
import { fragment, writeProject, type ScaleProject } from "./projects.js";

const require = createRequire(import.meta.url);
const TSX = require.resolve("tsx");
const TSC = require.resolve("typescript/bin/tsc");
const OPENAPI_TYPESCRIPT = join(require.resolve("openapi-typescript/package.json"), "..", "bin", "cli.js");
const NODE = process.execPath;

/** Beyond this many operations the reference consumer (~30 s at 2,000) is type-checked once. */
const LARGE = 1000;
const RATIO_TARGET = 1.5;
const FLAT_TOLERANCE = 0.1;

const STEPS = ["generate", "openapi-typescript", "openapi-typescript, default lint", "check:generated", "docs", "consumer: ours", "consumer: openapi-fetch"] as const;
type Step = (typeof STEPS)[number];

/**
 * What a round runs, in turn. `generate` and the reference run as one pair, back to back (in
 * alternating order), so that their ratio compares two runs made under the same load: on a
 * shared machine the load moves more between the steps of a round than within a pair.
 */
const SUBJECTS = ["generate vs openapi-typescript", "openapi-typescript, default lint", "check:generated", "docs", "consumer: ours", "consumer: openapi-fetch"] as const;
type Subject = (typeof SUBJECTS)[number];

function command(step: Step, project: ScaleProject, consumers: { ours: string; reference: string }): string[] {
  const script = (name: string) => [NODE, "--import", TSX, join(ROOT, "scripts", name)];
  const generate = [...script("generate.ts"), "--spec", "spec/openapi.yaml", "--config", "redocly.yaml", "--out", "generated"];
  switch (step) {
    case "generate":
      return generate;
    case "check:generated":
      return [...generate, "--check"];
    case "openapi-typescript":
      // In the project, as `npx openapi-typescript` runs there: it reads the project's
      // redocly.yaml, and so lints with the same rules as generate.
      return [NODE, OPENAPI_TYPESCRIPT, "spec/openapi.yaml", "-o", "reference/schema.d.ts"];
    case "openapi-typescript, default lint":
      // From a directory without redocly.yaml: openapi-typescript's own minimal lint.
      return [NODE, OPENAPI_TYPESCRIPT, "../spec/openapi.yaml", "-o", "../reference/default-lint.d.ts"];
    case "docs":
      return [...script("docs.ts"), "--spec", "spec/openapi.yaml", "--out", "docs/index.html"];
    case "consumer: ours":
      return [NODE, TSC, "-p", consumers.ours, "--extendedDiagnostics"];
    case "consumer: openapi-fetch":
      return [NODE, TSC, "-p", consumers.reference, "--extendedDiagnostics"];
  }
}

export interface ScaleSettings {
  readonly sizes: readonly number[];
  readonly rounds: number;
  readonly log: (line: string) => void;
}

interface SizeResult {
  readonly project: ScaleProject;
  readonly runs: ReadonlyMap<Step, readonly StepRun[]>;
  /** generate ÷ openapi-typescript, round by round. */
  readonly ratios: readonly number[];
}

/** Where a step runs: in the project, but openapi-typescript with its own lint in an empty directory below it. */
function cwdOf(step: Step, project: ScaleProject): string {
  return step === "openapi-typescript, default lint" ? join(project.dir, "elsewhere") : project.dir;
}

async function measureSize(operations: number, settings: ScaleSettings): Promise<SizeResult> {
  const project = writeProject(fragment(), operations);
  mkdirSync(join(project.dir, "elsewhere"), { recursive: true });
  const noConsumers = { ours: "", reference: "" };
  // Unmeasured: writes generated/ and the reference schema the later steps read, and warms the file cache.
  await runStep(command("generate", project, noConsumers), project.dir);
  await runStep(command("openapi-typescript", project, noConsumers), project.dir);
  const consumers = writeConsumers(project.dir, operations, join(project.dir, "reference", "schema.d.ts"));

  const large = operations >= LARGE;
  const rounds = large ? Math.max(1, Math.ceil(settings.rounds / 2)) : settings.rounds;
  const started = performance.now();
  const run = (step: Step): Promise<StepRun> => runStep(command(step, project, consumers), cwdOf(step, project));
  const samples = await interleave(SUBJECTS, rounds, async (subject: Subject, round): Promise<[Step, StepRun][]> => {
    if (subject === "generate vs openapi-typescript") {
      const order: Step[] = round % 2 === 0 ? ["generate", "openapi-typescript"] : ["openapi-typescript", "generate"];
      const pair: [Step, StepRun][] = [];
      for (const step of order) pair.push([step, await run(step)]);
      return pair;
    }
    // The reference consumer takes half a minute at 2,000 operations: once is enough there.
    if (large && subject === "consumer: openapi-fetch" && round > 0) return [];
    return [[subject, await run(subject)]];
  });
  const runs = new Map<Step, StepRun[]>(STEPS.map((step) => [step, []]));
  for (const perRound of samples.values()) for (const pairs of perRound) for (const [step, stepRun] of pairs) runs.get(step)?.push(stepRun);
  const generate = runs.get("generate") ?? [];
  const reference = runs.get("openapi-typescript") ?? [];
  const ratios = generate.map((stepRun, index) => stepRun.seconds / (reference[index]?.seconds ?? Number.NaN));
  settings.log(`  ${int(operations)} operations: ${rounds} round(s) in ${Math.round((performance.now() - started) / 1000)} s`);
  return { project, runs, ratios };
}

interface Row {
  readonly label: string;
  /** One statistic per size. */
  readonly values: readonly Stat[];
  readonly format: (value: number) => string;
  /** Whether the row takes part in the "at most linear" target. */
  readonly linear: boolean;
  readonly extra?: (values: readonly Stat[]) => Check[];
}

export async function scaleFigure(settings: ScaleSettings): Promise<Figure> {
  const results: SizeResult[] = [];
  for (const operations of settings.sizes) results.push(await measureSize(operations, settings));
  const sizes = settings.sizes;
  const of = (step: Step, pick: (run: StepRun) => number): Stat[] => results.map((result) => stat((result.runs.get(step) ?? []).map(pick)));
  const tsc = (step: Step, pick: (figures: TscFigures) => number): Stat[] => of(step, (run) => pick(tscFigures(run.output)));
  const perOperation = (values: readonly Stat[]): Stat[] => values.map((value, index) => stat(value.samples.map((sample) => sample / (sizes[index] ?? 1))));
  const seconds = (value: number): string => fixed(value, 2);
  const megabytes = (value: number): string => fixed(value, 0);

  const ratio = results.map((result) => stat(result.ratios));
  const generateSeconds = of("generate", (run) => run.seconds);
  const defaultLintSeconds = of("openapi-typescript, default lint", (run) => run.seconds);
  const oursInstantiations = tsc("consumer: ours", (figures) => figures.instantiations);
  const referenceInstantiations = tsc("consumer: openapi-fetch", (figures) => figures.instantiations);
  const flat = (values: readonly Stat[]): Check[] => {
    const last = values.at(-1)?.median ?? Number.NaN;
    const before = values.at(-2)?.median ?? Number.NaN;
    return [{ ok: Math.abs(last / before - 1) <= FLAT_TOLERANCE, text: `${fixed(before, 1)} → ${fixed(last, 1)} per operation at the top (flat: ±${FLAT_TOLERANCE * 100}%)` }];
  };

  const rows: Row[] = [
    { label: "spec/openapi.yaml MB", values: results.map((result) => stat([result.project.specBytes / 2 ** 20])), format: (value) => fixed(value, 1), linear: false },
    { label: "`generate` s", values: generateSeconds, format: seconds, linear: true },
    { label: "`generate` peak RSS MB", values: of("generate", (run) => run.peakMB), format: megabytes, linear: true },
    { label: "`check:generated` s", values: of("check:generated", (run) => run.seconds), format: seconds, linear: true },
    { label: "`check:generated` peak RSS MB", values: of("check:generated", (run) => run.peakMB), format: megabytes, linear: true },
    { label: "reference: openapi-typescript CLI (project's redocly.yaml) s", values: of("openapi-typescript", (run) => run.seconds), format: seconds, linear: false },
    { label: "reference: openapi-typescript CLI peak RSS MB", values: of("openapi-typescript", (run) => run.peakMB), format: megabytes, linear: false },
    {
      label: "`generate` ÷ openapi-typescript CLI (paired)",
      values: ratio,
      format: (value) => `${fixed(value, 2)}×`,
      linear: false,
      extra: (values) => [{ ok: (values.at(-1)?.median ?? Infinity) <= RATIO_TARGET, text: `${fixed(values.at(-1)?.median ?? Number.NaN, 2)}× at ${int(sizes.at(-1) ?? 0)} operations (≤ ${RATIO_TARGET}×)` }],
    },
    { label: "context: openapi-typescript CLI, its default lint s", values: defaultLintSeconds, format: seconds, linear: false },
    {
      label: "context: `generate` ÷ that",
      values: generateSeconds.map((value, index) => stat([value.median / (defaultLintSeconds[index]?.median ?? Number.NaN)])),
      format: (value) => `${fixed(value, 2)}×`,
      linear: false,
    },
    { label: "docs build s", values: of("docs", (run) => run.seconds), format: seconds, linear: true },
    { label: "docs build peak RSS MB", values: of("docs", (run) => run.peakMB), format: megabytes, linear: true },
    { label: "consumer (ours): instantiations", values: oursInstantiations, format: int, linear: true },
    { label: "consumer (ours): instantiations per operation", values: perOperation(oursInstantiations), format: (value) => fixed(value, 1), linear: false, extra: flat },
    { label: "consumer (ours): check s", values: tsc("consumer: ours", (figures) => figures.checkSeconds), format: seconds, linear: true },
    { label: "consumer (ours): memory MB", values: tsc("consumer: ours", (figures) => figures.memoryMB), format: megabytes, linear: true },
    { label: "reference consumer (openapi-fetch): instantiations", values: referenceInstantiations, format: int, linear: false },
    { label: "reference consumer: instantiations per operation", values: perOperation(referenceInstantiations), format: (value) => fixed(value, 0), linear: false },
    { label: "reference consumer: check s", values: tsc("consumer: openapi-fetch", (figures) => figures.checkSeconds), format: seconds, linear: false },
    { label: "reference consumer: memory MB", values: tsc("consumer: openapi-fetch", (figures) => figures.memoryMB), format: megabytes, linear: false },
  ];

  const intervals = sizes.slice(1).map((size, index) => [sizes[index] ?? 0, size] as const);
  const growth = (row: Row): number[] =>
    intervals.map(([a, b], index) => perTenfold(row.values[index]?.median ?? Number.NaN, row.values[index + 1]?.median ?? Number.NaN, a, b));
  const tableRows = rows.map((row) => {
    const factors = growth(row);
    const last = factors.at(-1) ?? Number.NaN;
    const checks: Check[] = [...(row.linear ? [{ ok: atMostLinear(last), text: `×${fixed(last, 1)} per ×10 at the top (≤ linear)` }] : []), ...(row.extra?.(row.values) ?? [])];
    return [row.label, ...row.values.map((value) => spread(value, row.format)), ...factors.map((factor) => (Number.isFinite(factor) ? `×${fixed(factor, 1)}` : "–")), checks.length > 0 ? verdict(checks) : ""];
  });

  return {
    id: "scale",
    title: "pipeline and consumer cost as the spec grows",
    notes: [
      `Synthetic specs: spec/openapi.yaml's 4 operations and their components cloned under new paths and names (bench/scale/synthetic-spec.ts), written as YAML to .tmp/bench/scale/<operations>/.`,
      `Each cell: median (min–max) over interleaved rounds of fresh processes (${settings.rounds} per size, ${Math.max(1, Math.ceil(settings.rounds / 2))} from ${int(LARGE)} operations; the reference consumer once there). Peak RSS: the largest Node process of the step.`,
      "`generate` and `check:generated` are `node --import tsx scripts/generate.ts` (what npm run generate runs, without npm's start-up). The reference is openapi-typescript's CLI run by node on the same YAML in the project, where it reads redocly.yaml and lints with the same rules as generate; each generate run is paired with one of it, back to back. For context, the same CLI where there is no redocly.yaml, with its own minimal lint.",
      "Consumers call every operation and read a field of each answer: ours through the declarations of generated/ (TypeScript's transpileDeclaration), the reference through openapi-fetch over openapi-typescript's paths; tsc --extendedDiagnostics, strict, skipLibCheck.",
      "per ×10 = how much the figure is multiplied by for every ×10 of operations between two sizes (×10 is linear growth; between 400 and 2,000 that is a factor of 5).",
    ],
    header: ["figure", ...sizes.map((size) => `${int(size)} ops`), ...intervals.map(([a, b]) => `per ×10 ${int(a)}→${int(b)}`), "verdict"],
    rows: tableRows,
    data: {
      sizes,
      rounds: settings.rounds,
      rows: rows.map((row) => ({ label: row.label, values: row.values, perTenfold: growth(row) })),
    },
  };
}
