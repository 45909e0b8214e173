// Redocly's lint of one spec, in a worker thread, so that `npm run generate` renders the files
// on the main thread while it lints: on a spec of 2,000 operations the lint alone takes ~8 s
// and rendering as long again, one after the other. Plain JavaScript: a worker is started by
// Node itself, outside tsx and vitest, and must load without a TypeScript loader.
// Receives { path, text, configPath }; posts { problems } (see lint-spec.ts for their shape)
// or { error: { message, stack } }.

import { createRequire } from "node:module";
import { parentPort, workerData } from "node:worker_threads";

const { getLineColLocation, lintFromString, loadConfig } = createRequire(import.meta.url)("@redocly/openapi-core");

try {
  const { path, text, configPath } = workerData;
  const config = await loadConfig({ configPath });
  const found = await lintFromString({ source: text, absoluteRef: path, config });
  // Only what a problem says and where: a Redocly location holds the whole source text.
  const problems = found.map((problem) => {
    const location = problem.location[0];
    const start = location ? getLineColLocation(location).start : undefined;
    return { line: start?.line, col: start?.col, ruleId: problem.ruleId, severity: problem.severity, message: problem.message };
  });
  parentPort?.postMessage({ problems });
} catch (error) {
  parentPort?.postMessage({ error: { message: error instanceof Error ? error.message : String(error), stack: error instanceof Error ? error.stack : undefined } });
}
