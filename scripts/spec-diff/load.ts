// Reading a spec: from a file or from `git show <ref>:spec/openapi.yaml`, as YAML or JSON.
// Published specs are about 3 MB; the `yaml` package needs 2-4 s for that, js-yaml about 0.2 s,
// so js-yaml is used when it can be resolved and `yaml` otherwise.

import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { isObject, type JsonObject } from "./json.js";

/** A problem with what the user asked for (exit code 2), as opposed to a bug. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

export const SPEC_PATH = "spec/openapi.yaml";

/** Where the base spec comes from, as `--base` named it. */
export type BaseSource = { readonly kind: "file"; readonly path: string } | { readonly kind: "ref"; readonly ref: string };

interface FastYaml {
  load(text: string, options: { schema: unknown; filename: string }): unknown;
  CORE_SCHEMA: unknown;
}

let fastYaml: FastYaml | null | undefined;

function loadFastYaml(): FastYaml | null {
  if (fastYaml === undefined) {
    try {
      fastYaml = createRequire(import.meta.url)("js-yaml") as FastYaml;
    } catch {
      fastYaml = null;
    }
  }
  return fastYaml;
}

/** Parses YAML or JSON text into an OpenAPI document; `source` names it in errors. */
export async function parseSpec(text: string, source: string): Promise<JsonObject> {
  let document: unknown;
  try {
    if (/^\s*\{/.test(text)) {
      document = JSON.parse(text);
    } else {
      const fast = loadFastYaml();
      // The core schema keeps dates and the like as the strings JSON would have.
      if (fast) document = fast.load(text, { schema: fast.CORE_SCHEMA, filename: source });
      else document = (await import("yaml")).parse(text, { uniqueKeys: false });
    }
  } catch (error) {
    throw new UsageError(`${source} is not valid YAML or JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!isObject(document) || typeof document.openapi !== "string") {
    throw new UsageError(`${source} is not an OpenAPI document (no "openapi" version field at the top).`);
  }
  return document;
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
