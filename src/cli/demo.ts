// admin-keys demo (what `npm start` runs): the client's main job end to end, and the day-two
// workflows (an audit of every key, a rotation verified with the new secret). By default against
// a local server seeded with 250 keys; with --base-url against that server instead, where it only
// reads (lists and audits) unless --yes lets it create a short-lived key, rotate it and delete the
// rotated key, so that no key of the organization's own is ever touched. IDs and messages
// from the server pass `clean`, so they stay on their line; answers come through keys.ts, so the
// secret of the key the demo creates is never printed, whatever field a server echoes it into.

import {
  AUDIT_RULES,
  type AuditFinding,
  type AuditPolicy,
  DEFAULT_AUDIT_POLICY,
  NotFoundError,
  RotationError,
  type RotationReport,
  auditKeys,
  createAdminKeysClient,
} from "../index.js";
import { type MockServer, startMockServer } from "../testing/index.js";
import { stringFlag } from "./args.js";
import type { CommandContext } from "./context.js";
import { clean, expiry, keyName, lastUsed, relativeTime } from "./format.js";
import { findingRow, policyWords } from "./audit-output.js";
import { type CliKeys, cliKeys } from "./keys.js";
import { stepLine } from "./rotation-report.js";

const SEEDED_KEYS = 250;
const PAGE_SIZE = 100;
const DEMO_LIFETIME_SECONDS = 3_600;
const DEMO_KEY_NAME = "admin-keys demo";
const DAY = 86_400;

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
    keys = cliKeys(createAdminKeysClient({ apiKey: server.apiKey, baseUrl: server.url }), server.apiKey, { baseUrl: server.url });
  } else {
    keys = context.keys();
    say(`Talking to ${clean(remote)} with the key in OPENAI_ADMIN_KEY.`);
  }
  try {
    await walkThrough(keys, context, say, remote === undefined || flags["yes"] === true, remote === undefined);
    if (server !== undefined) {
      say();
      say(`The local server answered ${server.requests.count()} requests. Try the CLI yourself:`);
      say("  admin-keys mock --seed 40                       a local server of your own, in one terminal");
      say("  OPENAI_ADMIN_KEY=sk-admin-… admin-keys audit    a real organization's keys against the default policy");
    }
  } finally {
    await server?.close();
  }
  return 0;
}

/**
 * The seeded keys are at most a few days old (created an hour apart), so the default policy's 90
 * and 180 days would find only keys that never expire; the demo shortens them to fit the seed.
 */
const LOCAL_POLICY: AuditPolicy = { unusedForSeconds: 3 * DAY, noExpiry: true, expiringWithinSeconds: 14 * DAY, olderThanSeconds: 4 * DAY };
const LOCAL_POLICY_FLAGS = "--unused-for 3d --older-than 4d --no-expiry --expiring-within 14d";
/** How many findings the demo shows; the count covers them all. */
const SHOWN_FINDINGS = 5;

async function listStep(keys: CliKeys, say: (line?: string) => void): Promise<void> {
  say(`1. List every key, ${PAGE_SIZE} per page, following the cursor:`);
  let total = 0;
  let pages = 0;
  for await (const page of keys.pages({ limit: PAGE_SIZE })) {
    pages++;
    total += page.data.length;
    // first_id and last_id are optional in the API's answer; without them, the page's own first and last keys.
    const first = page.first_id ?? page.data[0]?.id;
    const last = page.last_id ?? page.data.at(-1)?.id;
    const span = page.data.length === 0 || first === undefined || last === undefined ? "" : `, ${clean(first)} … ${clean(last)}`;
    say(`   page ${pages}: ${page.data.length} keys${span}${page.has_more ? "" : " (last page)"}`);
  }
  say(`   ${total} keys in ${pages} request${pages === 1 ? "" : "s"}.`);
}

async function auditStep(keys: CliKeys, now: () => number, say: (line?: string) => void, local: boolean): Promise<void> {
  const policy = local ? LOCAL_POLICY : DEFAULT_AUDIT_POLICY;
  say(`2. Audit every key, page by page (auditKeys; the CLI's admin-keys audit${local ? ` ${LOCAL_POLICY_FLAGS}` : ""}):`);
  if (local) say("   the seeded keys are at most 5 days old, so the demo shortens the default policy's 90 and 180 days.");
  say(`   policy: ${policyWords(policy)}`);
  const counts = new Map<string, number>();
  const shown: AuditFinding[] = [];
  let checked = 0;
  for await (const page of keys.pages({ limit: PAGE_SIZE })) {
    checked += page.data.length;
    for (const finding of auditKeys(page.data, policy, { now: now() })) {
      counts.set(finding.rule, (counts.get(finding.rule) ?? 0) + 1);
      if (shown.length < SHOWN_FINDINGS) shown.push(finding);
    }
  }
  const total = [...counts.values()].reduce((sum, count) => sum + count, 0);
  const byRule = AUDIT_RULES.filter((rule) => counts.has(rule)).map((rule) => `${counts.get(rule)} ${rule}`);
  say(`   ${total} finding${total === 1 ? "" : "s"} in ${checked} keys${byRule.length === 0 ? "" : `: ${byRule.join(", ")}`}. The first ${Math.min(total, SHOWN_FINDINGS)}:`);
  for (const finding of shown) {
    const row = findingRow(finding);
    say(`   ${clean(row.id)}  ${clean(row.name ?? "-", 20).padEnd(20)}  ${clean(row.owner, 14).padEnd(14)}  ${row.rule.padEnd(9)}  ${clean(row.finding)}`);
  }
  say(`   admin-keys audit exits 3 when it finds something, so CI can gate on it.`);
}

async function rotateStep(keys: CliKeys, oldId: string, now: () => number, say: (line?: string) => void): Promise<string> {
  say(`5. Rotate ${clean(oldId)} (rotateKey; the CLI's admin-keys rotate): a new key, its secret handed over, a request`);
  say("   made with the new secret, and only then the old key deleted:");
  let secretLength = 0;
  let report: RotationReport;
  try {
    report = await keys.rotate(oldId, {
      // Named here, not taken from the server's record of the key, which might not hold the name.
      name: DEMO_KEY_NAME,
      expiresInSeconds: DEMO_LIFETIME_SECONDS,
      deliver(secret) {
        secretLength = secret.length;
        return "kept in the demo's memory, not printed";
      },
      onStep: (step) => say(`   ${stepLine(step).trimStart().trimEnd()}`),
    });
  } catch (error) {
    // Both keys are the demo's own: it removes whichever exist, so a failed run leaves nothing behind.
    // Stryker disable next-line ConditionalExpression: the demo's rotation names its key and lifetime with valid constants and rotates an id the retrieve before it took, so rotateKey fails here only with a RotationError; the test narrows the error for TypeScript
    if (error instanceof RotationError) {
      for (const key of [error.state.newKey, error.state.oldKey]) {
        if (key?.presence !== "exists") continue;
        await keys.delete(key.id);
        say(`   the rotation stopped at ${error.step}; the demo deleted its key ${clean(keys.hiddenText(key.id))}.`);
      }
    }
    throw error;
  }
  // Stryker disable next-line OptionalChaining,StringLiteral: rotate runs without dryRun here, and rotateKey's report has newKey undefined only in a dry run (rotate-key.ts), so the fallback never applies
  const newId = report.newKey?.id ?? "";
  const seen = await keys.retrieve(newId);
  say(`   ${clean(newId)} (its secret ${secretLength} characters) is now shown as last used ${lastUsed(seen.last_used_at, now())}:`);
  say("   the verification was made with its own secret, not the admin key.");
  return newId;
}

async function walkThrough(keys: CliKeys, context: CommandContext, say: (line?: string) => void, mayWrite: boolean, local: boolean): Promise<void> {
  const now = context.io.now;
  say();
  await listStep(keys, say);
  say();
  await auditStep(keys, now, say, local);

  say();
  let deletedId: string | undefined;
  if (!mayWrite) {
    say("3. Skipping create, retrieve, rotate and delete: this is not the local server. Pass --yes to");
    say("   create a key that expires in an hour, rotate it, and delete the rotated key.");
  } else {
    say(`3. Create a key that expires in an hour:`);
    const created = await keys.create({ name: DEMO_KEY_NAME, expires_in_seconds: DEMO_LIFETIME_SECONDS });
    const createdId = clean(created.id);
    say(`   created ${createdId} (${keyName(created)}), shown as ${clean(created.redacted_value)}`);
    say(`   its secret (${created.value.length} characters) came back this once; the demo does not print it.`);

    say();
    say(`4. Retrieve ${createdId}:`);
    const key = await keys.retrieve(created.id);
    say(`   ${keyName(key)}: created ${relativeTime(key.created_at, now())}, last used ${lastUsed(key.last_used_at, now())}, expires ${expiry(key.expires_at, now())}`);
    say(`   the answer holds ${"value" in key ? "a secret (unexpected!)" : "no secret, only redacted_value"}.`);

    say();
    const rotatedId = await rotateStep(keys, created.id, now, say);

    say();
    say(`6. Delete ${clean(rotatedId)}, the rotated key:`);
    const deleted = await keys.delete(rotatedId);
    say(`   deleted: ${deleted.deleted === true}`);
    deletedId = deleted.id;
  }

  say();
  const id = deletedId ?? "key_admin_keys_demo_missing";
  say(`7. Retrieve ${deletedId === undefined ? "a key that does not exist" : "the deleted key"}, and catch the NotFoundError:`);
  try {
    await keys.retrieve(id);
    say("   unexpectedly found it.");
  } catch (error) {
    if (!(error instanceof NotFoundError)) throw error;
    say(`   NotFoundError ${error.status}: ${clean(error.message)} (request ${clean(error.requestId ?? "unknown")})`);
  }
}
