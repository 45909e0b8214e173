// Reading a spec for comparison: from a file or from `git show <ref>:spec/openapi.yaml`, YAML or
// JSON, through the one loader in spec/load.ts. Every problem is a UsageError (exit code 2)
// worded as every command words one: `file:line:col message`.

import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, statSync } from "node:fs";
import { isObject, type JsonObject } from "../spec/json.js";
import { parseSpecText, type LoadedSpec } from "../spec/load.js";
import { formatProblem, SpecProblemsError } from "../spec/problems.js";
import type { RefError } from "../spec/refs.js";

/** A problem with what the user asked for (exit code 2), as opposed to a bug. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

export const SPEC_PATH = "spec/openapi.yaml";

/** Where the base spec comes from, as `--base` named it. */
export type BaseSource = { readonly kind: "file"; readonly path: string } | { readonly kind: "ref"; readonly ref: string };

/** A spec read for comparison: an OpenAPI document, and where its parts are written. */
export interface ComparedSpec extends LoadedSpec {
  readonly data: JsonObject;
}

/** Parses YAML or JSON text into an OpenAPI document; `source` names it in errors. */
export function loadComparedSpec(text: string, source: string): ComparedSpec {
  let spec: LoadedSpec;
  try {
    spec = parseSpecText(text, source);
  } catch (error) {
    if (error instanceof SpecProblemsError) throw new UsageError(error.message);
    throw error;
  }
  const { data } = spec;
  if (!isObject(data) || typeof data.openapi !== "string") {
    throw new UsageError(`${source} is not an OpenAPI document (no "openapi" version field at the top).`);
  }
  return { ...spec, data };
}

/**
 * A reference that cannot be followed, as a UsageError at the place it is written: `sources`
 * maps each document the comparison walked to the spec whose text holds it.
 */
export function refUsageError(error: RefError, sources: ReadonlyMap<unknown, ComparedSpec>): UsageError {
  const spec = sources.get(error.root);
  if (spec === undefined) return new UsageError(error.message);
  const { line, col } = spec.locatePointer(error.pointer);
  return new UsageError(formatProblem(spec.file, { line, col, severity: "error", message: error.message }));
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
