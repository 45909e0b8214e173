// A temporary folder for one test file: made when the file loads, removed after its tests, with
// a new path in it for each test that needs a file of its own.

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll } from "vitest";

export interface TempFolder {
  /** The folder itself. */
  readonly path: string;
  /** A path in the folder that no earlier call gave: `<stem>-<n><extension>`. Nothing is created there. */
  fresh(stem?: string, extension?: string): string;
}

/**
 * Makes a folder named after `prefix` under the system's temporary folder, to be removed once the
 * test file's tests have run; `fresh()` names `state-1.json`, `state-2.json`… with the defaults given.
 */
export function tempFolder(prefix: string, defaults: { readonly stem: string; readonly extension: string }): TempFolder {
  const path = mkdtempSync(join(tmpdir(), prefix));
  afterAll(() => rmSync(path, { recursive: true, force: true }));
  let made = 0;
  return { path, fresh: (stem = defaults.stem, extension = defaults.extension) => join(path, `${stem}-${++made}${extension}`) };
}
