// Who hears about each response: the `onResponse` option, and the file named by
// ADMIN_KEYS_MOCK_RESPONSE_LOG (one JSON line per response, created secrets replaced), so a test
// run can check every response any emulator sent, in any worker, against the spec.

import { appendFileSync } from "node:fs";
import type { MockResponseRecord } from "./log.js";

/**
 * The environment variable that, set to a file path, makes every emulator in the process append
 * each response it sends there as one JSON line (a {@link MockResponseRecord}, secrets replaced),
 * for checks that span a whole test run. It is read when the emulator is created.
 *
 * @example
 * ```sh
 * ADMIN_KEYS_MOCK_RESPONSE_LOG=test-artifacts/responses.ndjson npx vitest run
 * ```
 */
export const RESPONSE_LOG_ENV = "ADMIN_KEYS_MOCK_RESPONSE_LOG";

type Listener = (record: MockResponseRecord) => void;

function redactSecret(body: unknown): unknown {
  if (typeof body !== "object" || body === null || !("value" in body)) return body;
  return { ...body, value: "sk-admin-[redacted]" };
}

/** The response listeners of one emulator. */
export class MockResponseHooks {
  // Stryker disable next-line ArrayDeclaration: a listener that is not a function throws when called, and notify swallows what a listener throws (see there), so a stray entry changes nothing a caller sees
  readonly #listeners: Listener[] = [];

  constructor(onResponse: Listener | undefined, logFile = process.env[RESPONSE_LOG_ENV]) {
    // Stryker disable next-line ConditionalExpression: an undefined listener throws when called and notify swallows it, so pushing one changes nothing a caller sees
    if (onResponse !== undefined) this.#listeners.push(onResponse);
    // Unset or empty, the variable asks for no file.
    // Stryker disable next-line ConditionalExpression: a listener for no file name throws on its first append and notify swallows it, so adding one changes nothing a caller sees
    if (logFile) {
      this.#listeners.push((record) => appendFileSync(logFile, `${JSON.stringify({ ...record, body: redactSecret(record.body) })}\n`));
    }
  }

  /** False when nobody listens: then no record needs to be built at all. */
  get active(): boolean {
    // Stryker disable next-line ConditionalExpression,EqualityOperator: active only spares building a record nobody hears; with no listener notify does nothing
    return this.#listeners.length > 0;
  }

  /**
   * Hands a record to every listener. A listener that throws does not change the answer the
   * client gets (the answer is already decided), and the other listeners still hear of it.
   */
  notify(record: MockResponseRecord): void {
    for (const listener of this.#listeners) {
      try {
        listener(record);
      } catch {
        // Ignored on purpose: a listener's failure is the listener's to report (see above).
      }
    }
  }
}
