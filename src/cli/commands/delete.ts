// admin-keys delete <id>: asks first on a terminal; elsewhere only with --yes.

import type { CommandContext } from "../context.js";
import { keyName, relativeTime } from "../format.js";
import { CliError, EXIT_USAGE } from "../report.js";

export async function remove(context: CommandContext): Promise<number> {
  const { flags, io } = context;
  const [id = ""] = context.positionals;
  const client = context.client();
  if (flags["yes"] !== true) {
    if (!io.stdinIsTTY) {
      throw new CliError(`Not deleting ${id}: standard input is not a terminal, so nobody can confirm. Pass --yes to delete without asking.`, EXIT_USAGE);
    }
    // Show what is about to go, so the wrong key is not revoked by a typo.
    const key = await client.adminApiKeys.retrieve(id);
    const answer = await io.prompt(`Delete admin key ${id} (${keyName(key)}, created ${relativeTime(key.created_at, io.now())})? This cannot be undone. [y/N] `);
    if (!/^y(es)?$/i.test(answer.trim())) {
      io.stderr(`Cancelled; ${id} was not deleted.\n`);
      return 1;
    }
  }
  const result = await client.adminApiKeys.delete(id);
  io.stdout(flags["json"] === true ? `${JSON.stringify(result, null, 2)}\n` : `Deleted admin key ${result.id}.\n`);
  return 0;
}
