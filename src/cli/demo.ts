// admin-keys demo (what `npm start` runs): the client's main job end to end. By default against
// a local server seeded with 250 keys; with --base-url against that server instead, where it
// only reads unless --yes lets it create a short-lived key and delete it again. IDs and messages
// from the server pass `clean`, so they stay on their line; answers come through keys.ts, so the
// secret of the key the demo creates is never printed, whatever field a server echoes it into.

import { NotFoundError, createAdminKeysClient } from "../index.js";
import { type MockServer, startMockServer } from "../testing/index.js";
import { stringFlag } from "./args.js";
import type { CommandContext } from "./context.js";
import { clean, expiry, keyName, lastUsed, relativeTime } from "./format.js";
import { type CliKeys, cliKeys } from "./keys.js";

const SEEDED_KEYS = 250;
const PAGE_SIZE = 100;
const DEMO_LIFETIME_SECONDS = 3_600;

/**
 * Runs the demo: against a local server seeded with 250 keys, or the one at --base-url.
 *
 * @example
 * ```ts
 * const code = await demo(commandContext(io, {}, [], COMMANDS.demo.usage));
 * ```
 */
export async function demo(context: CommandContext): Promise<number> {
  const { io, flags } = context;
  const say = (line = ""): void => io.stdout(`${line}\n`);
  const remote = stringFlag(flags, "base-url");
  let server: MockServer | undefined;
  let keys: CliKeys;
  if (remote === undefined) {
    say(`Starting a local admin-keys server seeded with ${SEEDED_KEYS} keys…`);
    server = await startMockServer({ seed: SEEDED_KEYS });
    say(`  listening at ${server.url}`);
    keys = cliKeys(createAdminKeysClient({ apiKey: server.apiKey, baseUrl: server.url }), server.apiKey);
  } else {
    keys = context.keys();
    say(`Talking to ${clean(remote)} with the key in OPENAI_ADMIN_KEY.`);
  }
  try {
    await walkThrough(keys, context, say, remote === undefined || flags["yes"] === true);
    if (server !== undefined) {
      say();
      say(`The local server answered ${server.requests.count()} requests. Try the CLI against a real organization:`);
      say("  OPENAI_ADMIN_KEY=sk-admin-… admin-keys list");
    }
  } finally {
    await server?.close();
  }
  return 0;
}

async function walkThrough(keys: CliKeys, context: CommandContext, say: (line?: string) => void, mayWrite: boolean): Promise<void> {
  const now = context.io.now;
  say();
  say(`1. List every key, ${PAGE_SIZE} per page, following the cursor:`);
  let total = 0;
  let pages = 0;
  for await (const page of keys.pages({ limit: PAGE_SIZE })) {
    pages++;
    total += page.data.length;
    const span = page.data.length === 0 ? "" : `, ${clean(page.first_id ?? "")} … ${clean(page.last_id ?? "")}`;
    say(`   page ${pages}: ${page.data.length} keys${span}${page.has_more ? "" : " (last page)"}`);
  }
  say(`   ${total} keys in ${pages} request${pages === 1 ? "" : "s"}.`);

  say();
  let deletedId: string | undefined;
  if (!mayWrite) {
    say("2. Skipping create, retrieve and delete: this is not the local server. Pass --yes to create");
    say(`   a key that expires in an hour and delete it again.`);
  } else {
    say(`2. Create a key that expires in an hour:`);
    const created = await keys.create({ name: "admin-keys demo", expires_in_seconds: DEMO_LIFETIME_SECONDS });
    const createdId = clean(created.id);
    say(`   created ${createdId} (${keyName(created)}), shown as ${clean(created.redacted_value)}`);
    say(`   its secret (${created.value.length} characters) came back this once; the demo does not print it.`);

    say();
    say(`3. Retrieve ${createdId}:`);
    const key = await keys.retrieve(created.id);
    say(`   ${keyName(key)}: created ${relativeTime(key.created_at, now())}, last used ${lastUsed(key.last_used_at, now())}, expires ${expiry(key.expires_at, now())}`);
    say(`   the answer holds ${"value" in key ? "a secret (unexpected!)" : "no secret, only redacted_value"}.`);

    say();
    say(`4. Delete ${createdId}:`);
    const deleted = await keys.delete(created.id);
    say(`   deleted: ${deleted.deleted === true}`);
    deletedId = deleted.id;
  }

  say();
  const id = deletedId ?? "key_admin_keys_demo_missing";
  say(`5. Retrieve ${deletedId === undefined ? "a key that does not exist" : "the deleted key"}, and catch the NotFoundError:`);
  try {
    await keys.retrieve(id);
    say("   unexpectedly found it.");
  } catch (error) {
    if (!(error instanceof NotFoundError)) throw error;
    say(`   NotFoundError ${error.status}: ${clean(error.message)} (request ${clean(error.requestId ?? "unknown")})`);
  }
}
