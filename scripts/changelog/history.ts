// The versions of the API in git: each commit on the first-parent line of HEAD that changed
// `info.version` of the spec, oldest first, with the spec as that commit left it. The working
// tree's spec is the last one when its info.version is new, so that the entry of a version can
// be written, and committed, together with the change that sets it.
//
// Why info.version and not tags: `v*` tags (what `npm version` makes) name releases of the npm
// package, whose version is not the API's; the API's version is written in the spec itself, and
// needs nothing but the commit that changes it.

import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { isObject, type JsonObject } from "../spec/json-value.js";
import { parseSpecText } from "../spec/load.js";
import { SpecProblemsError } from "../spec/problems.js";

export interface SpecVersion {
  /** `info.version`. */
  readonly version: string;
  /** The commit that set it (full hash); null for the working tree. */
  readonly commit: string | null;
  readonly document: JsonObject;
}

export interface SpecHistory {
  readonly versions: SpecVersion[];
  /** What the history could not say for sure: commits skipped, a shallow clone. */
  readonly notes: string[];
}

export interface HistoryOptions {
  /** The repository (any folder inside its work tree). */
  readonly repo: string;
  /** The spec's path inside the repository, with `/`. */
  readonly spec: string;
  /** Count the working tree's spec when its version is new (default true). */
  readonly workingTree?: boolean;
}

function git(repo: string, args: readonly string[], input?: string): Buffer {
  return execFileSync("git", ["-C", repo, ...args], {
    input,
    maxBuffer: 512 * 1024 * 1024,
    stdio: ["pipe", "pipe", "pipe"],
  });
}

/**
 * The spec's text at each commit, read in one `git cat-file --batch`: one process whatever the
 * length of the history. A commit where the file does not exist is left out.
 */
function specTexts(repo: string, spec: string, commits: readonly string[]): Map<string, string> {
  const texts = new Map<string, string>();
  if (commits.length === 0) return texts;
  const output = git(repo, ["cat-file", "--batch"], commits.map((commit) => `${commit}:./${spec}\n`).join(""));
  let offset = 0;
  for (const commit of commits) {
    const end = output.indexOf(0x0a, offset);
    const header = output.subarray(offset, end).toString("utf8");
    offset = end + 1;
    const match = /^\S+ (\S+) (\d+)$/.exec(header);
    if (match === null) continue; // "<object> missing"
    const size = Number(match[2]);
    if (match[1] === "blob") texts.set(commit, output.subarray(offset, offset + size).toString("utf8"));
    offset += size + 1;
  }
  return texts;
}

/** The document and its info.version, or why it has none. */
function read(text: string, source: string): { document: JsonObject; version: string } | { problem: string } {
  try {
    const { data } = parseSpecText(text, source);
    if (!isObject(data)) return { problem: "is not an OpenAPI document" };
    const info = isObject(data.info) ? data.info : undefined;
    const version = info?.version;
    if (typeof version !== "string" || version.trim() === "") return { problem: "has no info.version" };
    return { document: data, version: version.trim() };
  } catch (error) {
    if (error instanceof SpecProblemsError) {
      const [first] = error.problems;
      return { problem: `does not parse (${first === undefined ? "no detail" : `line ${first.line}: ${first.message}`})` };
    }
    throw error;
  }
}

export function specHistory(options: HistoryOptions): SpecHistory {
  const { repo, spec } = options;
  const notes: string[] = [];
  if (git(repo, ["rev-parse", "--is-shallow-repository"]).toString("utf8").trim() === "true") {
    notes.push("This is a shallow clone: versions before its first commit are missing (fetch the whole history with `git fetch --unshallow`).");
  }
  let commits: string[] = [];
  try {
    commits = git(repo, ["log", "--first-parent", "--reverse", "--format=%H", "HEAD", "--", spec]).toString("utf8").split("\n").filter(Boolean);
  } catch {
    // A repository with no commit yet: the working tree is all there is.
  }
  const texts = specTexts(repo, spec, commits);

  const versions: SpecVersion[] = [];
  const consider = (text: string, commit: string | null): void => {
    const label = commit === null ? `${spec} in the working tree` : `${spec} at ${commit.slice(0, 7)}`;
    const result = read(text, label);
    if ("problem" in result) {
      notes.push(`${label} ${result.problem}; left out.`);
      return;
    }
    if (result.version === versions.at(-1)?.version) return;
    versions.push({ version: result.version, commit, document: result.document });
  };
  for (const commit of commits) {
    const text = texts.get(commit);
    if (text !== undefined) consider(text, commit);
  }
  const workingFile = join(repo, spec);
  if (options.workingTree !== false && existsSync(workingFile)) consider(readFileSync(workingFile, "utf8"), null);
  return { versions, notes };
}
