// How key records come to be: made by the create endpoint (random id and secret from
// node:crypto), seeded, or given by a test, partial ones filled in (both deterministic, so a test
// or a demo sees the same keys every run).

import { createHash, randomBytes } from "node:crypto";
import type { AdminApiKey, AdminApiKeyCreateRequest, AdminApiKeyOwner } from "../../generated/client.js";

const SECRET_PREFIX = "sk-admin-";

/** A shortened secret that is safe to show, in the real API's style: `sk-admin...` and the last three characters. */
export function redactedValueOf(secret: string): string {
  return `sk-admin...${secret.slice(-3)}`;
}

/** A fresh secret: the `sk-admin-` prefix and 48 random bytes in base64url. */
export function newSecret(): string {
  return SECRET_PREFIX + randomBytes(48).toString("base64url");
}

/** A fresh id: `key_` and 16 random hex digits. */
export function newKeyId(): string {
  return `key_${randomBytes(8).toString("hex")}`;
}

/** The record the create endpoint stores for a validated request. */
export function createdKey(
  request: AdminApiKeyCreateRequest,
  id: string,
  secret: string,
  owner: AdminApiKeyOwner,
  nowSeconds: number,
): AdminApiKey {
  return {
    object: "organization.admin_api_key",
    id,
    name: request.name,
    redacted_value: redactedValueOf(secret),
    created_at: nowSeconds,
    expires_at: request.expires_in_seconds === undefined ? null : nowSeconds + request.expires_in_seconds,
    last_used_at: null,
    owner: { ...owner },
  };
}

/**
 * A key to start a server with: an `id`, and any other fields of the spec's AdminApiKey. A complete
 * record is kept exactly as given; in a partial one, each field the spec requires and the record
 * leaves out gets a deterministic default (see `options.keys`). Optional fields (`name`,
 * `last_used_at`) stay out unless given, as the spec and the API allow.
 *
 * @example
 * ```ts
 * const keys: MockKeyInput[] = [{ id: "key_id" }, { id: "key_ci", name: "CI", expires_at: 1_900_000_000 }];
 * const server = await startMockServer({ keys });
 * ```
 */
export type MockKeyInput = Pick<AdminApiKey, "id"> &
  Partial<AdminApiKey> & {
    /**
     * The key's secret, for a key that a server made earlier (`admin-keys mock --state` keeps
     * them): with it, the key authenticates again. Never part of what the server sends.
     */
    readonly secret?: string;
  };

/** What a partial key's missing required fields are filled from. */
export interface KeyDefaults {
  readonly nowSeconds: number;
  readonly owner: AdminApiKeyOwner;
}

/**
 * The record for a partial key given to the server, in the spec's field order, each required field
 * it leaves out filled in: `object`, a `redacted_value` derived from the id (the same on every run),
 * `created_at` the server's start, `expires_at` null (never), the server's owner. Fields the input
 * has, even wrong ones, are kept as they are for the schema check to judge.
 */
export function completedKey(input: MockKeyInput, defaults: KeyDefaults): AdminApiKey {
  const { object, id, name, redacted_value, created_at, expires_at, last_used_at, owner, ...extra } = input;
  return {
    object: object === undefined ? "organization.admin_api_key" : object,
    id,
    ...(name === undefined ? {} : { name }),
    redacted_value: redacted_value === undefined ? redactedValueOf(createHash("sha256").update(id).digest("base64url")) : redacted_value,
    created_at: created_at === undefined ? defaults.nowSeconds : created_at,
    expires_at: expires_at === undefined ? null : expires_at,
    ...(last_used_at === undefined ? {} : { last_used_at }),
    owner: owner === undefined ? { ...defaults.owner } : owner,
    ...extra,
  };
}

/** The owner of keys the server creates, unless the caller names another. */
export function defaultOwner(nowSeconds: number): AdminApiKeyOwner {
  return {
    type: "user",
    object: "organization.user",
    id: "user_mock_owner",
    name: "Mock Owner",
    created_at: nowSeconds - 400 * DAY,
    role: "owner",
  };
}

const DAY = 86_400;

const ADA: AdminApiKeyOwner = { type: "user", object: "organization.user", id: "user_seed_ada", name: "Ada Lovelace", role: "owner" };
const GRACE: AdminApiKeyOwner = { type: "user", object: "organization.user", id: "user_seed_grace", name: "Grace Hopper", role: "owner" };
const BOT: AdminApiKeyOwner = {
  type: "service_account",
  object: "organization.service_account",
  id: "sa_seed_deploy",
  name: "Deploy bot",
  role: "member",
};

const SEED_NAMES = ["CI pipeline", "Terraform", "Billing export", "Audit sync", "Provisioning", "On-call"];

/** A small deterministic generator (mulberry32), so seeded keys are the same on every run. */
function sequence(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}

/**
 * `count` keys created one hour apart (two at a time share a second, to exercise the id
 * tie-break), the newest an hour before `nowSeconds`. Every third never expires, some never
 * were used (the others at some point since they were made), every 50th has no name.
 */
export function seededKeys(count: number, nowSeconds: number): AdminApiKey[] {
  const next = sequence(0x5eed);
  const keys: AdminApiKey[] = [];
  for (let index = 0; index < count; index++) {
    const id = `key_${next().toString(16).padStart(8, "0")}${next().toString(16).padStart(8, "0")}`;
    const createdAt = nowSeconds - 3600 * (Math.floor((count - index) / 2) + 1);
    const kind = index % 3;
    const owner = kind === 0 ? ADA : kind === 1 ? BOT : GRACE;
    const lifetime = kind === 0 ? null : kind === 1 ? 90 * DAY : 365 * DAY;
    keys.push({
      object: "organization.admin_api_key",
      id,
      // Stryker disable next-line StringLiteral: index % SEED_NAMES.length is always an index of SEED_NAMES, so the fallback never applies
      name: index % 50 === 49 ? null : `${SEED_NAMES[index % SEED_NAMES.length] ?? "Seed"} ${index + 1}`,
      redacted_value: redactedValueOf(next().toString(36)),
      created_at: createdAt,
      expires_at: lifetime === null ? null : createdAt + lifetime,
      last_used_at: index % 4 === 0 ? null : createdAt + (next() % (nowSeconds - createdAt)),
      owner: { ...owner, created_at: nowSeconds - 500 * DAY },
    });
  }
  return keys;
}
