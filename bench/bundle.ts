// Figure 4 — bundle size: each contender's small program (programs.ts: list every key, retrieve
// one) bundled by esbuild, minified, platform neutral, as ESM; bytes and gzip bytes. Sizes are
// deterministic, so each is built once; the largest inputs of each bundle are kept in the JSON.

import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { CONTENDERS, type Contender, type Figure, int, OURS, ratio, REFERENCE, SDK, verdict } from "./harness.js";
import { BUNDLE_PROGRAMS, slug, writeWorkFile } from "./programs.js";

/** Ours must be smaller than this share of the SDK's bundle, raw and gzipped. */
const TARGET_VS_SDK = 0.2;

interface BundleSize {
  readonly bytes: number;
  readonly gzipBytes: number;
  /** The inputs that contribute most, as `path: bytes in the output`. */
  readonly largestInputs: Record<string, number>;
}

async function bundle(contender: Contender): Promise<BundleSize> {
  const entry = writeWorkFile(BUNDLE_PROGRAMS[contender], "bundle", `${slug(contender)}.ts`);
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
  if (!output) throw new Error(`esbuild produced no output for ${contender}`);
  const inputs = Object.values(result.metafile.outputs)[0]?.inputs ?? {};
  const largest = Object.entries(inputs)
    .map(([path, { bytesInOutput }]) => [path.replace(/^.*node_modules\//, ""), bytesInOutput] as const)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 8);
  return { bytes: output.contents.byteLength, gzipBytes: gzipSync(output.contents, { level: 9 }).byteLength, largestInputs: Object.fromEntries(largest) };
}

export async function bundleFigure(): Promise<Figure> {
  const sizes = new Map<Contender, BundleSize>();
  for (const contender of CONTENDERS) sizes.set(contender, await bundle(contender));
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
  ]);
  return {
    id: "bundle",
    title: "4. bundle size of a program that lists and retrieves",
    notes: [
      "esbuild --bundle --minify --platform=neutral --format=esm of the program in bench/programs.ts (written to .tmp/bench/bundle/); gzip at level 9.",
      "Sizes are deterministic: one build each.",
    ],
    header: ["contender", "bytes", "gzip bytes", "× SDK (bytes)", "× SDK (gzip)", "verdict"],
    rows: CONTENDERS.map((contender) => {
      const size = of(contender);
      return [
        contender,
        int(size.bytes),
        int(size.gzipBytes),
        ratio(size.bytes / sdk.bytes),
        ratio(size.gzipBytes / sdk.gzipBytes),
        contender === OURS ? oursVerdict : contender === REFERENCE ? "reference" : "",
      ];
    }),
    data: { contenders: Object.fromEntries(sizes), verdict: oursVerdict },
  };
}
