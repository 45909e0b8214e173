// How a failed run ends: one line on stderr and an exit code. API errors show status, message
// and request id; usage errors add the command's usage; nothing prints a stack unless asked to
// with ADMIN_KEYS_DEBUG=1 (and then only for errors that are not the API's or the user's).

import { APIError, InvalidParameterError } from "../index.js";
import { UsageError } from "./args.js";
import type { CliIo } from "./io.js";

/** A failure the CLI explains itself, with the exit code to use. */
export class CliError extends Error {
  readonly exitCode: number;

  constructor(message: string, exitCode = 1) {
    super(message);
    this.exitCode = exitCode;
  }
}
CliError.prototype.name = "CliError";

/** Exit codes: 1 when the API or the network failed, 2 when the command line was wrong. */
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

/** Prints an error as one line (plus usage for usage errors) and returns the exit code. */
export function report(error: unknown, io: CliIo): number {
  if (error instanceof UsageError) {
    io.stderr(`error: ${error.message}\n\n${error.usage}`);
    return EXIT_USAGE;
  }
  if (error instanceof CliError) {
    io.stderr(`error: ${error.message}\n`);
    return error.exitCode;
  }
  if (error instanceof InvalidParameterError) {
    io.stderr(`error: ${error.message}\n`);
    return EXIT_USAGE;
  }
  if (error instanceof APIError) {
    const status = error.status === undefined ? "" : `${error.status} `;
    const request = error.requestId === undefined ? "" : ` (request ${error.requestId})`;
    io.stderr(`error: ${status}${error.name}: ${error.message}${request}\n`);
    return EXIT_FAILURE;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.stderr(`error: ${message}\n`);
  if (io.env["ADMIN_KEYS_DEBUG"] === "1" && error instanceof Error && error.stack !== undefined) io.stderr(`${error.stack}\n`);
  return EXIT_FAILURE;
}
