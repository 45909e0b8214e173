// admin-keys get <id>: one key, as details or JSON.

import type { CommandContext } from "../context.js";
import { keyDetails } from "../format.js";
import { jsonText } from "../json.js";

/**
 * `admin-keys get <id>`: prints one key's fields, or the key as JSON.
 *
 * @example
 * ```ts
 * const code = await get(commandContext(io, { json: true }, ["key_abc"], COMMANDS.get.usage));
 * ```
 */
export async function get(context: CommandContext): Promise<number> {
  // Stryker disable next-line StringLiteral: parseCommandLine runs get only with exactly one positional (its spec's <id>), so the default never applies; it only makes `id` a string for TypeScript
  const [id = ""] = context.positionals;
  const key = await context.keys().retrieve(id);
  context.io.stdout(context.flags["json"] === true ? `${jsonText(key, 2)}\n` : keyDetails(key, context.io.now()));
  return 0;
}
