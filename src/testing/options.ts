// The options of startMockServer: what they mean, their defaults, and the checks that turn a
// wrong one into an error naming it, before anything listens.

import type { AdminApiKey, AdminApiKeyOwner } from "../../generated/client.js";
import { schemaValidators } from "../../generated/validators.js";
import type { MockResponseRecord } from "./log.js";

/**
 * The admin key a local server accepts when none is given. Not a real key.
 *
 * @example
 * ```ts
 * const server = await startMockServer();
 * server.apiKey === DEFAULT_MOCK_API_KEY; // true
 * ```
 */
export const DEFAULT_MOCK_API_KEY = "sk-admin-local-mock-key";

/**
 * The largest request body the server reads: 1 MiB. Larger bodies get a 413.
 *
 * @example
 * ```ts
 * const server = await startMockServer({ maxBodyBytes: DEFAULT_MAX_BODY_BYTES / 4 });
 * ```
 */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

/**
 * Options of {@link startMockServer}. Every one is optional.
 *
 * @example
 * ```ts
 * const server = await startMockServer({ seed: 250, now: () => Date.UTC(2025, 0, 1) });
 * ```
 */
export interface MockServerOptions {
  /** The admin key the server accepts as `Authorization: Bearer <key>`. Default {@link DEFAULT_MOCK_API_KEY}. Keys created through the server are accepted too, until deleted or expired. */
  apiKey?: string;
  /** Interface to listen on. Default `"127.0.0.1"`. */
  host?: string;
  /** Port to listen on; 0 (the default) picks a free one. */
  port?: number;
  /** Exact key records to start with (validated against the spec's AdminApiKey schema). */
  keys?: readonly AdminApiKey[];
  /** How many deterministic keys to generate at start: same ids and names on every run. */
  seed?: number;
  /** The owner recorded on keys the server creates. */
  owner?: AdminApiKeyOwner;
  /** The server's clock in milliseconds, for `created_at`, `expires_at` and seeded times. Default `Date.now`. */
  now?: () => number;
  /** The largest request body read, in bytes. Default {@link DEFAULT_MAX_BODY_BYTES}. */
  maxBodyBytes?: number;
  /** How many recent requests `server.requests.all()` keeps. Counts are exact regardless. Default 10,000. */
  recordLimit?: number;
  /**
   * Called with every response the server sends, e.g. to validate it against the spec. A create's
   * record holds the new secret in `body.value`: do not log records as they are.
   */
  onResponse?: (record: MockResponseRecord) => void;
}

/** Options with their defaults applied. */
export interface ResolvedOptions {
  readonly apiKey: string;
  readonly host: string;
  readonly port: number;
  readonly keys: readonly AdminApiKey[];
  readonly seed: number;
  readonly owner: AdminApiKeyOwner | undefined;
  readonly now: () => number;
  readonly maxBodyBytes: number;
  readonly recordLimit: number;
  readonly onResponse: ((record: MockResponseRecord) => void) | undefined;
}

function integer(name: string, value: number | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`options.${name} must be an integer from ${min} to ${max}; got ${String(value)}.`);
  }
  return value;
}

function firstProblem(validator: { errors?: { instancePath: string; message?: string }[] | null }): string {
  const error = validator.errors?.[0];
  return error === undefined ? "does not match the schema" : `${error.instancePath || "the record"} ${error.message ?? "is not allowed"}`;
}

function checkKeys(keys: readonly AdminApiKey[] | undefined): readonly AdminApiKey[] {
  if (keys === undefined) return [];
  if (!Array.isArray(keys)) throw new TypeError("options.keys must be an array of AdminApiKey records.");
  const seen = new Set<string>();
  return keys.map((key, index) => {
    if (!schemaValidators.AdminApiKey(key)) {
      throw new TypeError(`options.keys[${index}] is not an AdminApiKey: ${firstProblem(schemaValidators.AdminApiKey)}.`);
    }
    if (seen.has(key.id)) throw new TypeError(`options.keys[${index}] repeats the id '${key.id}'; ids must be unique.`);
    seen.add(key.id);
    return structuredClone(key);
  });
}

/** Applies defaults and checks every option; throws a TypeError or RangeError naming the bad one. */
export function resolveOptions(options: MockServerOptions): ResolvedOptions {
  const { apiKey = DEFAULT_MOCK_API_KEY, host = "127.0.0.1", owner, now = Date.now, onResponse } = options;
  if (typeof apiKey !== "string" || !/^[\x21-\x7e]+$/.test(apiKey)) {
    throw new TypeError("options.apiKey must be a non-empty string of printable ASCII without spaces.");
  }
  if (typeof host !== "string" || host === "") throw new TypeError("options.host must be a non-empty string.");
  if (owner !== undefined && !schemaValidators.AdminApiKeyOwner(owner)) {
    throw new TypeError(`options.owner is not an AdminApiKeyOwner: ${firstProblem(schemaValidators.AdminApiKeyOwner)}.`);
  }
  if (typeof now !== "function") throw new TypeError("options.now must be a function returning milliseconds.");
  if (onResponse !== undefined && typeof onResponse !== "function") throw new TypeError("options.onResponse must be a function.");
  return {
    apiKey,
    host,
    port: integer("port", options.port, 0, 0, 65_535),
    keys: checkKeys(options.keys),
    seed: integer("seed", options.seed, 0, 0, 1_000_000),
    owner: owner === undefined ? undefined : structuredClone(owner),
    now,
    maxBodyBytes: integer("maxBodyBytes", options.maxBodyBytes, DEFAULT_MAX_BODY_BYTES, 1, 2 ** 31 - 1),
    recordLimit: integer("recordLimit", options.recordLimit, 10_000, 0, 10_000_000),
    onResponse,
  };
}
