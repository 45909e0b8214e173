// Asks the TypeScript checker whether a reported break changes what the generated types say.
// Both specs go through openapi-typescript (in memory, as `npm run generate` would), the two
// `schema.ts` land in one in-memory ts-morph Project, and for each finding a probe file names
// the same spot on both sides:
//
//   type At<T, K> = ...   // T[K] over a union, never when K is missing
//   export type P0 = Same<At<At<schema0.paths, "/organization/admin_api_keys">, "get">...,
//                         At<At<schema1.paths, "/organization/admin_api_keys">, "get">...>;
//
// When the two are the same type, the break is invisible to the compiler: "spec-only".
// Everything is batched so that one Project and one checker serve every finding. The standard
// library is replaced by the dozen declarations generated types use: loading lib.es5 alone
// would cost ~1 s of a ~2.5 s run; if the generated code ever needs more, the diagnostics say
// so and the run is repeated with the real lib.

import type * as OpenapiTypescript from "openapi-typescript";
import type * as TsMorph from "ts-morph";
import { requireCommonJs } from "../require-commonjs.js";
import type { JsonObject } from "../spec/json-value.js";
import type { TypeProbe, TypeStep } from "./findings.js";

export interface ConfirmJob {
  readonly before: JsonObject;
  readonly after: JsonObject;
  readonly probes: readonly TypeProbe[];
}

const MINI_LIB = `
interface Array<T> { length: number; [n: number]: T }
interface ReadonlyArray<T> { readonly length: number; readonly [n: number]: T }
interface Boolean {}
interface CallableFunction {}
interface Function {}
interface IArguments {}
interface NewableFunction {}
interface Number {}
interface Object {}
interface RegExp {}
interface String {}
type PropertyKey = string | number | symbol;
type Record<K extends keyof any, T> = { [P in K]: T };
type Partial<T> = { [P in keyof T]?: T[P] };
type Required<T> = { [P in keyof T]-?: T[P] };
type Readonly<T> = { readonly [P in keyof T]: T[P] };
type Pick<T, K extends keyof T> = { [P in K]: T[P] };
type Exclude<T, U> = T extends U ? never : T;
type Extract<T, U> = T extends U ? T : never;
type Omit<T, K extends keyof any> = Pick<T, Exclude<keyof T, K>>;
type NonNullable<T> = T & {};
`;

const HELPERS = `
type At<T, K extends PropertyKey> = T extends unknown ? (K extends keyof T ? T[K] : never) : never;
type Items<T> = T extends readonly (infer I)[] ? I : never;
// The checker's identity relation: unlike assignability, it tells { a?: string } from { b?: string }.
type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
`;

/**
 * For each job and each probe: true when the generated types differ at that spot.
 * Throws when openapi-typescript cannot generate types for one of the documents.
 */
export async function typesDiffer(jobs: readonly ConfirmJob[]): Promise<boolean[][]> {
  // Required here, only once a break needs confirming: most comparisons find none.
  const { default: openapiTS, astToString } = requireCommonJs("openapi-typescript") as typeof OpenapiTypescript;
  const { Project } = requireCommonJs("ts-morph") as typeof TsMorph;

  // The same document (the base, in a catalogue of mutations) is generated once.
  const generated = new Map<JsonObject, string>();
  const sources = new Map<string, string>();
  async function moduleFor(document: JsonObject): Promise<string> {
    let source = generated.get(document);
    if (source === undefined) {
      // As JSON text: openapi-typescript may annotate an object it is given, and this one is
      // shared. Silent: what it cannot generate comes back as the error, not on the console.
      source = astToString(await openapiTS(JSON.stringify(document), { silent: true }));
      generated.set(document, source);
    }
    const known = sources.get(source);
    if (known !== undefined) return known;
    const name = `schema${sources.size}`;
    sources.set(source, name);
    return name;
  }

  const lines: string[] = [HELPERS];
  const names: string[][] = [];
  for (const [jobIndex, job] of jobs.entries()) {
    const beforeModule = await moduleFor(job.before);
    const afterModule = await moduleFor(job.after);
    names.push(
      job.probes.map((probe, probeIndex) => {
        const name = `P${jobIndex}_${probeIndex}`;
        lines.push(`export type ${name} = Same<${expression(beforeModule, probe.before)}, ${expression(afterModule, probe.after)}>;`);
        return name;
      }),
    );
  }
  for (const name of sources.values()) lines.unshift(`import type * as ${name} from "./${name}";`);

  for (const lib of ["mini", "es5"] as const) {
    const project = new Project({
      useInMemoryFileSystem: true,
      compilerOptions: {
        strict: true,
        skipLibCheck: true,
        noEmit: true,
        target: 9 /* ES2022 */,
        module: 99 /* ESNext */,
        moduleResolution: 100 /* Bundler */,
        ...(lib === "mini" ? { noLib: true } : { lib: ["lib.es5.d.ts"] }),
      },
    });
    if (lib === "mini") project.createSourceFile("/lib.d.ts", MINI_LIB);
    for (const [source, name] of sources) project.createSourceFile(`/${name}.ts`, source);
    const probeFile = project.createSourceFile("/probes.ts", lines.join("\n"));
    const problems = project.getPreEmitDiagnostics();
    if (problems.length === 0) {
      return names.map((jobNames) => jobNames.map((name) => probeFile.getTypeAliasOrThrow(name).getType().getText() !== "true"));
    }
    if (lib === "es5") {
      const first = problems.slice(0, 3).map((problem) => project.formatDiagnosticsWithColorAndContext([problem]));
      throw new Error(`the generated types do not type-check:\n${first.join("\n")}`);
    }
  }
  throw new Error("internal: unreachable");
}

function expression(file: string, steps: readonly TypeStep[]): string {
  const [root, ...rest] = steps;
  let type = `${file}.${String(root)}`;
  for (const step of rest) {
    if (typeof step === "object") type = `Items<${type}>`;
    else type = `At<${type}, ${typeof step === "number" ? step : JSON.stringify(step)}>`;
  }
  return type;
}
