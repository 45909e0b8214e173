// After `tsc` has compiled src/ and generated/ to dist/: bundle the package root into one file,
// then remove every compiled .js file that no entry point reaches any more. One file loads
// faster than eleven (Node 20's loader costs about 0.7 ms a file), and the tarball holds only
// what runs. The .d.ts files stay as tsc wrote them.
import { chmodSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { build } from "esbuild";

const root = resolve(import.meta.dirname, "..");
const dist = join(root, "dist");
const manifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));

await build({
  entryPoints: [join(root, "src/index.ts")],
  outfile: join(dist, "src/index.js"),
  bundle: true,
  format: "esm",
  platform: "node",
  target: "node20",
  packages: "external",
  allowOverwrite: true,
  logLevel: "warning",
});

/** The .js files of dist/ that the package's exports and bin can load. */
function reachable() {
  const entries = [
    ...Object.values(manifest.exports).flatMap((target) => (typeof target === "object" ? [target.import, target.default] : [])),
    ...Object.values(manifest.bin),
  ].filter((path) => typeof path === "string" && path.endsWith(".js"));
  const seen = new Set();
  const pending = entries.map((path) => join(root, path));
  while (pending.length > 0) {
    const file = pending.pop();
    if (seen.has(file)) continue;
    seen.add(file);
    const source = readFileSync(file, "utf8");
    for (const [, specifier] of source.matchAll(/(?:from|import)\s*\(?\s*["'](\.{1,2}\/[^"']+)["']/g)) {
      pending.push(resolve(dirname(file), specifier));
    }
  }
  return seen;
}

function* jsFiles(folder) {
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) yield* jsFiles(path);
    else if (entry.name.endsWith(".js")) yield path;
  }
}

const keep = reachable();
const removed = [...jsFiles(dist)].filter((file) => !keep.has(file));
for (const file of removed) rmSync(file);
console.log(`dist/src/index.js bundled; ${removed.length} compiled files it replaced removed (${removed.map((file) => relative(dist, file)).join(", ")}).`);

// tsc writes files without the executable bit; a bin run directly (npx in this repository, or
// ./dist/src/cli/main.js) needs it. npm sets it on install, but a build must not depend on that.
for (const bin of Object.values(manifest.bin)) chmodSync(join(root, bin), 0o755);
