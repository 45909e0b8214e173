// admin-keys create: makes a key and prints its secret, once, saying so. The answer comes with
// the secret in `value` only (keys.ts hides it in any other field a server echoed it into), so
// printing `value` once prints it once.

import type { AdminApiKeyCreateParams } from "../../index.js";
import { UsageError, parseDuration, stringFlag } from "../args.js";
import type { CommandContext } from "../context.js";
import { clean, expiry, keyName } from "../format.js";
import { jsonText } from "../json.js";

/**
 * `admin-keys create --name <name>`: creates a key and prints its secret, once.
 *
 * @example
 * ```ts
 * const code = await create(commandContext(io, { name: "CI" }, [], COMMANDS.create.usage));
 * ```
 */
export async function create(context: CommandContext): Promise<number> {
  const { flags, io, usage } = context;
  const name = stringFlag(flags, "name");
  if (name === undefined) throw new UsageError("--name is required.", usage);
  const params: AdminApiKeyCreateParams = { name };
  const expiresIn = stringFlag(flags, "expires-in");
  if (expiresIn !== undefined) params.expires_in_seconds = parseDuration(expiresIn, usage);
  const created = await context.keys().create(params);
  if (flags["json"] === true) {
    io.stdout(`${jsonText(created, 2)}\n`);
    return 0;
  }
  const expires = created.expires_at === null ? "never expires" : `expires ${expiry(created.expires_at, io.now())}`;
  io.stdout(
    `Created admin key ${clean(created.id)} (${keyName(created)}); it ${expires}.\n\n` +
      `  ${clean(created.value)}\n\n` +
      "This is the key's secret. Store it now: it will not be shown again.\n",
  );
  return 0;
}
