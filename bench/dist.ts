// The figures that run the package as users do (in a plain Node process, from dist/) need dist/
// built from the current sources: compile it first when it is missing or older than them.

import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./harness.js";

const OUTPUTS = ["dist/src/index.js", "dist/src/cli/main.js", "dist/src/testing/index.js", "dist/generated/schema.d.ts"];
const INPUTS = ["src", "generated", "package.json", "tsconfig.json", "tsconfig.build.json"];

function newest(path: string): number {
  const stats = statSync(path);
  if (!stats.isDirectory()) return stats.mtimeMs;
  let latest = stats.mtimeMs;
  for (const entry of readdirSync(path)) latest = Math.max(latest, newest(join(path, entry)));
  return latest;
}

/** Why dist/ must be rebuilt, or null when it is current. */
function staleness(): string | null {
  const missing = OUTPUTS.find((output) => !existsSync(join(ROOT, output)));
  if (missing !== undefined) return `${missing} is missing`;
  const built = Math.min(...OUTPUTS.map((output) => statSync(join(ROOT, output)).mtimeMs));
  const changed = INPUTS.filter((input) => existsSync(join(ROOT, input)) && newest(join(ROOT, input)) > built);
  return changed.length > 0 ? `${changed.join(", ")} changed since the last build` : null;
}

/** Runs `npm run compile` when dist/ is missing or stale; throws when the build fails. */
export function ensureDist(): void {
  const reason = staleness();
  if (reason === null) return;
  console.error(`Building dist/ first (${reason}): npm run compile`);
  const npm = process.platform === "win32" ? "npm.cmd" : "npm";
  const build = spawnSync(npm, ["run", "--silent", "compile"], { cwd: ROOT, stdio: "inherit" });
  if (build.status !== 0) throw new Error(`npm run compile failed (exit ${build.status})`);
}
