// The two consumer projects of a size, next to its generated code: `consumer-ours/` with the
// declarations a package build would give a consumer of generated/, and `consumer-reference/`
// with bare openapi-typescript's output. The declarations come from TypeScript's
// transpileDeclaration, which needs no type check: tsc's own declaration emit type-checks
// generated/client.ts first, which at 2,000 operations takes over 30 s, a cost of building the
// package, not of consuming it. Both give the same declarations but for `operationConstraints`
// (typed `Record<string, OperationConstraints>` instead of its literal type), which the
// consumer does not use.

import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type * as TypeScript from "typescript";
import { requireCommonJs } from "../../scripts/require-commonjs.js";
import { CONSUMER_TSCONFIG, oursConsumer, referenceConsumer } from "./consumers.js";

const ts = requireCommonJs("typescript") as typeof TypeScript;

/** Declarations of generated/<file>.ts, as a package build would ship them. */
function declarations(source: string, fileName: string): string {
  return ts.transpileDeclaration(source, {
    fileName,
    compilerOptions: { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, target: ts.ScriptTarget.ES2022, strict: true },
  }).outputText;
}

/** Writes both consumer projects of the size in `dir`; `referenceSchema` is openapi-typescript's output. */
export function writeConsumers(dir: string, operations: number, referenceSchema: string): { ours: string; reference: string } {
  const ours = join(dir, "consumer-ours");
  const reference = join(dir, "consumer-reference");
  mkdirSync(join(ours, "generated"), { recursive: true });
  mkdirSync(reference, { recursive: true });
  for (const file of ["client", "schema"]) {
    const source = readFileSync(join(dir, "generated", `${file}.ts`), "utf8");
    writeFileSync(join(ours, "generated", `${file}.d.ts`), declarations(source, `${file}.ts`));
  }
  copyFileSync(referenceSchema, join(reference, "schema.d.ts"));
  const tsconfig = `${JSON.stringify(CONSUMER_TSCONFIG, null, 2)}\n`;
  writeFileSync(join(ours, "consumer.ts"), oursConsumer(operations));
  writeFileSync(join(reference, "consumer.ts"), referenceConsumer(operations));
  writeFileSync(join(ours, "tsconfig.json"), tsconfig);
  writeFileSync(join(reference, "tsconfig.json"), tsconfig);
  return { ours, reference };
}
