// Day two, after a create that may or may not have happened. A 5xx, a timeout or a broken
// connection after the request left leaves a key that may exist with its secret lost (so the
// client never repeats a create). What can be done is to find the candidates: keys with that name,
// created while the attempt ran, listed newest first so the search stops at the attempt's start.

import type { AdminApiKey } from "../generated/client.js";
import type { AdminKeysClient } from "./client.js";
import { APIError, InvalidParameterError, ResponseValidationError } from "./errors.js";
import type { RequestOptions } from "./request-options.js";
import { neverConnected } from "./retry.js";

/**
 * How far the server's clock may be from this machine's, in seconds, when matching `created_at`
 * against the attempt's window: two minutes, far more than NTP-synced clocks drift.
 *
 * @example
 * ```ts
 * await findKeysFromUnknownCreate(client, { name, startedAt, endedAt, slackSeconds: 2 * DEFAULT_CLOCK_SLACK_SECONDS });
 * ```
 */
export const DEFAULT_CLOCK_SLACK_SECONDS = 120;

/**
 * A create whose outcome is unknown: what was asked for and when.
 *
 * @example
 * ```ts
 * const startedAt = Date.now();
 * await client.adminApiKeys.create({ name: "ci" }).catch(async (error) => {
 *   const attempt: CreateAttempt = { name: "ci", startedAt, endedAt: Date.now() };
 *   if (createOutcomeUnknown(error)) console.log(await findKeysFromUnknownCreate(client, attempt));
 * });
 * ```
 */
export interface CreateAttempt {
  /** The name the create asked for. */
  readonly name: string;
  /** When the create was sent, in milliseconds since the epoch. */
  readonly startedAt: number;
  /** When it failed, in milliseconds since the epoch. */
  readonly endedAt: number;
  /** How far apart the two clocks may be, in seconds. Default {@link DEFAULT_CLOCK_SLACK_SECONDS}. */
  readonly slackSeconds?: number | undefined;
  /** Keys that are no candidates whatever their name and date, such as the key being rotated. */
  readonly excludeIds?: readonly string[] | undefined;
}

/**
 * True when a create that failed this way may still have made the key: a 5xx, a 2xx whose body
 * could not be used, a timeout, an abort, or a connection that broke after it was made. False when
 * the server surely made nothing: a 4xx, a redirect, a connection never made, a check that failed
 * before sending.
 *
 * @example
 * ```ts
 * await client.adminApiKeys.create({ name: "ci" }).catch((error) => {
 *   if (createOutcomeUnknown(error)) console.error("The key may exist; look for it before trying again.");
 *   throw error;
 * });
 * ```
 */
export function createOutcomeUnknown(error: unknown): boolean {
  // The schema check runs on a 2xx, so the key was made.
  if (error instanceof ResponseValidationError) return true;
  if (!(error instanceof APIError)) return false;
  if (error.status === undefined) return !neverConnected(error.cause);
  return error.status >= 500 || error.status < 300;
}

/**
 * The keys a create whose outcome is unknown may have made: those with its name, created within
 * the attempt's window (widened by the clock slack), newest first. Lists newest first and stops at
 * the first key older than the window, so it reads only the pages the window reaches.
 *
 * @example
 * ```ts
 * const suspects = await findKeysFromUnknownCreate(client, { name: "ci", startedAt, endedAt: Date.now() });
 * for (const key of suspects) console.log(`possible duplicate ${key.id}: admin-keys delete ${key.id}`);
 * ```
 */
export async function findKeysFromUnknownCreate(client: Pick<AdminKeysClient, "adminApiKeys">, attempt: CreateAttempt, options?: RequestOptions): Promise<AdminApiKey[]> {
  const slack = attempt.slackSeconds ?? DEFAULT_CLOCK_SLACK_SECONDS;
  if (!Number.isFinite(slack) || slack < 0) throw new InvalidParameterError("slackSeconds", `slackSeconds must be a number of seconds, 0 or more; got ${String(slack)}`);
  if (!Number.isFinite(attempt.startedAt) || !Number.isFinite(attempt.endedAt) || attempt.endedAt < attempt.startedAt) {
    throw new InvalidParameterError("endedAt", "startedAt and endedAt must be times in milliseconds, endedAt not before startedAt");
  }
  const from = attempt.startedAt / 1000 - slack;
  const to = attempt.endedAt / 1000 + slack;
  const excluded = new Set(attempt.excludeIds);
  const found: AdminApiKey[] = [];
  for await (const key of client.adminApiKeys.list({ order: "desc", limit: 100 }, options)) {
    if (key.created_at < from) break;
    if (key.created_at <= to && key.name === attempt.name && !excluded.has(key.id)) found.push(key);
  }
  return found;
}
