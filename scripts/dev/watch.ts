// Which saves start a build: files under spec/ and redocly.yaml at the project root. Editors do
// not write a file once: many write it twice (truncate, then write), or write a temporary file
// and rename it over the original, and each step is an event. So events are collected until
// none has come for `debounceMs`, and handed over as one save. Editors' scratch files (vim's
// `4913` and `.swp`, backups ending in `~`) are not saves.
//
// Directories are watched, not files, and without recursion: an atomic save replaces the file
// (a new inode), and a watch on the file itself, or Node 20's recursive watch on Linux (which
// watches each file), goes deaf after the first such save. The spec is one file (only local
// `$ref`s are followed), so spec/ itself is enough; redocly.yaml is watched through the root.

import { watch, type FSWatcher } from "node:fs";
import { join } from "node:path";

export interface SourceWatcher {
  close(): void;
}

const SCRATCH = /(^\.|~$|\.sw[a-p]$|^4913$|\.tmp$|\.crswap$)/;

/** Calls `onSave` with the changed files (relative to `root`, sorted) after each burst of events. */
export function watchSources(root: string, debounceMs: number, onSave: (files: readonly string[]) => void): SourceWatcher {
  const changed = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  const note = (file: string): void => {
    const name = file.split("/").pop() ?? file;
    if (SCRATCH.test(name)) return;
    changed.add(file);
    clearTimeout(timer);
    timer = setTimeout(() => {
      const files = [...changed].sort();
      changed.clear();
      onSave(files);
    }, debounceMs);
  };

  const watchers: FSWatcher[] = [
    watch(join(root, "spec"), (_event, name) => {
      if (name !== null) note(`spec/${name.toString()}`);
    }),
    watch(root, (_event, name) => {
      if (name?.toString() === "redocly.yaml") note("redocly.yaml");
    }),
  ];
  return {
    close() {
      clearTimeout(timer);
      for (const watcher of watchers) watcher.close();
    },
  };
}
