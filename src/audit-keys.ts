// Day two, audit: which admin keys break a hygiene policy, and by how much. Pure functions of the
// keys, the policy and the clock, so the rules are table-tested without a server, and a caller can
// audit a listing of any size one key at a time (auditKey) without holding it.

import type { AdminApiKey, AdminApiKeyOwner } from "../generated/client.js";
import { InvalidParameterError } from "./errors.js";

const MINUTE = 60;
const HOUR = 3_600;
const DAY = 86_400;

/**
 * What counts as a problem. Each rule is on when its field is set; a policy with none set finds
 * nothing. Durations are in seconds.
 *
 * @example
 * ```ts
 * const policy: AuditPolicy = { unusedForSeconds: 90 * 86_400, noExpiry: true };
 * ```
 */
export interface AuditPolicy {
  /** A key not used for longer than this (a never-used key counts from its `created_at`). */
  readonly unusedForSeconds?: number | undefined;
  /** A key that never expires (`expires_at` null). */
  readonly noExpiry?: boolean | undefined;
  /** A key that expires within this much time, or has expired already. */
  readonly expiringWithinSeconds?: number | undefined;
  /** A key created longer ago than this. */
  readonly olderThanSeconds?: number | undefined;
}

/**
 * The policy `admin-keys audit` applies when no rule is named: unused for more than 90 days,
 * never expiring, expiring within 14 days, older than 180 days.
 *
 * @example
 * ```ts
 * const findings = auditKeys(keys, DEFAULT_AUDIT_POLICY, { now: Date.now() });
 * ```
 */
export const DEFAULT_AUDIT_POLICY: Readonly<Required<AuditPolicy>> = Object.freeze({
  unusedForSeconds: 90 * DAY,
  noExpiry: true,
  expiringWithinSeconds: 14 * DAY,
  olderThanSeconds: 180 * DAY,
});

/**
 * The rule a finding breaks: `unused` (unused for too long), `no-expiry` (never expires),
 * `expiring` (expires soon, or expired), `old` (created too long ago).
 *
 * @example
 * ```ts
 * const rule: AuditRule = "unused";
 * const stale = findings.filter((finding) => finding.rule === rule);
 * ```
 */
export type AuditRule = "unused" | "no-expiry" | "expiring" | "old";

/**
 * The rules in the order a key's findings are listed.
 *
 * @example
 * ```ts
 * for (const rule of AUDIT_RULES) console.log(rule, findings.filter((finding) => finding.rule === rule).length);
 * ```
 */
export const AUDIT_RULES: readonly AuditRule[] = Object.freeze(["unused", "no-expiry", "expiring", "old"]);

/**
 * One rule one key breaks: the key (id, name, owner), the rule and the figure.
 *
 * @example
 * ```ts
 * const [finding] = auditKeys([key], { unusedForSeconds: 90 * 86_400 }, { now: Date.now() });
 * console.log(`${finding.keyId} ${finding.rule}: ${finding.detail}`); // "key_abc unused: last used 143 days ago"
 * ```
 */
export interface AuditFinding {
  readonly keyId: string;
  /** The key's name; null when it has none. */
  readonly name: string | null;
  readonly owner: AdminApiKeyOwner;
  readonly rule: AuditRule;
  /** The figure in words: `last used 143 days ago`, `never expires`, `expires in 5 days`. */
  readonly detail: string;
  /**
   * The figure in seconds: time unused (`unused`), age (`old`), time left until expiry, negative
   * once expired (`expiring`); null for `no-expiry`.
   */
  readonly seconds: number | null;
}

/**
 * When the audit runs.
 *
 * @example
 * ```ts
 * const options: AuditOptions = { now: Date.now() };
 * ```
 */
export interface AuditOptions {
  /** The time to judge by, in milliseconds since the epoch (as `Date.now()`). */
  readonly now: number;
}

const SPANS: readonly (readonly [number, string])[] = [
  [DAY, "day"],
  [HOUR, "hour"],
  [MINUTE, "minute"],
];

/** A span of time in words, rounded down: `143 days`, `1 day`, `5 hours`, `under a minute`. */
function span(seconds: number): string {
  for (const [size, unit] of SPANS) {
    const count = Math.floor(seconds / size);
    if (count >= 1) return `${count} ${unit}${count === 1 ? "" : "s"}`;
  }
  return "under a minute";
}

function checkSeconds(param: keyof AuditPolicy, value: unknown): void {
  if (value === undefined) return;
  // A number, since comparisons would take "14" for 14; NaN fails both comparisons.
  if (typeof value === "number" && value >= 0 && value < Infinity) return;
  throw new InvalidParameterError(param, `${param} must be a number of seconds, 0 or more; got ${typeof value === "number" ? String(value) : typeof value}`);
}

/**
 * Throws an InvalidParameterError naming the first field of `policy` that is not a duration of
 * 0 seconds or more (or, for `noExpiry`, a boolean).
 *
 * @example
 * ```ts
 * checkAuditPolicy({ unusedForSeconds: -1 }); // throws: unusedForSeconds must be a number of seconds, 0 or more; got -1
 * ```
 */
export function checkAuditPolicy(policy: AuditPolicy): void {
  if (typeof policy !== "object" || policy === null) throw new InvalidParameterError("policy", "policy must be an object of rules");
  checkSeconds("unusedForSeconds", policy.unusedForSeconds);
  checkSeconds("expiringWithinSeconds", policy.expiringWithinSeconds);
  checkSeconds("olderThanSeconds", policy.olderThanSeconds);
  if (policy.noExpiry !== undefined && typeof policy.noExpiry !== "boolean") {
    throw new InvalidParameterError("noExpiry", `noExpiry must be true or false; got ${typeof policy.noExpiry}`);
  }
}

function judge(key: AdminApiKey, policy: AuditPolicy, nowSeconds: number): AuditFinding[] {
  const findings: AuditFinding[] = [];
  const found = (rule: AuditRule, detail: string, seconds: number | null): void => {
    findings.push({ keyId: key.id, name: key.name ?? null, owner: key.owner, rule, detail, seconds });
  };
  // A rule left out is a bound no key reaches: nothing is over Infinity, nothing under -Infinity.
  const lastUsed = key.last_used_at ?? null;
  const idle = nowSeconds - (lastUsed ?? key.created_at);
  if (idle > (policy.unusedForSeconds ?? Infinity)) found("unused", lastUsed === null ? `never used; created ${span(idle)} ago` : `last used ${span(idle)} ago`, idle);
  if (policy.noExpiry === true && key.expires_at === null) found("no-expiry", "never expires", null);
  if (key.expires_at !== null) {
    const left = key.expires_at - nowSeconds;
    if (left <= (policy.expiringWithinSeconds ?? -Infinity)) found("expiring", left > 0 ? `expires in ${span(left)}` : `expired ${span(-left)} ago`, left);
  }
  const age = nowSeconds - key.created_at;
  if (age > (policy.olderThanSeconds ?? Infinity)) found("old", `created ${span(age)} ago`, age);
  return findings;
}

/**
 * The rules one key breaks, in the order of {@link AUDIT_RULES}; empty when it breaks none. For
 * listings too large to hold: audit each key as it arrives.
 *
 * @example
 * ```ts
 * for await (const key of client.adminApiKeys.list({ limit: 100 })) {
 *   for (const finding of auditKey(key, DEFAULT_AUDIT_POLICY, { now: Date.now() })) report(finding);
 * }
 * ```
 */
export function auditKey(key: AdminApiKey, policy: AuditPolicy, options: AuditOptions): AuditFinding[] {
  checkAuditPolicy(policy);
  return judge(key, policy, options.now / 1000);
}

/**
 * Every rule each key breaks, key by key in the order given. "Longer than" and "older than" are
 * strict (a key unused for exactly 90 days is not unused for more than 90 days); "expires within"
 * includes its bound and keys that have already expired.
 *
 * @example
 * ```ts
 * const keys = await client.adminApiKeys.list({ limit: 100 }).toArray();
 * const findings = auditKeys(keys, { unusedForSeconds: 90 * 86_400, noExpiry: true }, { now: Date.now() });
 * for (const f of findings) console.log(f.keyId, f.name, f.owner.name, f.rule, f.detail);
 * ```
 */
export function auditKeys(keys: Iterable<AdminApiKey>, policy: AuditPolicy, options: AuditOptions): AuditFinding[] {
  checkAuditPolicy(policy);
  const nowSeconds = options.now / 1000;
  const findings: AuditFinding[] = [];
  for (const key of keys) findings.push(...judge(key, policy, nowSeconds));
  return findings;
}
