// --secret-file: a new key's secret goes to a file nobody else can read, never to the terminal.
// Two halves, because the order matters: `checkSecretFileTarget` runs before the key is created
// (a refusal afterwards would leave a key whose secret nobody has), `writeSecretFile` after.
// The write never clobbers: the secret goes to a temporary file in the same folder (opened with
// `wx`, mode 0600), is flushed to disk, then hard-linked to its name, which fails if anything is
// there by then. So the file appears whole or not at all, and an existing file is never touched.

import { randomBytes } from "node:crypto";
import { constants } from "node:fs";
import { access, link, lstat, open, stat, unlink } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { CliError, EXIT_USAGE } from "./report.js";

/** The permissions of a secret file: read and write for its owner, nothing for anyone else. */
export const SECRET_FILE_MODE = 0o600;

/**
 * What went wrong, as the code node:fs names it (ENOENT, EEXIST, ERR_INVALID_ARG_VALUE…). Only what
 * node:fs/promises rejects with comes here, and that always has a string code, system errors and
 * ERR_* alike: the checks narrow `unknown` for TypeScript, and the text of anything else is a last resort.
 */
function code(error: unknown): string {
  // Stryker disable next-line ConditionalExpression,LogicalOperator: every node:fs rejection is an object with a string code, so each operand is true for all that reaches here and no mix of them gives another answer
  return typeof error === "object" && error !== null && "code" in error && typeof error.code === "string" ? error.code : String(error);
}

/**
 * Checks, before anything is created, that the secret can be written to `path`: nothing exists
 * there (not even a dangling link), and its folder exists and is writable. Resolves to the
 * absolute path; throws a CliError (exit 2) saying what is wrong.
 *
 * @example
 * ```ts
 * const target = await checkSecretFileTarget("./ci.key"); // "/home/ada/ci.key"
 * ```
 */
export async function checkSecretFileTarget(path: string): Promise<string> {
  if (path === "") throw new CliError("--secret-file needs a file name.", EXIT_USAGE);
  const target = resolve(path);
  const folder = dirname(target);
  try {
    await lstat(target);
    throw new CliError(`${target} exists already; --secret-file never overwrites a file. Name a new file, or move that one away first.`, EXIT_USAGE);
  } catch (error) {
    if (error instanceof CliError) throw error;
    // ENOTDIR: part of the path is a file; the folder check below says which.
    if (code(error) !== "ENOENT" && code(error) !== "ENOTDIR") throw new CliError(`Cannot use ${target} for the secret: ${code(error)}.`, EXIT_USAGE);
  }
  try {
    if (!(await stat(folder)).isDirectory()) throw new CliError(`Cannot write the secret to ${target}: ${folder} is not a folder.`, EXIT_USAGE);
    await access(folder, constants.W_OK | constants.X_OK);
  } catch (error) {
    if (error instanceof CliError) throw error;
    const why = code(error) === "ENOENT" ? "does not exist" : "is not writable";
    throw new CliError(`Cannot write the secret to ${target}: the folder ${folder} ${why}.`, EXIT_USAGE);
  }
  return target;
}

/** What link() fails with where the file system has no hard links (FAT, some network mounts). */
const NO_HARD_LINKS: ReadonlySet<string> = new Set(["EPERM", "ENOTSUP", "EOPNOTSUPP", "ENOSYS"]);

/** Creates `path` (failing if it exists) with mode 0600 and `secret` in it, flushed to disk. */
async function writeExclusively(path: string, secret: string): Promise<void> {
  const handle = await open(path, "wx", SECRET_FILE_MODE);
  try {
    // The umask may have taken bits away from the mode asked for; this makes it exactly 0600.
    await handle.chmod(SECRET_FILE_MODE);
    // UTF-8, writeFile's default for a string.
    await handle.writeFile(secret);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Writes `secret` to `target` (absolute, checked by {@link checkSecretFileTarget}) with mode 0600,
 * atomically and without ever replacing a file: see the file comment. The file holds the secret
 * alone, without a line break, as tools that read a secret from a file expect. Throws a CliError
 * naming the file when it cannot, leaving no temporary file behind.
 *
 * @example
 * ```ts
 * await writeSecretFile("/home/ada/ci.key", created.value);
 * ```
 */
export async function writeSecretFile(target: string, secret: string): Promise<void> {
  const temporary = join(dirname(target), `.${basename(target)}.${randomBytes(6).toString("hex")}.tmp`);
  try {
    await writeExclusively(temporary, secret);
    try {
      await link(temporary, target);
    } catch (error) {
      // A file system without hard links: create the name itself, still exclusively (never
      // clobbering), giving up only the all-or-nothing appearance.
      if (!NO_HARD_LINKS.has(code(error))) throw error;
      await writeExclusively(target, secret);
    }
  } catch (error) {
    const why = code(error) === "EEXIST" ? "a file of that name appeared meanwhile (it was left alone)" : code(error);
    throw new CliError(`Could not write the secret to ${target}: ${why}.`);
  } finally {
    await unlink(temporary).catch(() => undefined);
  }
}
