// npm run dev [-- --port 8080] [--root <project>] [--debounce 150]
//
// Edit the spec with everything it feeds kept up to date: watches spec/ and redocly.yaml, and on
// each save lints, reports spec:diff against HEAD, regenerates generated/ and re-renders the
// docs, printing one short block per save. A save that does not parse or lint prints its
// file:line:col problems and leaves the last good generated/ and docs in place. The docs are
// served on 127.0.0.1 and reload themselves after each good save. See scripts/dev/.

import { readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { BuildQueue } from "./dev/build-queue.js";
import { DevBuild } from "./dev/rebuild.js";
import { startDevServer, type DevServer } from "./dev/server.js";
import { formatStatus } from "./dev/status.js";
import { watchSources, type SourceWatcher } from "./dev/watch.js";

const USAGE = `Usage: npm run dev -- [--port <n>] [--root <project directory>] [--debounce <ms>]

Watches spec/ and redocly.yaml. On each save: lint, spec:diff against HEAD, generate, docs;
one status block per save. Serves docs/ on http://127.0.0.1:<port>/ (default 8080; 0 picks a
free port), and the page reloads itself after each good save. Ctrl+C stops it.`;

function integer(name: string, text: string, max: number): number {
  const value = Number(text);
  if (!/^\d+$/.test(text) || value > max) throw new RangeError(`--${name} must be an integer from 0 to ${max}; got "${text}"`);
  return value;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: "string", default: "8080" },
      root: { type: "string", default: "." },
      debounce: { type: "string", default: "150" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const port = integer("port", values.port, 65_535);
  const debounceMs = integer("debounce", values.debounce, 60_000);
  const root = resolve(values.root);
  // Every path the pipeline prints (file:line:col) is relative to the working directory.
  process.chdir(root);

  const startText = await readFile(join(root, "spec/openapi.yaml"), "utf8").catch(() => undefined);
  const build = new DevBuild(root, startText);
  let server: DevServer;
  try {
    server = await startDevServer(join(root, "docs"), port);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    console.error(code === "EADDRINUSE" ? `npm run dev: port ${port} is in use; pick another with --port (0 for any free one).` : String(error));
    process.exitCode = 2;
    return;
  }

  let stopping = false;
  // What the watcher saw is only a trigger: the build compares contents to say what changed
  // (an editor's temporary file names say nothing useful).
  const queue = new BuildQueue<readonly string[]>(async () => {
    try {
      const report = await build.run();
      // A build cut short by Ctrl+C has nothing true to report.
      if (stopping) return;
      const clients = report.outcome === "built" && report.docs?.ok ? server.send("reload", { build: report.number }) : 0;
      if (report.outcome === "refused") server.send("refused", { build: report.number, problems: report.problems });
      process.stdout.write(formatStatus(report, clients));
    } catch (error) {
      // A bug in a step must not end the loop: the next save gets a fresh try.
      console.error(`── build failed unexpectedly:\n${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
  });

  let watcher: SourceWatcher;
  try {
    watcher = watchSources(root, debounceMs, (files) => queue.request(files));
  } catch (error) {
    console.error(`npm run dev: cannot watch ${join(root, "spec")}: ${(error as Error).message}`);
    await server.close();
    process.exitCode = 2;
    return;
  }
  console.log(`npm run dev: watching spec/ and redocly.yaml in ${root} (debounce ${debounceMs} ms)`);
  console.log(`Serving docs/ at ${server.url} (reloads after each good save; Ctrl+C to stop)`);
  queue.request([]);

  const stop = async (): Promise<void> => {
    if (stopping) process.exit(130); // a second Ctrl+C: do not wait
    stopping = true;
    watcher.close();
    queue.stop();
    build.stop();
    // generated/ is written file by file: let a build that is writing it finish (the docs
    // child was just ended, so that is quick), rather than leave it half old, half new.
    await Promise.race([queue.idle(), new Promise((resolve) => setTimeout(resolve, 10_000).unref())]);
    await server.close();
    console.log("npm run dev: stopped.");
    process.exit(0);
  };
  process.on("SIGINT", () => void stop());
  process.on("SIGTERM", () => void stop());
}

main().catch((error: unknown) => {
  const usage = error instanceof RangeError || String((error as { code?: unknown }).code).startsWith("ERR_PARSE_ARGS");
  console.error(usage ? `npm run dev: ${(error as Error).message}\n\n${USAGE}` : error);
  process.exitCode = usage ? 2 : 1;
});
