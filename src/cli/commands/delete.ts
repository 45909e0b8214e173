// admin-keys delete <id>: asks first on a terminal; elsewhere only with --yes.

import type { CommandContext } from "../context.js";
import { clean, keyName, relativeTime } from "../format.js";
import { jsonText } from "../json.js";
import { CliError, EXIT_USAGE } from "../report.js";
import { suggestedCommand } from "../suggest.js";

/**
 * `admin-keys delete <id>`: revokes a key, after asking on a terminal or with --yes.
 *
 * @example
 * ```ts
 * const code = await remove(commandContext(io, { yes: true }, ["key_abc"], COMMANDS.delete.usage));
 * ```
 */
export async function remove(context: CommandContext): Promise<number> {
  const { flags, io } = context;
  // Stryker disable next-line StringLiteral: run() refuses a delete without exactly one <id> before it gets here, so the default never applies; it only makes `id` a string for TypeScript
  const [id = ""] = context.positionals;
  // The ID as typed, fit for one line (an argument can hold a line break too).
  const shownId = clean(id);
  const keys = context.keys();
  if (flags["yes"] !== true) {
    if (!io.stdinIsTTY) {
      throw new CliError(`Not deleting ${shownId}: standard input is not a terminal, so nobody can confirm. Pass --yes to delete without asking.`, EXIT_USAGE);
    }
    // Show what is about to go, so the wrong key is not revoked by a typo.
    const key = await keys.retrieve(id);
    const answer = await io.prompt(`Delete admin key ${shownId} (${keyName(key)}, created ${relativeTime(key.created_at, io.now())})? This cannot be undone. [y/N] `);
    if (!/^y(es)?$/i.test(answer.trim())) {
      io.stderr(`Cancelled; ${shownId} was not deleted.\n`);
      return 1;
    }
  }
  const result = await keys.delete(id);
  const json = flags["json"] === true;
  if (json) io.stdout(`${jsonText(result, 2)}\n`);
  // The answer came from a server: only `deleted: true` says the key is gone.
  const deleted: unknown = result.deleted;
  if (deleted !== true) {
    const check = suggestedCommand(flags, ["get", id]);
    throw new CliError(`The server answered the delete of ${shownId} without confirming it (deleted: ${deleted === undefined ? "missing" : jsonText(deleted)}). See whether the key is still there with: ${check}`);
  }
  if (!json) io.stdout(`Deleted admin key ${clean(result.id)}.\n`);
  return 0;
}
