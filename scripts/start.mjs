// npm start: runs the demo from dist/, compiling first when dist/ is missing or older than
// its sources. Plain Node on purpose, so it works straight after `npm ci` without tsx.
//
//   npm start                              local server, 250 keys, the full walk-through
//   npm start -- --base-url <url> [--yes]  the same against another server (OPENAI_ADMIN_KEY)

import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const OUTPUTS = ["dist/src/cli/main.js", "dist/src/index.js", "dist/src/testing/index.js"];
const INPUTS = ["src", "generated", "package.json", "tsconfig.json", "tsconfig.build.json"];

/** The newest modification time under a file or directory, in ms. */
function newest(path) {
  const stats = statSync(path);
  if (!stats.isDirectory()) return stats.mtimeMs;
  let latest = stats.mtimeMs;
  for (const entry of readdirSync(path)) latest = Math.max(latest, newest(join(path, entry)));
  return latest;
}

/** Why dist/ must be rebuilt, or null when it is current. */
function staleness() {
  const missing = OUTPUTS.find((output) => !existsSync(join(root, output)));
  if (missing !== undefined) return `${missing} is missing`;
  const built = Math.min(...OUTPUTS.map((output) => statSync(join(root, output)).mtimeMs));
  const changed = INPUTS.filter((input) => existsSync(join(root, input)) && newest(join(root, input)) > built);
  return changed.length > 0 ? `${changed.join(", ")} changed since the last build` : null;
}

const reason = staleness();
if (reason !== null) {
  console.error(`Building dist/ first (${reason}): npm run compile`);
  const npm = process.platform === "win32" ? "npm.cmd" : "npm";
  const build = spawnSync(npm, ["run", "--silent", "compile"], { cwd: root, stdio: "inherit", shell: process.platform === "win32" });
  if (build.status !== 0) {
    console.error("The build failed; fix the errors above and run npm start again.");
    process.exit(build.status ?? 1);
  }
}

const demo = spawnSync(process.execPath, [join(root, OUTPUTS[0]), "demo", ...process.argv.slice(2)], { cwd: root, stdio: "inherit" });
if (demo.signal !== null) process.kill(process.pid, demo.signal);
process.exit(demo.status ?? 1);
