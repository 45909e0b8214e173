// npm run spec:changelog [-- --repo <dir>] [--spec <path>] [--out <file>] [--html <file>] [--check]
//
// Writes the history of the API surface: one entry per version of the spec in git (each commit on
// the first-parent line of HEAD that changed info.version, and the working tree when its version
// is new), with the changes since the version before through the engine of spec:diff, breaking
// first. CHANGELOG-API.md is committed; `--check` fails when it no longer matches the history.
// docs/changelog.html is the same as a page (npm run docs writes it too, linked from the docs).

import { execFileSync } from "node:child_process";
import { realpathSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { basename, dirname, relative, resolve } from "node:path";
import { parseArgs } from "node:util";
import { changelogEntries } from "./changelog/entries.js";
import { specHistory } from "./changelog/history.js";
import { changelogMarkdown } from "./changelog/markdown.js";
import { changelogPage } from "./docs/changelog-page.js";
import { isObject } from "./spec/json-value.js";

const USAGE = `Usage: npm run spec:changelog -- [--repo <dir>] [--spec <path>] [--out <file>] [--html <file>] [--check]

Writes the API changelog from the git history of the spec: one entry per commit that changed its
info.version (first-parent line of HEAD; the working tree too when its version is new), each
with the changes since the version before, as spec:diff classifies them, breaking first.

  --repo <dir>    the repository (default: the current directory)
  --spec <path>   the spec, relative to --repo (default: spec/openapi.yaml)
  --out <file>    the Markdown (default: CHANGELOG-API.md in --repo)
  --html <file>   the page beside the docs (default: docs/changelog.html in --repo)
  --check         write nothing; exit 1 when --out differs from what the history gives

Exit codes: 0 written (or up to date with --check); 1 --out is out of date (--check);
2 bad usage, or no git history to read.`;

class UsageError extends Error {}

function options(argv: readonly string[]) {
  try {
    return parseArgs({
      args: [...argv],
      options: {
        repo: { type: "string" },
        spec: { type: "string" },
        out: { type: "string" },
        html: { type: "string" },
        check: { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

/** The top of the work tree that holds `dir`, or a UsageError saying there is none. */
function workTree(dir: string): string {
  try {
    return execFileSync("git", ["-C", realpathSync(dir), "rev-parse", "--show-toplevel"], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim();
  } catch {
    throw new UsageError(`${dir} is not inside a git repository; the changelog is read from git history.`);
  }
}

async function main(argv: readonly string[]): Promise<number> {
  const values = options(argv);
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const repo = workTree(resolve(values.repo ?? "."));
  // The spec is named relative to --repo (or the current directory), and read relative to the top.
  const spec = relative(repo, resolve(realpathSync(resolve(values.repo ?? ".")), values.spec ?? "spec/openapi.yaml")).split("\\").join("/");
  const out = resolve(repo, values.out ?? "CHANGELOG-API.md");
  const html = resolve(repo, values.html ?? "docs/changelog.html");

  const history = specHistory({ repo, spec });
  for (const note of history.notes) process.stderr.write(`spec:changelog: ${note}\n`);
  if (history.versions.length === 0) throw new UsageError(`${spec} has no version with an info.version in ${repo}, committed or not.`);
  const entries = await changelogEntries(history.versions);
  const markdown = changelogMarkdown(entries, { spec });
  const shown = relative(process.cwd(), out) || basename(out);
  const summary = `${entries.length} version${entries.length === 1 ? "" : "s"} (${entries.map((entry) => `API ${entry.version}`).reverse().join(", ")})`;

  if (values.check) {
    const current = await readFile(out, "utf8").catch(() => undefined);
    if (current === markdown) {
      process.stdout.write(`${shown} is up to date: ${summary}.\n`);
      return 0;
    }
    process.stderr.write(`${shown} ${current === undefined ? "does not exist" : "is out of date"}: run npm run spec:changelog and commit it.\n`);
    return 1;
  }

  await writeFile(out, markdown);
  const latest = history.versions.at(-1)?.document;
  const info = isObject(latest?.info) ? latest.info : undefined;
  const title = typeof info?.title === "string" ? info.title : "API";
  await mkdir(dirname(html), { recursive: true });
  await writeFile(html, changelogPage(markdown, { title, referenceHref: "index.html" }));
  process.stdout.write(`${shown}: ${summary}; and ${relative(process.cwd(), html) || basename(html)}.\n`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`spec:changelog: ${error.message}\n\n${USAGE}\n`);
    process.exitCode = 2;
  },
);
