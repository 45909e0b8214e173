// What a command gets to work with: its parsed flags, the world (io) and a client built on
// demand from OPENAI_ADMIN_KEY and --base-url.

import { type AdminKeysClient, createAdminKeysClient } from "../index.js";
import { type Flags, stringFlag } from "./args.js";
import type { CliIo } from "./io.js";
import { CliError } from "./report.js";

export interface CommandContext {
  readonly io: CliIo;
  readonly flags: Flags;
  readonly positionals: readonly string[];
  readonly usage: string;
  /** A client for OPENAI_ADMIN_KEY at --base-url; throws a CliError naming OPENAI_ADMIN_KEY when it is unset. */
  client(): AdminKeysClient;
}

export const KEY_ENV = "OPENAI_ADMIN_KEY";

export function commandContext(io: CliIo, flags: Flags, positionals: readonly string[], usage: string): CommandContext {
  return {
    io,
    flags,
    positionals,
    usage,
    client() {
      const apiKey = io.env[KEY_ENV];
      if (apiKey === undefined || apiKey.trim() === "") {
        throw new CliError(`${KEY_ENV} is not set: export an organization admin key (sk-admin-…) as ${KEY_ENV}.`);
      }
      return createAdminKeysClient({ apiKey, baseUrl: stringFlag(flags, "base-url") });
    },
  };
}
