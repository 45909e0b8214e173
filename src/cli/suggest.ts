// The commands the CLI suggests (to delete a possible duplicate, to finish or undo a rotation),
// written so that they can be pasted: the same --base-url and --allow-insecure-http as the run
// that suggests them, and every word quoted for a POSIX shell where it needs to be.

import { type Flags, stringFlag } from "./args.js";
import { clean } from "./format.js";

/** A word a POSIX shell reads as itself. */
const PLAIN_WORD = /^[\w@%+=:,./-]+$/;

/**
 * `word` quoted for a POSIX shell when it needs to be: `ci key` → `'ci key'`, `it's` → `'it'\''s'`.
 *
 * @example
 * ```ts
 * shellWord("CI pipeline"); // "'CI pipeline'"
 * ```
 */
export function shellWord(word: string): string {
  return PLAIN_WORD.test(word) ? word : `'${word.replaceAll("'", "'\\''")}'`;
}

/**
 * `admin-keys <words…>` with the connection flags of this run, fit for one line of output.
 *
 * @example
 * ```ts
 * suggestedCommand(flags, ["delete", "key_abc", "--yes"]); // "admin-keys delete key_abc --yes --base-url http://127.0.0.1:4010/v1"
 * ```
 */
export function suggestedCommand(flags: Flags, words: readonly string[]): string {
  const baseUrl = stringFlag(flags, "base-url");
  const connection = [...(baseUrl === undefined ? [] : ["--base-url", baseUrl]), ...(flags["allow-insecure-http"] === true ? ["--allow-insecure-http"] : [])];
  return clean(["admin-keys", ...words, ...connection].map(shellWord).join(" "));
}
