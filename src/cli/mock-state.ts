// `admin-keys mock --state FILE`: the local server's keys in a file, so that they survive a
// restart. Loaded once at start (a file that cannot be read or is not a state file stops the start,
// and is left exactly as it was), written after every change, atomically: a temporary file in the
// same folder, flushed, then renamed over the old one, so a crash leaves the old state or the new,
// never half of one. The file also keeps the secrets of keys the server created, mode 0600, and
// hands them back to the emulator at start, so a key created (or rotated in) before a restart
// still authenticates after it.

import { randomBytes } from "node:crypto";
import { closeSync, fsyncSync, openSync, renameSync, unlinkSync, writeSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import type { AdminApiKey } from "../index.js";
import type { MockKeyInput } from "../testing/index.js";
import { CliError, describeFailure } from "./report.js";

/** What the file says it is, so that a file of something else is never taken for one. */
export const MOCK_STATE_FORMAT = "admin-keys mock state";
export const MOCK_STATE_VERSION = 1;

/** What a state file holds. */
export interface MockState {
  /** The key records, as the list endpoint returns them. */
  readonly keys: readonly MockKeyInput[];
  /** The secrets of keys the server created, by key id. */
  readonly secrets: ReadonlyMap<string, string>;
}

/**
 * The code of a system error ("ENOENT", "EADDRINUSE"…); undefined for an error without one. Also
 * the mock command's, for the emulator's start failures.
 */
export function errorCode(error: unknown): string | undefined {
  // Object() boxes a primitive and gives {} for null and undefined, so reading "code" never throws.
  const code: unknown = Reflect.get(Object(error), "code");
  return code === undefined ? undefined : String(code);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A JSON object's fields; undefined for any other value (null, an array, a string…). Also the mock command's. */
export function recordOf(value: unknown): Record<string, unknown> | undefined {
  return isRecord(value) ? value : undefined;
}

function isKeyInput(value: unknown): value is MockKeyInput {
  return isRecord(value) && typeof value["id"] === "string";
}

/** The error for a state file that cannot be used: it names the file and says it was not touched. */
function unusable(path: string, why: string): CliError {
  return new CliError(`Cannot use the state file ${path}: ${why}. It was left as it is; fix it, move it away, or pass another --state file.`);
}

/**
 * Reads a state file. Resolves to undefined when there is none yet; throws a CliError naming the
 * file when it cannot be read or is not a state file (the server then does not start).
 *
 * @example
 * ```ts
 * const state = await loadMockState("keys.json"); // undefined on the first run
 * ```
 */
export async function loadMockState(path: string): Promise<MockState | undefined> {
  let text: string;
  try {
    // Stryker disable next-line StringLiteral: with no encoding readFile gives a Buffer, and JSON.parse reads a Buffer as UTF-8 text: the same value, the same errors
    text = await readFile(path, "utf8");
  } catch (error) {
    const failure = errorCode(error);
    if (failure === "ENOENT") return undefined;
    throw unusable(path, failure === "EISDIR" ? "it is a folder" : `it cannot be read (${failure ?? describeFailure(error)})`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw unusable(path, `it is not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  if (!isRecord(parsed) || parsed["format"] !== MOCK_STATE_FORMAT) throw unusable(path, `it is not an admin-keys mock state file (no "format": "${MOCK_STATE_FORMAT}")`);
  if (parsed["version"] !== MOCK_STATE_VERSION) throw unusable(path, `its version is ${JSON.stringify(parsed["version"])}; this admin-keys reads version ${MOCK_STATE_VERSION}`);
  const keys = parsed["keys"];
  if (!Array.isArray(keys)) throw unusable(path, `"keys" is not an array`);
  const inputs: MockKeyInput[] = [];
  for (const [index, key] of keys.entries()) {
    if (!isKeyInput(key)) throw unusable(path, `keys[${index}] is not a key record with an "id"`);
    inputs.push(key);
  }
  const secrets = new Map<string, string>();
  const stored = recordOf(parsed["secrets"] ?? {});
  if (stored === undefined) throw unusable(path, `"secrets" is not an object`);
  for (const [id, secret] of Object.entries(stored)) {
    if (typeof secret !== "string") throw unusable(path, `secrets[${JSON.stringify(id)}] is not a string`);
    secrets.set(id, secret);
  }
  return { keys: inputs, secrets };
}

/**
 * Writes the state atomically (see the file comment), mode 0600. Synchronous, so that when the
 * server's answer leaves, the change it made is on disk.
 *
 * @example
 * ```ts
 * saveMockState("keys.json", server.store.list(), secrets);
 * ```
 */
export function saveMockState(path: string, keys: readonly AdminApiKey[], secrets: ReadonlyMap<string, string>): void {
  const document = { format: MOCK_STATE_FORMAT, version: MOCK_STATE_VERSION, keys, secrets: Object.fromEntries(secrets) };
  const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString("hex")}.tmp`);
  try {
    const fd = openSync(temporary, "wx", 0o600);
    try {
      writeSync(fd, `${JSON.stringify(document, null, 1)}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, path);
  } catch (error) {
    try {
      unlinkSync(temporary);
    } catch {
      // Nothing was left behind to remove.
    }
    throw new CliError(`Could not write the state file ${path}: ${errorCode(error) ?? describeFailure(error)}.`);
  }
}
