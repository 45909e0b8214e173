// npm run docs                 spec/openapi.yaml → docs/index.html (one self-contained file)
// npm run docs:serve [-- --port 8080]   build, then serve it on http://127.0.0.1:<port>/
//
// Redocly's default page loads the Redoc script from a CDN, so offline the operations never
// render. --inlineBundle embeds it; afterwards we check that nothing (script, stylesheet, font)
// is still fetched from http(s), and fail the build if it is. The bundle also draws Redocly's
// attribution logo from its CDN; we swap that image for an inline one, so that opening the page
// makes no request to any other host.

import { spawn } from "node:child_process";
import { mkdir, readFile, stat, writeFile } from "node:fs/promises";
import { createServer } from "node:http";
import { createRequire } from "node:module";
import { dirname, join, relative, resolve } from "node:path";
import { parseArgs } from "node:util";
import { isObject } from "./spec/json.js";
import { readSpecFile } from "./spec/load.js";

const { values } = parseArgs({
  options: {
    serve: { type: "boolean", default: false },
    port: { type: "string", default: "8080" },
    spec: { type: "string", default: "spec/openapi.yaml" },
    out: { type: "string", default: "docs/index.html" },
  },
});

const specPath = resolve(values.spec);
const outPath = resolve(values.out);
const outFile = relative(process.cwd(), outPath);

/** The page's <title>: the spec's info.title. (Redoc renders info.description on the page.) */
async function specTitle(): Promise<string> {
  const { data } = await readSpecFile(specPath, relative(process.cwd(), specPath));
  const info = isObject(data) ? data.info : undefined;
  const title = isObject(info) ? info.title : undefined;
  return typeof title === "string" && title.trim() !== "" ? title.trim() : "API reference";
}

/** Runs `redocly build-docs`; its chatter is shown only when it fails. */
async function buildDocs(): Promise<void> {
  const title = await specTitle();
  const cli = join(dirname(createRequire(import.meta.url).resolve("@redocly/cli/package.json")), "bin/cli.js");
  const args = [
    cli, "build-docs", specPath,
    "--inlineBundle",
    "--output", outPath,
    "--title", title,
    "--config", resolve("redocly.yaml"),
  ];
  await mkdir(dirname(outPath), { recursive: true });
  const output: Buffer[] = [];
  const exitCode = await new Promise<number | null>((done, fail) => {
    const child = spawn(process.execPath, args, {
      env: { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout.on("data", (chunk: Buffer) => output.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => output.push(chunk));
    child.on("error", fail);
    child.on("close", done);
  });
  if (exitCode !== 0) {
    process.stderr.write(Buffer.concat(output));
    throw new Error(`redocly build-docs exited with ${exitCode}`);
  }
}

/** Redocly's attribution logo, as an inline SVG instead of an image on its CDN. */
const INLINE_LOGO = `data:image/svg+xml,${encodeURIComponent(
  '<svg xmlns="http://www.w3.org/2000/svg" width="58" height="14" viewBox="0 0 58 14">' +
    '<text x="0" y="11" font-family="sans-serif" font-size="11" font-weight="600" fill="#0044d4">Redocly</text></svg>',
)}`;
const CDN_LOGO = /https:\/\/cdn\.redoc\.ly\/redoc\/logo-mini(?:-full)?\.svg/g;

async function inlineLogo(): Promise<void> {
  const html = await readFile(outPath, "utf8");
  await writeFile(outPath, html.replace(CDN_LOGO, INLINE_LOGO));
}

/** References that make a browser fetch a script, stylesheet or font from the network. */
const REMOTE = String.raw`["']?(?:https?:)?\/\/`;
const REMOTE_RESOURCE_PATTERNS = [
  new RegExp(String.raw`<script\b[^>]*\bsrc\s*=\s*${REMOTE}`, "i"),
  new RegExp(String.raw`<link\b[^>]*\bhref\s*=\s*${REMOTE}`, "i"),
  // An inline module importing from a CDN (Redocly's default page does this).
  new RegExp(String.raw`\bimport\s*(?:[\w{}\s,*]+\bfrom\s*|\(\s*)${REMOTE}`, "i"),
  new RegExp(String.raw`@import\s+(?:url\()?\s*${REMOTE}`, "i"),
  new RegExp(String.raw`@font-face\s*\{[^}]*url\(\s*${REMOTE}`, "i"),
];

async function assertSelfContained(): Promise<void> {
  const html = await readFile(outPath, "utf8");
  const found = REMOTE_RESOURCE_PATTERNS.map((pattern) => pattern.exec(html)?.[0]).filter((match) => match !== undefined);
  if (found.length > 0) {
    throw new Error(`${outFile} is not self-contained; it still loads: ${found.join(" | ")}`);
  }
}

function servePort(text: string): number {
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65_535) {
    throw new Error(`--port must be an integer from 0 to 65535, got "${text}"`);
  }
  return port;
}

function serve(port: number): void {
  const server = createServer((request, response) => {
    const path = (request.url ?? "/").split("?")[0];
    if (request.method !== "GET" && request.method !== "HEAD") {
      response.writeHead(405, { allow: "GET, HEAD" }).end();
    } else if (path === "/" || path === "/index.html") {
      readFile(outPath).then(
        (html) => {
          response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
          response.end(request.method === "HEAD" ? undefined : html);
        },
        () => response.writeHead(500, { "content-type": "text/plain" }).end(`${outFile} could not be read\n`),
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

try {
  const port = values.serve ? servePort(values.port) : undefined;
  const started = performance.now();
  await buildDocs();
  await inlineLogo();
  await assertSelfContained();
  const { size } = await stat(outPath);
  const ms = Math.round(performance.now() - started);
  const megabytes = (size / 1024 / 1024).toFixed(1);
  console.log(`${outFile}: ${megabytes} MB, self-contained (no http(s) script, stylesheet or font), built in ${ms} ms`);
  if (port !== undefined) serve(port);
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
}
