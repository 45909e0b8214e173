// The docs step of a build: `scripts/docs.ts` (the same command as `npm run docs`), run as a
// child process so that the docs build stays whatever its owners make it, into a scratch
// directory; only when it succeeds are its pages moved over docs/, one rename each, so the
// served docs are never half-written and a failed build leaves the last good ones in place.

import { spawn, type ChildProcess } from "node:child_process";
import { mkdir, readdir, rename, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const DOCS_SCRIPT = join(import.meta.dirname, "..", "docs.ts");
// This package's tsx, whatever the root being watched has installed.
const TSX = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;

export interface DocsOutcome {
  readonly ok: boolean;
  /** The pages moved into docs/ (`index.html`, `changelog.html`), or why none were. */
  readonly pages: readonly string[];
  readonly error?: string;
}

export class DocsStep {
  private child: ChildProcess | undefined;
  private stopped = false;

  constructor(
    private readonly root: string,
    private readonly docsDir: string,
  ) {}

  async run(): Promise<DocsOutcome> {
    if (this.stopped) return { ok: false, pages: [], error: "stopped" };
    const scratch = join(this.root, ".tmp", "dev-docs");
    await rm(scratch, { recursive: true, force: true });
    await mkdir(scratch, { recursive: true });
    const { code, output } = await this.spawnDocs(["--spec", join(this.root, "spec/openapi.yaml"), "--out", join(scratch, "index.html")]);
    if (code !== 0 || this.stopped) {
      await rm(scratch, { recursive: true, force: true });
      const error = output.trim().split("\n").slice(-5).join("\n") || `scripts/docs.ts exited with ${code}`;
      return { ok: false, pages: [], error };
    }
    await mkdir(this.docsDir, { recursive: true });
    const pages = (await readdir(scratch)).sort();
    for (const page of pages) await rename(join(scratch, page), join(this.docsDir, page));
    await rm(scratch, { recursive: true, force: true });
    return { ok: true, pages };
  }

  /**
   * Ends a docs build still running (on Ctrl+C), and refuses new ones. The child runs in a
   * process group of its own, so Redocly's process under it ends too.
   */
  stop(): void {
    this.stopped = true;
    const pid = this.child?.pid;
    if (pid === undefined) return;
    try {
      process.kill(-pid, "SIGTERM");
    } catch {
      // Already gone.
    }
  }

  private spawnDocs(args: readonly string[]): Promise<{ code: number | null; output: string }> {
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, ["--import", TSX, DOCS_SCRIPT, ...args], { cwd: this.root, stdio: ["ignore", "pipe", "pipe"], detached: true });
      this.child = child;
      let output = "";
      child.stdout.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
      child.stderr.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
      child.once("error", reject);
      child.once("close", (code) => {
        this.child = undefined;
        resolve({ code, output });
      });
    });
  }
}
