// How a failed run ends: one line on stderr and an exit code. API errors show status, message
// and request id; usage errors add the command's usage; nothing prints a stack unless asked to
// with ADMIN_KEYS_DEBUG=1 (and then only for errors that are not the API's or the user's).
// Every part that can come from a server or the user passes `clean`, so it cannot add lines; the
// output sink then makes the line terminal-safe.

import { APIError, InvalidParameterError, PaginationError } from "../index.js";
import { UsageError } from "./args.js";
import { inCliTerms } from "./flags.js";
import { clean } from "./format.js";
import type { CliIo } from "./io.js";

/**
 * A failure the CLI explains itself, with the exit code to use.
 *
 * @example
 * ```ts
 * throw new CliError("OPENAI_ADMIN_KEY is not set.", EXIT_FAILURE);
 * ```
 */
export class CliError extends Error {
  readonly exitCode: number;

  constructor(message: string, exitCode = 1) {
    super(message);
    this.exitCode = exitCode;
  }
}
CliError.prototype.name = "CliError";

/**
 * Exit codes: 1 when the API or the network failed, 2 when the command line was wrong, 3 when
 * `audit` found keys that break its policy.
 */
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;
export const EXIT_FINDINGS = 3;

function requestSuffix(requestId: string | undefined): string {
  return requestId === undefined ? "" : ` (request ${clean(requestId)})`;
}

/**
 * An error of the API, the network or a listing as one line without the `error: ` prefix, e.g.
 * `404 NotFoundError: No admin API key found with ID 'key_x'. (request req_…)`; another error's message.
 *
 * @example
 * ```ts
 * io.stderr(`error: rotation stopped at verify: ${describeFailure(error.cause)}\n`);
 * ```
 */
export function describeFailure(error: unknown): string {
  if (error instanceof InvalidParameterError) return clean(inCliTerms(error));
  if (error instanceof PaginationError) return `${error.name}: ${clean(error.message)}${requestSuffix(error.requestId)}`;
  if (error instanceof APIError) {
    const status = error.status === undefined ? "" : `${error.status} `;
    return `${status}${error.name}: ${clean(error.message)}${requestSuffix(error.requestId)}`;
  }
  return clean(error instanceof Error ? error.message : String(error));
}

/**
 * Prints an error as one line (plus usage for usage errors) and returns the exit code.
 *
 * @example
 * ```ts
 * return report(new CliError("Cancelled."), io); // prints "error: Cancelled.", returns 1
 * ```
 */
export function report(error: unknown, io: CliIo): number {
  if (error instanceof UsageError) {
    io.stderr(`error: ${clean(error.message)}\n\n${error.usage}`);
    return EXIT_USAGE;
  }
  if (error instanceof CliError) {
    io.stderr(`error: ${clean(error.message)}\n`);
    return error.exitCode;
  }
  if (error instanceof InvalidParameterError) {
    io.stderr(`error: ${describeFailure(error)}\n`);
    return EXIT_USAGE;
  }
  if (error instanceof PaginationError || error instanceof APIError) {
    io.stderr(`error: ${describeFailure(error)}\n`);
    return EXIT_FAILURE;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.stderr(`error: ${clean(message)}\n`);
  if (io.env["ADMIN_KEYS_DEBUG"] === "1" && error instanceof Error && error.stack !== undefined) io.stderr(`${error.stack}\n`);
  return EXIT_FAILURE;
}
