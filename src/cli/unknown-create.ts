// What `create` says after a create whose outcome is unknown (a 5xx, a timeout, a connection that
// broke): the key may exist with nobody holding its secret, so it looks for the keys of that name
// created while the attempt ran (the library's findKeysFromUnknownCreate) and prints each with the
// command that deletes it. On stderr, as the failure it is; with --json also as JSON on stdout.

import type { AdminApiKey, CreateAttempt } from "../index.js";
import type { CommandContext } from "./context.js";
import { absoluteTime, clean } from "./format.js";
import { jsonText } from "./json.js";
import type { CliKeys } from "./keys.js";
import { EXIT_FAILURE, describeFailure } from "./report.js";
import { suggestedCommand } from "./suggest.js";

/**
 * Reports a create whose outcome is unknown and the keys it may have made; returns exit code 1.
 *
 * @example
 * ```ts
 * if (createOutcomeUnknown(error)) return explainUnknownCreate(context, keys, error, { name, startedAt, endedAt: Date.now() });
 * ```
 */
export async function explainUnknownCreate(context: CommandContext, keys: CliKeys, error: unknown, attempt: CreateAttempt): Promise<number> {
  const { io, flags } = context;
  const json = flags["json"] === true;
  const name = clean(JSON.stringify(attempt.name));
  io.stderr(`error: ${describeFailure(error)}\n`);
  io.stderr(`The create's outcome is unknown: a key named ${name} may exist, and nobody holds its secret.\n`);
  let found: AdminApiKey[];
  try {
    found = await keys.findFromUnknownCreate(attempt);
  } catch (thrown) {
    io.stderr(`Listing the keys to look for it failed too: ${describeFailure(thrown)}\n`);
    io.stderr(`Look for it, newest first, with: ${suggestedCommand(flags, ["list", "--all", "--order", "desc"])}\n`);
    if (json) io.stdout(`${jsonText({ outcome: "unknown", possible_duplicates: null }, 2)}\n`);
    return EXIT_FAILURE;
  }
  if (found.length === 0) {
    io.stderr(`No key named ${name} was created while it ran, so none seems to have been made: creating it again is safe.\n`);
  } else {
    io.stderr(
      found.length === 1
        ? `This key was created while it ran, with that name; unless someone else made it, it is the one, and nobody holds its secret:\n`
        : `These keys were created while it ran, with that name; nobody holds the secret of the one it made:\n`,
    );
    for (const key of found) io.stderr(`  ${clean(key.id)}  created ${absoluteTime(key.created_at)}  to delete it: ${suggestedCommand(flags, ["delete", key.id, "--yes"])}\n`);
  }
  if (json) {
    const duplicates = found.map((key) => ({ id: key.id, name: key.name ?? null, created_at: key.created_at }));
    io.stdout(`${jsonText({ outcome: "unknown", possible_duplicates: duplicates }, 2)}\n`);
  }
  return EXIT_FAILURE;
}
