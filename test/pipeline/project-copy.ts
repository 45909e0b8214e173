// A throw-away copy of the project for pipeline tests: the spec, the scripts, redocly.yaml,
// generated/, tsconfig and package.json are copied; node_modules is a symlink. Tests break the
// copy's spec and run the real commands in it, so the working tree is never touched.

import { execFile } from "node:child_process";
import { cp, mkdtemp, readdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

export const ROOT = resolve(import.meta.dirname, "../..");
const COPIED = ["spec", "scripts", "generated", "redocly.yaml", "tsconfig.json", "package.json"];

export interface ProjectCopy {
  readonly dir: string;
  readSpec(): Promise<string>;
  writeSpec(text: string): Promise<void>;
  /** Every file in generated/, name → bytes. */
  snapshotGenerated(): Promise<Map<string, Buffer>>;
  /** Runs a project script with tsx in the copy (cwd = the copy), like `npm run` would. */
  run(script: string, args?: readonly string[]): Promise<RunResult>;
  remove(): Promise<void>;
}

export interface RunResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export async function copyProject(): Promise<ProjectCopy> {
  const dir = await mkdtemp(join(tmpdir(), "admin-keys-pipeline-"));
  await Promise.all(COPIED.map((entry) => cp(join(ROOT, entry), join(dir, entry), { recursive: true })));
  await symlink(join(ROOT, "node_modules"), join(dir, "node_modules"), "dir");
  const specPath = join(dir, "spec/openapi.yaml");
  return {
    dir,
    readSpec: () => readFile(specPath, "utf8"),
    writeSpec: (text) => writeFile(specPath, text),
    snapshotGenerated: () => snapshot(join(dir, "generated")),
    run: (script, args = []) => runTsx(dir, script, args),
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}

export async function snapshot(dir: string): Promise<Map<string, Buffer>> {
  const names = (await readdir(dir)).sort();
  const files = new Map<string, Buffer>();
  for (const name of names) files.set(name, await readFile(join(dir, name)));
  return files;
}

/** Runs a TypeScript project script with tsx in `cwd`, as `npm run <script>` would. */
export function runTsx(cwd: string, script: string, args: readonly string[]): Promise<RunResult> {
  return runNode(cwd, join(ROOT, "node_modules/tsx/dist/cli.mjs"), [script, ...args]);
}

/** Runs a JavaScript file with this Node in `cwd`; resolves with its exit code and output. */
export function runNode(cwd: string, file: string, args: readonly string[]): Promise<RunResult> {
  return new Promise((done) => {
    execFile(process.execPath, [file, ...args], { cwd, encoding: "utf8", timeout: 90_000 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === "number" ? error.code : -1;
      done({ code, stdout, stderr });
    });
  });
}

/** The 1-based line of the first line of `text` that contains `needle` (after line `after`). */
export function lineOf(text: string, needle: string, after = 0): number {
  const index = text.split("\n").findIndex((line, i) => i >= after && line.includes(needle));
  if (index < 0) throw new Error(`test setup: "${needle}" not found in the spec`);
  return index + 1;
}
