// Earlier versions of this package, built from git, for the rows that show what a change cost:
// each commit's tree is extracted (git archive, so the repository's own worktree list is left
// alone) under .tmp/bench/versions/<commit>/, given this checkout's node_modules, and compiled
// with that commit's own `npm run compile`. Built once; later runs reuse the build.

import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./harness.js";

/** A commit worth comparing with, and what changed after it. */
export interface EarlierVersion {
  readonly commit: string;
  /** The row's name in a table. */
  readonly label: string;
}

/**
 * The client before the hardening, with the Request stand-in and two openapi-fetch clients
 * (issue 11 replaced them with openapi-fetch's public options), and the client just before every
 * method returned an APIPromise (issue 12), to show what the plain `await` path pays for it.
 */
export const EARLIER_VERSIONS = {
  standIn: { commit: "e2f025a", label: "openai-admin-keys @e2f025a (Request stand-in)" },
  beforeApiPromise: { commit: "9e2b18e", label: "openai-admin-keys @9e2b18e (before APIPromise)" },
} as const satisfies Record<string, EarlierVersion>;

/** The built package root (`dist/src/index.js`) of `version`, or undefined when it cannot be had. */
export function builtVersion(version: EarlierVersion): string | undefined {
  const dir = join(ROOT, ".tmp", "bench", "versions", version.commit);
  const entry = join(dir, "dist", "src", "index.js");
  if (existsSync(entry)) return entry;
  // A shallow clone may not have the commit: then the row is left out, and the figure says so.
  if (spawnSync("git", ["cat-file", "-e", `${version.commit}^{commit}`], { cwd: ROOT }).status !== 0) return undefined;
  mkdirSync(dir, { recursive: true });
  const archive = spawnSync("sh", ["-c", `git archive ${version.commit} | tar -x -C "${dir}"`], { cwd: ROOT, stdio: "inherit" });
  if (archive.status !== 0) return undefined;
  if (!existsSync(join(dir, "node_modules"))) symlinkSync(join(ROOT, "node_modules"), join(dir, "node_modules"), "dir");
  console.error(`Building ${version.label} in ${dir} for comparison`);
  const build = spawnSync("npm", ["run", "--silent", "compile"], { cwd: dir, stdio: "inherit" });
  return build.status === 0 && existsSync(entry) ? entry : undefined;
}
