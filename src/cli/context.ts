// What a command gets to work with: its parsed flags, the world (io, already wrapped in the output
// sink) and the admin keys API, built on demand from OPENAI_ADMIN_KEY, --base-url and
// --allow-insecure-http, that hides the admin key in every answer (keys.ts).

import { createAdminKeysClient } from "../index.js";
import { type Flags, stringFlag } from "./args.js";
import type { CliIo } from "./io.js";
import { type CliKeys, cliKeys } from "./keys.js";
import { CliError } from "./report.js";

export interface CommandContext {
  readonly io: CliIo;
  readonly flags: Flags;
  readonly positionals: readonly string[];
  readonly usage: string;
  /** The API for OPENAI_ADMIN_KEY at --base-url; throws a CliError naming OPENAI_ADMIN_KEY when it is unset. */
  keys(): CliKeys;
}

export const KEY_ENV = "OPENAI_ADMIN_KEY";

/**
 * The context a command runs in.
 *
 * @example
 * ```ts
 * const context = commandContext(io, flags, positionals, spec.usage);
 * const page = await context.keys().page({ limit: 20 });
 * ```
 */
export function commandContext(io: CliIo, flags: Flags, positionals: readonly string[], usage: string): CommandContext {
  return {
    io,
    flags,
    positionals,
    usage,
    keys() {
      const apiKey = io.env[KEY_ENV];
      if (apiKey === undefined || apiKey.trim() === "") {
        throw new CliError(`${KEY_ENV} is not set: export an organization admin key (sk-admin-…) as ${KEY_ENV}.`);
      }
      const connection = { baseUrl: stringFlag(flags, "base-url"), allowInsecureHttp: flags["allow-insecure-http"] === true };
      return cliKeys(createAdminKeysClient({ ...connection, apiKey }), apiKey, connection);
    },
  };
}
