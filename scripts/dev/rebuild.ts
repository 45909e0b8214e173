// One build of the watch loop, for one save: lint and generate (the generator's own pipeline,
// which refuses a spec that does not parse or lint and then writes nothing), then, side by side,
// spec:diff against HEAD (in this process) and the docs (a child process). A save whose spec
// and redocly.yaml are byte for byte those of the last build is not built again.

import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { generate } from "../generate/pipeline.js";
import { formatProblem, SpecProblemsError } from "../spec/problems.js";
import { DiffStep, type DiffOutcome } from "./diff-step.js";
import { DocsStep, type DocsOutcome } from "./docs-step.js";

export interface BuildReport {
  readonly number: number;
  /**
   * What this build found changed since the last one, by content: `spec/openapi.yaml`,
   * `redocly.yaml`, both, or none (the first build, or a save that changed no byte).
   */
  readonly files: readonly string[];
  readonly outcome: "built" | "refused" | "unchanged";
  /** `file:line:col message` for each problem that refused the save. */
  readonly problems: readonly string[];
  /** Lint warnings, in the same form: reported, not refused. */
  readonly warnings: readonly string[];
  readonly diff?: DiffOutcome;
  /** generated/ files rewritten (none when they already matched). */
  readonly written?: readonly string[];
  readonly operations?: number;
  readonly docs?: DocsOutcome;
  readonly ms: { readonly generate: number; readonly diff?: number; readonly docs?: number; readonly total: number };
}

/** The inputs of a build as they were read: an absent file is `undefined`. */
interface Inputs {
  readonly spec: string | undefined;
  readonly config: string | undefined;
}

const hash = (text: string | undefined): string => (text === undefined ? "absent" : createHash("sha256").update(text).digest("hex"));

export class DevBuild {
  private count = 0;
  private last: { readonly spec: string; readonly config: string } | undefined;
  private readonly docs: DocsStep;
  private readonly diff: DiffStep;

  constructor(
    private readonly root: string,
    startText: string | undefined,
  ) {
    this.docs = new DocsStep(root, join(root, "docs"));
    this.diff = new DiffStep(root, startText);
  }

  private async read(): Promise<Inputs> {
    const read = (file: string): Promise<string | undefined> => readFile(join(this.root, file), "utf8").catch(() => undefined);
    const [spec, config] = await Promise.all([read("spec/openapi.yaml"), read("redocly.yaml")]);
    return { spec, config };
  }

  /** Ends what a build left running (the docs child). */
  stop(): void {
    this.docs.stop();
  }

  async run(): Promise<BuildReport> {
    const started = performance.now();
    const since = (from: number): number => Math.round(performance.now() - from);
    const number = ++this.count;
    const inputs = await this.read();
    const now = { spec: hash(inputs.spec), config: hash(inputs.config) };
    const files = this.last === undefined ? [] : [...(now.spec !== this.last.spec ? ["spec/openapi.yaml"] : []), ...(now.config !== this.last.config ? ["redocly.yaml"] : [])];
    const first = this.last === undefined;
    this.last = now;
    if (!first && files.length === 0) return { number, files, outcome: "unchanged", problems: [], warnings: [], ms: { generate: 0, total: since(started) } };
    const specText = inputs.spec;

    let generated;
    try {
      generated = await generate({ root: this.root });
    } catch (error) {
      if (!(error instanceof SpecProblemsError)) throw error;
      const problems = error.problems.map((problem) => formatProblem(error.file, problem));
      return { number, files, outcome: "refused", problems, warnings: [], ms: { generate: since(started), total: since(started) } };
    }
    const generateMs = since(started);
    const warnings = generated.warnings.map((problem) => formatProblem("spec/openapi.yaml", problem));

    const timed = async <T>(step: () => Promise<T>): Promise<[T, number]> => {
      const from = performance.now();
      return [await step(), since(from)];
    };
    const [[diff, diffMs], [docs, docsMs]] = await Promise.all([
      timed(() => this.diff.run(specText ?? "")),
      timed(() => this.docs.run()),
    ]);
    return {
      number,
      files,
      outcome: "built",
      problems: [],
      warnings,
      diff,
      written: generated.written,
      operations: generated.operationCount,
      docs,
      ms: { generate: generateMs, diff: diffMs, docs: docsMs, total: since(started) },
    };
  }
}
