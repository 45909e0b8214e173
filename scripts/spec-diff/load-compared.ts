// Reading a spec for comparison: from a file or from `git show <ref>:spec/openapi.yaml`, YAML or
// JSON, through the one loader in spec/load.ts. A command line that asks for something that is
// not there is a UsageError (exit 2); a spec that is there but cannot be read (its syntax, a
// `$ref` that leads nowhere, not an OpenAPI document) an UnreadableSpecError (exit 3), worded
// as every command words a problem: `file:line:col message`.

import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, statSync } from "node:fs";
import { isObject, type JsonObject } from "../spec/json-value.js";
import { parseSpecText, type LoadedSpec } from "../spec/load.js";
import { SpecProblemsError } from "../spec/problems.js";
import type { RefError } from "../spec/refs.js";

/** A problem with what the user asked for (exit code 2), as opposed to a bug. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

/**
 * A spec that cannot be read or compared (exit code 3). `message` is the one line to print:
 * `spec/openapi.yaml:12:7 YAML syntax error: …`, or `… (at HEAD) …` for the base's spec.
 */
export class UnreadableSpecError extends Error {
  override readonly name = "UnreadableSpecError";
  constructor(
    readonly file: string,
    /** 1-based; 0 when the problem has no place in the file (it cannot be read at all). */
    readonly line: number,
    readonly col: number,
    readonly reason: string,
    /** The git ref or file the spec was read from, when it is not the working tree's. */
    readonly revision?: string,
  ) {
    const at = line > 0 ? `${file}:${line}:${col}` : `${file}:`;
    super(`${at} ${revision === undefined ? "" : `(at ${revision}) `}${reason.replace(/\s*\n\s*/g, " ")}`);
  }
}

export const SPEC_PATH = "spec/openapi.yaml";

/** Where the base spec comes from, as `--base` named it. */
export type BaseSource = { readonly kind: "file"; readonly path: string } | { readonly kind: "ref"; readonly ref: string };

/** A spec read for comparison: an OpenAPI document, and where its parts are written. */
export interface ComparedSpec extends LoadedSpec {
  readonly data: JsonObject;
  /** Where the text was read from, when not the working tree: a git ref or a file. */
  readonly revision?: string;
}

/**
 * Parses YAML or JSON text into an OpenAPI document; `source` names it in errors, and
 * `revision` says where it was read from when that is not the working tree (`HEAD`).
 */
export function loadComparedSpec(text: string, source: string, revision?: string): ComparedSpec {
  let spec: LoadedSpec;
  try {
    spec = parseSpecText(text, source);
  } catch (error) {
    if (!(error instanceof SpecProblemsError)) throw error;
    const [problem] = error.problems;
    throw new UnreadableSpecError(source, problem?.line ?? 0, problem?.col ?? 1, problem?.message ?? error.message, revision);
  }
  const { data } = spec;
  if (!isObject(data) || typeof data.openapi !== "string") {
    throw new UnreadableSpecError(source, 1, 1, 'is not an OpenAPI document (no "openapi" version field at the top).', revision);
  }
  return { ...spec, data, ...(revision === undefined ? {} : { revision }) };
}

/**
 * A reference that cannot be followed, as an UnreadableSpecError at the place it is written:
 * `sources` maps each document the comparison walked to the spec whose text holds it.
 */
export function refProblem(error: RefError, sources: ReadonlyMap<unknown, ComparedSpec>): UnreadableSpecError {
  const spec = sources.get(error.root);
  if (spec === undefined) return new UnreadableSpecError("(unknown document)", 0, 1, error.message);
  const { line, col } = spec.locatePointer(error.pointer);
  return new UnreadableSpecError(spec.file, line, col, error.message, spec.revision);
}

/** The text of a spec the command must read (not one the user named): missing is unreadable. */
export function readSpecText(path: string, file: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    const reason = error instanceof Error && "code" in error && error.code === "ENOENT" ? "no such file" : String(error);
    throw new UnreadableSpecError(file, 0, 1, `cannot be read: ${reason}`);
  }
}

export function readText(path: string): string {
  if (!existsSync(path) || !statSync(path).isFile()) throw new UsageError(`No such file: ${path}`);
  return readFileSync(path, "utf8");
}

/** `--base <value>`: an existing file wins; otherwise a git ref; otherwise a clear error. */
export function resolveBase(value: string, cwd: string): BaseSource {
  if (existsSync(value) && statSync(value).isFile()) return { kind: "file", path: value };
  if (isCommit(value, cwd)) return { kind: "ref", ref: value };
  if (/\.(ya?ml|json)$/i.test(value) || value.includes("\\")) throw new UsageError(`--base: no such file: ${value}`);
  throw new UsageError(`--base: "${value}" is neither a file nor a git ref of this repository.`);
}

function isCommit(ref: string, cwd: string): boolean {
  if (ref.startsWith("-")) return false;
  try {
    git(["rev-parse", "--verify", "--quiet", `${ref}^{commit}`], cwd);
    return true;
  } catch {
    return false;
  }
}

/** A file as committed at `ref`, or undefined when the ref or the file does not exist. */
export function fileAtRef(ref: string, path: string, cwd: string): string | undefined {
  try {
    return git(["show", `${ref}:./${path}`], cwd);
  } catch {
    return undefined;
  }
}

export function readBaseSpec(base: BaseSource, cwd: string): { text: string; label: string } {
  if (base.kind === "file") return { text: readText(base.path), label: base.path };
  const text = fileAtRef(base.ref, SPEC_PATH, cwd);
  if (text === undefined) throw new UsageError(`${SPEC_PATH} does not exist at ${base.ref}.`);
  return { text, label: base.ref };
}

function git(args: readonly string[], cwd: string): string {
  return execFileSync("git", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], maxBuffer: 64 * 1024 * 1024 });
}
