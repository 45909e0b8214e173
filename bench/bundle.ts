// Figure 4 — bundle size: each contender's small program (programs.ts: list every key, retrieve
// one) bundled by esbuild, minified, platform neutral, as ESM; bytes and gzip bytes. Sizes are
// deterministic, so each is built once; the largest inputs of each bundle are kept in the JSON.

import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { CONTENDERS, type Contender, type Figure, int, OURS, ratio, REFERENCE, SDK, verdict } from "./harness.js";
import { BUNDLE_PROGRAMS, slug, VALIDATING_PROGRAM, writeWorkFile } from "./programs.js";

/** The row of ours with `validateResponses` on, which imports the generated validators. */
const OURS_VALIDATING = "openai-admin-keys + validate-responses";
/** Text only the generated validators hold: ajv's message for a missing required property. */
const VALIDATOR_MARK = "must have required property";

/** Ours must be smaller than this share of the SDK's bundle, raw and gzipped. */
const TARGET_VS_SDK = 0.2;

interface BundleSize {
  readonly bytes: number;
  readonly gzipBytes: number;
  /** Whether the output holds validator code (see VALIDATOR_MARK). */
  readonly hasValidators: boolean;
  /** The inputs that contribute most, as `path: bytes in the output`. */
  readonly largestInputs: Record<string, number>;
}

async function bundle(name: string, program: string): Promise<BundleSize> {
  const entry = writeWorkFile(program, "bundle", `${slug(name)}.ts`);
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    platform: "neutral",
    format: "esm",
    write: false,
    metafile: true,
    logLevel: "silent",
  });
  const [output] = result.outputFiles;
  if (!output) throw new Error(`esbuild produced no output for ${name}`);
  const inputs = Object.values(result.metafile.outputs)[0]?.inputs ?? {};
  const largest = Object.entries(inputs)
    .map(([path, { bytesInOutput }]) => [path.replace(/^.*node_modules\//, ""), bytesInOutput] as const)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 8);
  return {
    bytes: output.contents.byteLength,
    gzipBytes: gzipSync(output.contents, { level: 9 }).byteLength,
    hasValidators: output.text.includes(VALIDATOR_MARK),
    largestInputs: Object.fromEntries(largest),
  };
}

export async function bundleFigure(): Promise<Figure> {
  const sizes = new Map<Contender, BundleSize>();
  for (const contender of CONTENDERS) sizes.set(contender, await bundle(contender, BUNDLE_PROGRAMS[contender]));
  const validating = await bundle(OURS_VALIDATING, VALIDATING_PROGRAM);
  const of = (contender: Contender): BundleSize => {
    const size = sizes.get(contender);
    if (!size) throw new Error(`no bundle for ${contender}`);
    return size;
  };
  const ours = of(OURS);
  const sdk = of(SDK);
  const oursVerdict = verdict([
    { ok: ours.bytes < sdk.bytes * TARGET_VS_SDK, text: `${ratio(ours.bytes / sdk.bytes)} the SDK's bytes (< ${TARGET_VS_SDK}×)` },
    { ok: ours.gzipBytes < sdk.gzipBytes * TARGET_VS_SDK, text: `${ratio(ours.gzipBytes / sdk.gzipBytes)} its gzip bytes` },
    { ok: !ours.hasValidators, text: ours.hasValidators ? "validators bundled though validation is off" : "no validator bundled (validation off)" },
  ]);
  const validatingVerdict = verdict([
    { ok: validating.hasValidators, text: validating.hasValidators ? "the validators are in" : "the validators are missing" },
  ]);
  const row = (name: string, size: BundleSize, remark: string): string[] => [
    name,
    int(size.bytes),
    int(size.gzipBytes),
    ratio(size.bytes / sdk.bytes),
    ratio(size.gzipBytes / sdk.gzipBytes),
    remark,
  ];
  return {
    id: "bundle",
    title: "4. bundle size of a program that lists and retrieves",
    notes: [
      "esbuild --bundle --minify --platform=neutral --format=esm of the program in bench/programs.ts (written to .tmp/bench/bundle/); gzip at level 9.",
      `The last row is ours with validateResponses on (import "openai-admin-keys/validate-responses"); "validator bundled" looks for ajv's message text "${VALIDATOR_MARK}" in the output.`,
      "Sizes are deterministic: one build each.",
    ],
    header: ["contender", "bytes", "gzip bytes", "× SDK (bytes)", "× SDK (gzip)", "verdict"],
    rows: [
      ...CONTENDERS.map((contender) => row(contender, of(contender), contender === OURS ? oursVerdict : contender === REFERENCE ? "reference" : "")),
      row(OURS_VALIDATING, validating, `${validatingVerdict}; +${int(validating.gzipBytes - ours.gzipBytes)} gzip bytes for validation`),
    ],
    data: { contenders: { ...Object.fromEntries(sizes), [OURS_VALIDATING]: validating }, verdict: oursVerdict },
  };
}
