// Putting rendered files on disk atomically, and comparing them with what is there (the drift
// check). Both take the complete set of rendered files, so nothing is written from a half-run.

import { randomBytes } from "node:crypto";
import { mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";

/** File name (inside the output directory) → full contents. */
export type RenderedFiles = ReadonlyMap<string, string>;

export interface Drift {
  readonly file: string;
  readonly kind: "stale" | "missing" | "extra";
  /** For a stale file: the first changed region, as `-`/`+` lines with line numbers. */
  readonly excerpt: readonly string[];
}

/** Files directly in `dir` (not dot-files), or an empty map when `dir` does not exist. */
async function readDirectory(dir: string): Promise<Map<string, string>> {
  const names = await readdir(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return [];
    throw error;
  });
  const files = new Map<string, string>();
  for (const name of names.filter((entry) => !entry.startsWith(".")).sort()) {
    files.set(name, await readFile(join(dir, name), "utf8"));
  }
  return files;
}

/**
 * Differences between `rendered` and `dir`. A file in `dir` that the generator does not produce
 * counts as extra only when it starts with `header` (a leftover of an earlier run); anything else
 * there is not ours to judge.
 */
export async function findDrift(dir: string, rendered: RenderedFiles, header: string): Promise<Drift[]> {
  const existing = await readDirectory(dir);
  const drift: Drift[] = [];
  for (const [file, contents] of rendered) {
    const current = existing.get(file);
    if (current === undefined) drift.push({ file, kind: "missing", excerpt: [] });
    else if (current !== contents) drift.push({ file, kind: "stale", excerpt: changedLines(current, contents) });
  }
  for (const [file, contents] of existing) {
    if (!rendered.has(file) && contents.startsWith(header)) drift.push({ file, kind: "extra", excerpt: [] });
  }
  return drift;
}

/** The first region where `before` and `after` differ, at most `limit` lines each side. */
export function changedLines(before: string, after: string, limit = 3): string[] {
  const old = before.split("\n");
  const now = after.split("\n");
  let start = 0;
  while (start < old.length && start < now.length && old[start] === now[start]) start++;
  let oldEnd = old.length;
  let nowEnd = now.length;
  while (oldEnd > start && nowEnd > start && old[oldEnd - 1] === now[nowEnd - 1]) {
    oldEnd--;
    nowEnd--;
  }
  const show = (sign: string, lines: string[], from: number, to: number): string[] => {
    const shown = lines.slice(from, Math.min(to, from + limit)).map((line, i) => `${sign}${from + i + 1}: ${line}`);
    const hidden = to - from - shown.length;
    return hidden > 0 ? [...shown, `${sign}   … ${hidden} more line(s)`] : shown;
  };
  return [...show("-", old, start, oldEnd), ...show("+", now, start, nowEnd)];
}

/**
 * Writes every changed file to a temp file beside its target, then renames them all into place.
 * Nothing is renamed unless every temp file was written; a failure removes the temp files.
 * Unchanged files are left alone (their timestamps too). Returns the names written or removed.
 */
export async function writeAtomically(dir: string, rendered: RenderedFiles, header: string): Promise<string[]> {
  const drift = await findDrift(dir, rendered, header);
  if (drift.length === 0) return [];
  await mkdir(dir, { recursive: true });
  const suffix = `.${process.pid}-${randomBytes(4).toString("hex")}.tmp`;
  const changed = new Set(drift.filter((entry) => entry.kind !== "extra").map((entry) => entry.file));
  const writes = [...rendered]
    .filter(([name]) => changed.has(name))
    .map(([name, contents]) => ({ name, contents, temp: join(dir, `.${name}${suffix}`) }));
  try {
    await Promise.all(writes.map(({ temp, contents }) => writeFile(temp, contents, "utf8")));
    for (const { temp, name } of writes) await rename(temp, join(dir, name));
  } catch (error) {
    await Promise.all(writes.map(({ temp }) => rm(temp, { force: true })));
    throw error;
  }
  const extras = drift.filter((entry) => entry.kind === "extra").map((entry) => entry.file);
  await Promise.all(extras.map((file) => rm(join(dir, file))));
  return [...changed, ...extras];
}
