// The options of the emulator (createMockApi) and of its node:http adapter (startMockServer, which
// adds where to listen): what they mean, their defaults, and the checks that turn a wrong one into
// an error naming it, before anything answers or listens.

import type { AdminApiKey, AdminApiKeyOwner } from "../../generated/client.js";
import { type SchemaValidator, schemaValidators } from "../../generated/validators.js";
import type { MockResponseRecord } from "./log.js";
import { describeValue } from "./mock-messages.js";
import { type MockKeyInput, completedKey, defaultOwner } from "./records.js";

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
 * Options of the emulator, in process ({@link createMockApi}) or behind an adapter: every one is
 * optional. `startMockServer` takes the same and `host` and `port` ({@link MockServerOptions}).
 *
 * @example
 * ```ts
 * const mock = createMockApi({ seed: 250, now: () => Date.UTC(2025, 0, 1) });
 * ```
 */
export interface MockApiOptions {
  /** The admin key the server accepts as `Authorization: Bearer <key>`. Default {@link DEFAULT_MOCK_API_KEY}. Keys created through the server are accepted too, until deleted or expired. */
  apiKey?: string;
  /**
   * Accept any non-empty bearer credential, spaces included (`Authorization: Bearer My Admin API
   * Key`), so a test suite written for another server, with its own placeholder key, runs
   * unchanged. A request without an Authorization header is still 401 `missing_api_key`, and one
   * that is not `Bearer <something>` still 401 `invalid_api_key`. `server.apiKey` stays
   * {@link DEFAULT_MOCK_API_KEY}, which is accepted like any other. It cannot be combined with
   * `apiKey`: a server that accepts every key has no key of its own to set, so giving both is an
   * error naming both. Default false.
   *
   * @example
   * ```ts
   * const server = await startMockServer({ acceptAnyKey: true, keys: [{ id: "key_id" }] });
   * const sdk = new OpenAI({ apiKey: "My API Key", adminAPIKey: "My Admin API Key", baseURL: server.url });
   * await sdk.admin.organization.adminAPIKeys.retrieve("key_id");
   * ```
   */
  acceptAnyKey?: boolean;
  /**
   * Keys to start with. A complete AdminApiKey record is kept exactly as given. A partial one needs
   * only an `id`; each field the spec requires that it leaves out is filled in the same way on
   * every run: `object`, a `redacted_value` derived from the id, `created_at` the server's start
   * (`now`), `expires_at` null (never expires), `owner` the server's `owner`. `name` and
   * `last_used_at` are optional in the spec and stay out unless given. Every record is then
   * validated against the spec's AdminApiKey schema; ids must be unique.
   *
   * @example
   * ```ts
   * const server = await startMockServer({ keys: [{ id: "key_id" }, { id: "key_named", name: "CI" }] });
   * // GET /v1/organization/admin_api_keys/key_id → 200, the filled-in record
   * ```
   */
  keys?: readonly MockKeyInput[];
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

/**
 * Options of {@link startMockServer}: the emulator's ({@link MockApiOptions}) and where to listen.
 *
 * @example
 * ```ts
 * const server = await startMockServer({ seed: 250, port: 8787, now: () => Date.UTC(2025, 0, 1) });
 * ```
 */
export interface MockServerOptions extends MockApiOptions {
  /** Interface to listen on. Default `"127.0.0.1"`. */
  host?: string;
  /** Port to listen on; 0 (the default) picks a free one. */
  port?: number;
}

/** Emulator options with their defaults applied. */
export interface ResolvedApiOptions {
  readonly apiKey: string;
  readonly acceptAnyKey: boolean;
  readonly keys: readonly AdminApiKey[];
  /** The secrets given with `keys`, by key id. */
  readonly secrets: ReadonlyMap<string, string>;
  readonly seed: number;
  /** The server's clock when it starts, in Unix seconds: what seeded and partial keys are dated from. */
  readonly startSeconds: number;
  readonly owner: AdminApiKeyOwner;
  readonly now: () => number;
  readonly maxBodyBytes: number;
  readonly recordLimit: number;
  readonly onResponse: ((record: MockResponseRecord) => void) | undefined;
}

/** Server options with their defaults applied. */
export interface ResolvedServerOptions extends ResolvedApiOptions {
  readonly host: string;
  readonly port: number;
}

function integer(name: string, value: number | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`options.${name} must be an integer from ${min} to ${max}; got ${describeValue(value)}.`);
  }
  return value;
}

/**
 * What a validator that has just returned false found first. Such a validator always holds at
 * least one error, each with a message (generated/validators.ts pushes one per failure).
 */
function firstProblem(validator: SchemaValidator): string {
  // Stryker disable next-line OptionalChaining,ObjectLiteral,StringLiteral: after a failed validation errors is a non-empty list (see above), so this fallback only satisfies the type checker
  const error = validator.errors?.[0] ?? { instancePath: "", message: "something the schema refuses" };
  return `${error.instancePath || "the record"} ${error.message}`;
}

function isAdminApiKey(value: unknown): value is AdminApiKey {
  return schemaValidators.AdminApiKey(value);
}

interface CheckedKeys {
  readonly keys: readonly AdminApiKey[];
  readonly secrets: ReadonlyMap<string, string>;
}

function checkKeys(
  keys: readonly MockKeyInput[] | undefined,
  defaults: { nowSeconds: number; owner: AdminApiKeyOwner },
  apiKey: string,
): CheckedKeys {
  const secrets = new Map<string, string>();
  if (keys === undefined) return { keys: [], secrets };
  if (!Array.isArray(keys)) throw new TypeError(`options.keys must be an array of key records (AdminApiKey fields, at least an id); got ${describeValue(keys)}.`);
  const seen = new Set<string>();
  const checked = keys.map((given: MockKeyInput, index) => {
    if (typeof given !== "object" || given === null || Array.isArray(given)) {
      throw new TypeError(`options.keys[${index}] must be an object with at least an id; got ${describeValue(given)}.`);
    }
    // The secret is the server's to know, not part of the record it serves.
    const { secret, ...input } = given;
    if (typeof input.id !== "string" || input.id === "") {
      throw new TypeError(`options.keys[${index}].id must be a non-empty string (the other fields may be left out); got ${describeValue(input.id)}.`);
    }
    // A record that is already complete is kept as given, field order and all; only a partial one is filled in.
    const key = isAdminApiKey(input) ? input : completedKey(input, defaults);
    if (!isAdminApiKey(key)) {
      throw new TypeError(`options.keys[${index}] must match the spec's AdminApiKey schema; got a record where ${firstProblem(schemaValidators.AdminApiKey)}.`);
    }
    if (seen.has(key.id)) throw new TypeError(`options.keys[${index}].id must be unique; got ${describeValue(key.id)} again.`);
    seen.add(key.id);
    if (secret !== undefined) {
      // A secret is never quoted back: the message says what kind of value it was.
      const kindOf = typeof secret === "string" ? "a string that is empty, has a space, or has a character outside printable ASCII" : describeValue(secret);
      if (typeof secret !== "string" || !/^[\x21-\x7e]+$/.test(secret)) {
        throw new TypeError(`options.keys[${index}].secret must be a non-empty string of printable ASCII without spaces; got ${kindOf}.`);
      }
      if (secret === apiKey || [...secrets.values()].includes(secret)) {
        throw new TypeError(`options.keys[${index}].secret must be unique (not the server's apiKey nor another key's secret); got one already in use.`);
      }
      secrets.set(key.id, secret);
    }
    return structuredClone(key);
  });
  return { keys: checked, secrets };
}

/** Applies defaults and checks every emulator option; throws a TypeError or RangeError naming the bad one. */
export function resolveApiOptions(options: MockApiOptions): ResolvedApiOptions {
  const { host: _host, port: _port, ...resolved } = resolveAll(options, false);
  return resolved;
}

/** Applies defaults and checks every server option, `host` and `port` included. */
export function resolveServerOptions(options: MockServerOptions): ResolvedServerOptions {
  return resolveAll(options, true);
}

/**
 * One function for both, so the checks run in one order whichever entry point is used and the
 * first bad option named is the same. Without `listens`, host and port are neither checked nor used.
 */
function resolveAll(options: MockServerOptions, listens: boolean): ResolvedServerOptions {
  const { apiKey = DEFAULT_MOCK_API_KEY, acceptAnyKey = false, host = "127.0.0.1", owner, now = Date.now, onResponse } = options;
  if (typeof apiKey !== "string" || !/^[\x21-\x7e]+$/.test(apiKey)) {
    // The key is a secret: the message says what kind of value it was, never the value.
    const got = typeof apiKey === "string" ? (apiKey === "" ? "an empty string" : "a string with a space or a character outside printable ASCII") : describeValue(apiKey);
    throw new TypeError(`options.apiKey must be a non-empty string of printable ASCII without spaces; got ${got}.`);
  }
  if (typeof acceptAnyKey !== "boolean") {
    throw new TypeError(`options.acceptAnyKey must be true or false; got ${describeValue(acceptAnyKey)}.`);
  }
  if (acceptAnyKey && options.apiKey !== undefined) {
    throw new TypeError("options.acceptAnyKey must be false when options.apiKey is given (a server that accepts any key has no key of its own); got true.");
  }
  if (listens && (typeof host !== "string" || host === "")) throw new TypeError(`options.host must be a non-empty string; got ${describeValue(host)}.`);
  if (owner !== undefined && !schemaValidators.AdminApiKeyOwner(owner)) {
    throw new TypeError(`options.owner must match the spec's AdminApiKeyOwner schema; got a record where ${firstProblem(schemaValidators.AdminApiKeyOwner)}.`);
  }
  if (typeof now !== "function") throw new TypeError(`options.now must be a function returning milliseconds; got ${describeValue(now)}.`);
  if (onResponse !== undefined && typeof onResponse !== "function") throw new TypeError(`options.onResponse must be a function; got ${describeValue(onResponse)}.`);
  const startSeconds = Math.floor(now() / 1000);
  const serverOwner = owner === undefined ? defaultOwner(startSeconds) : structuredClone(owner);
  return {
    apiKey,
    acceptAnyKey,
    host,
    port: listens ? integer("port", options.port, 0, 0, 65_535) : 0,
    ...checkKeys(options.keys, { nowSeconds: startSeconds, owner: serverOwner }, apiKey),
    seed: integer("seed", options.seed, 0, 0, 1_000_000),
    startSeconds,
    owner: serverOwner,
    now,
    maxBodyBytes: integer("maxBodyBytes", options.maxBodyBytes, DEFAULT_MAX_BODY_BYTES, 1, 2 ** 31 - 1),
    recordLimit: integer("recordLimit", options.recordLimit, 10_000, 0, 10_000_000),
    onResponse,
  };
}
