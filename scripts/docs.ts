// npm run docs                 spec/openapi.yaml → docs/index.html (one self-contained file),
//                              and CHANGELOG-API.md → docs/changelog.html beside it
// npm run docs:serve [-- --port 8080]   build, then serve both on http://127.0.0.1:<port>/
//
// The page Redocly renders is the spec with generated code samples (TypeScript, CLI, curl), the
// API and package versions and a link to the changelog laid over it; the spec file itself is
// never written. See scripts/docs/. After the build, nothing in either page may be fetched from
// http(s) (script, stylesheet, font), or the build fails.

import { readFile } from "node:fs/promises";
import { createServer } from "node:http";
import { basename, relative, resolve } from "node:path";
import { parseArgs } from "node:util";
import { buildDocs } from "./docs/build-docs.js";
import { SAMPLE_LANGUAGES, type SampleKind } from "./docs/code-samples.js";

const { values } = parseArgs({
  options: {
    serve: { type: "boolean", default: false },
    port: { type: "string", default: "8080" },
    spec: { type: "string", default: "spec/openapi.yaml" },
    out: { type: "string", default: "docs/index.html" },
    changelog: { type: "string", default: "CHANGELOG-API.md" },
  },
});

const specPath = resolve(values.spec);
const outPath = resolve(values.out);
const outFile = relative(process.cwd(), outPath);

const NOTES_SHOWN = 5;

function servePort(text: string): number {
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65_535) {
    throw new Error(`--port must be an integer from 0 to 65535, got "${text}"`);
  }
  return port;
}

/** The pages the build wrote, by URL path. */
function servedPages(changelogPage: string | undefined): Map<string, string> {
  const pages = new Map([["/", outPath], [`/${basename(outPath)}`, outPath]]);
  if (changelogPage !== undefined) pages.set(`/${basename(changelogPage)}`, changelogPage);
  return pages;
}

function serve(port: number, pages: ReadonlyMap<string, string>): void {
  const server = createServer((request, response) => {
    const path = (request.url ?? "/").split("?")[0] ?? "/";
    const file = pages.get(path);
    if (request.method !== "GET" && request.method !== "HEAD") {
      response.writeHead(405, { allow: "GET, HEAD" }).end();
    } else if (file !== undefined) {
      readFile(file).then(
        (html) => {
          response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
          response.end(request.method === "HEAD" ? undefined : html);
        },
        () => response.writeHead(500, { "content-type": "text/plain" }).end(`${relative(process.cwd(), file)} could not be read\n`),
      );
    } else {
      response.writeHead(404, { "content-type": "text/plain" }).end("Not found: the docs are at /\n");
    }
  });
  server.on("error", (error: NodeJS.ErrnoException) => {
    console.error(error.code === "EADDRINUSE" ? `Port ${port} is in use; pick another with --port.` : error.message);
    process.exitCode = 1;
  });
  server.listen(port, "127.0.0.1", () => {
    const address = server.address();
    const actual = address !== null && typeof address === "object" ? address.port : port;
    console.log(`Serving ${outFile} at http://127.0.0.1:${actual}/ (Ctrl+C to stop)`);
  });
}

/** "4 operations with TypeScript, CLI and curl samples", or what is missing where. */
function samplesSummary(operations: number, samples: Readonly<Record<SampleKind, number>>): string {
  const kinds = Object.keys(SAMPLE_LANGUAGES) as SampleKind[];
  const labels = kinds.map((kind) => SAMPLE_LANGUAGES[kind].label);
  if (kinds.every((kind) => samples[kind] === operations)) {
    return `${operations} operations with ${labels.slice(0, -1).join(", ")} and ${labels.at(-1)} samples`;
  }
  return `${operations} operations; samples: ${kinds.map((kind) => `${SAMPLE_LANGUAGES[kind].label} ${samples[kind]}`).join(", ")}`;
}

try {
  const port = values.serve ? servePort(values.port) : undefined;
  const started = performance.now();
  const result = await buildDocs({
    specPath,
    specFile: relative(process.cwd(), specPath),
    outPath,
    configPath: resolve("redocly.yaml"),
    packageJsonPath: resolve("package.json"),
    changelogPath: resolve(values.changelog),
  });
  const ms = Math.round(performance.now() - started);
  const megabytes = (result.bytes / 1024 / 1024).toFixed(1);
  const changelog = result.changelogPage === undefined
    ? `no changelog page (${values.changelog} not found)`
    : `${relative(process.cwd(), result.changelogPage)} from ${values.changelog}`;
  console.log(`${outFile}: ${megabytes} MB, self-contained (no http(s) script, stylesheet or font), built in ${ms} ms`);
  console.log(`  ${samplesSummary(result.operations, result.samples)}; ${changelog}`);
  // A synthetic spec of thousands of operations (bench:scale) would print thousands of these.
  for (const note of result.notes.slice(0, NOTES_SHOWN)) console.log(`  note: ${note}`);
  if (result.notes.length > NOTES_SHOWN) console.log(`  note: … and ${result.notes.length - NOTES_SHOWN} more`);
  if (port !== undefined) serve(port, servedPages(result.changelogPage));
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
}
