// admin-keys get <id>: one key, as details or JSON.

import type { CommandContext } from "../context.js";
import { keyDetails } from "../format.js";

export async function get(context: CommandContext): Promise<number> {
  const [id = ""] = context.positionals;
  const key = await context.client().adminApiKeys.retrieve(id);
  context.io.stdout(context.flags["json"] === true ? `${JSON.stringify(key, null, 2)}\n` : keyDetails(key, context.io.now()));
  return 0;
}
