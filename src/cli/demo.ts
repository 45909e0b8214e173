// admin-keys demo (what `npm start` runs): the client's main job end to end. By default against
// a local server seeded with 250 keys; with --base-url against that server instead, where it
// only reads unless --yes lets it create a short-lived key and delete it again.

import { type AdminKeysClient, NotFoundError, createAdminKeysClient } from "../index.js";
import { type MockServer, startMockServer } from "../testing/index.js";
import { stringFlag } from "./args.js";
import type { CommandContext } from "./context.js";
import { expiry, keyName, lastUsed, relativeTime } from "./format.js";

const SEEDED_KEYS = 250;
const PAGE_SIZE = 100;
const DEMO_LIFETIME_SECONDS = 3_600;

export async function demo(context: CommandContext): Promise<number> {
  const { io, flags } = context;
  const say = (line = ""): void => io.stdout(`${line}\n`);
  const remote = stringFlag(flags, "base-url");
  let server: MockServer | undefined;
  let client: AdminKeysClient;
  if (remote === undefined) {
    say(`Starting a local admin-keys server seeded with ${SEEDED_KEYS} keys…`);
    server = await startMockServer({ seed: SEEDED_KEYS });
    say(`  listening at ${server.url}`);
    client = createAdminKeysClient({ apiKey: server.apiKey, baseUrl: server.url });
  } else {
    client = context.client();
    say(`Talking to ${remote} with the key in OPENAI_ADMIN_KEY.`);
  }
  try {
    await walkThrough(client, context, say, remote === undefined || flags["yes"] === true);
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

async function walkThrough(client: AdminKeysClient, context: CommandContext, say: (line?: string) => void, mayWrite: boolean): Promise<void> {
  const now = context.io.now;
  say();
  say(`1. List every key, ${PAGE_SIZE} per page, following the cursor:`);
  let total = 0;
  let pages = 0;
  for await (const page of client.adminApiKeys.list({ limit: PAGE_SIZE }).pages()) {
    pages++;
    total += page.data.length;
    const span = page.data.length === 0 ? "" : `, ${page.first_id} … ${page.last_id}`;
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
    const created = await client.adminApiKeys.create({ name: "admin-keys demo", expires_in_seconds: DEMO_LIFETIME_SECONDS });
    say(`   created ${created.id} (${keyName(created)}), shown as ${created.redacted_value}`);
    say(`   its secret (${created.value.length} characters) came back this once; the demo does not print it.`);

    say();
    say(`3. Retrieve ${created.id}:`);
    const key = await client.adminApiKeys.retrieve(created.id);
    say(`   ${keyName(key)}: created ${relativeTime(key.created_at, now())}, last used ${lastUsed(key.last_used_at, now())}, expires ${expiry(key.expires_at, now())}`);
    say(`   the answer holds ${"value" in key ? "a secret (unexpected!)" : "no secret, only redacted_value"}.`);

    say();
    say(`4. Delete ${created.id}:`);
    const deleted = await client.adminApiKeys.delete(created.id);
    say(`   deleted: ${deleted.deleted}`);
    deletedId = deleted.id;
  }

  say();
  const id = deletedId ?? "key_admin_keys_demo_missing";
  say(`5. Retrieve ${deletedId === undefined ? "a key that does not exist" : "the deleted key"}, and catch the NotFoundError:`);
  try {
    await client.adminApiKeys.retrieve(id);
    say("   unexpectedly found it.");
  } catch (error) {
    if (!(error instanceof NotFoundError)) throw error;
    say(`   NotFoundError ${error.status}: ${error.message} (request ${error.requestId ?? "unknown"})`);
  }
}
