// admin-keys create: makes a key and hands its secret over once: printed, or with --secret-file
// written to a file (mode 0600, never overwriting) and printed nowhere. The answer comes with the
// secret in `value` only (keys.ts hides it in any other field a server echoed it into), so
// printing `value` once prints it once. A create whose outcome is unknown is followed by a search
// for the key it may have made (unknown-create.ts).

import { type AdminApiKeyCreateParams, type AdminApiKeyCreateResponse, createOutcomeUnknown } from "../../index.js";
import { UsageError, parseDuration, stringFlag } from "../args.js";
import type { CommandContext } from "../context.js";
import { clean, expiry, keyName } from "../format.js";
import { jsonText } from "../json.js";
import { CliError } from "../report.js";
import { checkSecretFileTarget, writeSecretFile } from "../secret-file.js";
import { suggestedCommand } from "../suggest.js";
import { explainUnknownCreate } from "../unknown-create.js";

/**
 * `admin-keys create --name <name>`: creates a key and prints its secret, once, or writes it to
 * --secret-file.
 *
 * @example
 * ```ts
 * const code = await create(commandContext(io, { name: "CI", "secret-file": "ci.key" }, [], COMMANDS.create.usage));
 * ```
 */
export async function create(context: CommandContext): Promise<number> {
  const { flags, io, usage } = context;
  const name = stringFlag(flags, "name");
  if (name === undefined) throw new UsageError("--name is required.", usage);
  const params: AdminApiKeyCreateParams = { name };
  const expiresIn = stringFlag(flags, "expires-in");
  if (expiresIn !== undefined) params.expires_in_seconds = parseDuration(expiresIn, usage);
  const secretFile = stringFlag(flags, "secret-file");
  // Checked first: refusing the file once the key exists would leave a key whose secret nobody has.
  const target = secretFile === undefined ? undefined : await checkSecretFileTarget(secretFile);
  const keys = context.keys();

  // The real clock, not io.now(): the window is compared with the server's created_at.
  const startedAt = Date.now();
  let created: AdminApiKeyCreateResponse;
  try {
    created = await keys.create(params);
  } catch (error) {
    if (!createOutcomeUnknown(error)) throw error;
    return explainUnknownCreate(context, keys, error, { name, startedAt, endedAt: Date.now() });
  }

  // From a server, so checked: an answer without a secret leaves a key that nobody can use.
  if (typeof created.value !== "string" || created.value === "") {
    const remove = suggestedCommand(flags, ["delete", created.id, "--yes"]);
    throw new CliError(`Created admin key ${clean(created.id)}, but the server's answer holds no secret (no "value"), so nobody holds it. Delete the key with: ${remove}`);
  }
  if (target !== undefined) {
    try {
      await writeSecretFile(target, created.value);
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      const remove = suggestedCommand(flags, ["delete", created.id, "--yes"]);
      throw new CliError(`Created admin key ${clean(created.id)}, but nobody holds its secret: ${why} Delete the key with: ${remove}`);
    }
  }
  if (flags["json"] === true) {
    const { value, ...key } = created;
    io.stdout(`${jsonText(target === undefined ? { ...key, value } : { ...key, secret_file: target }, 2)}\n`);
    return 0;
  }
  const expires = created.expires_at === null ? "never expires" : `expires ${expiry(created.expires_at, io.now())}`;
  const headline = `Created admin key ${clean(created.id)} (${keyName(created)}); it ${expires}.\n`;
  if (target !== undefined) {
    io.stdout(`${headline}Its secret was written to ${clean(target)} (mode 0600); it is not shown.\n`);
    return 0;
  }
  io.stdout(`${headline}\n  ${clean(created.value)}\n\nThis is the key's secret. Store it now: it will not be shown again.\n`);
  return 0;
}
