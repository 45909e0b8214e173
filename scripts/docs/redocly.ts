// Running `redocly build-docs` on the document to render. --inlineBundle embeds Redoc in the page:
// Redocly's default page loads it from a CDN, so offline the operations would never render. Its
// chatter is shown only when it fails.

import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

export interface RedoclyBuild {
  /** The document to render (a file Redocly can read: JSON or YAML). */
  readonly input: string;
  readonly output: string;
  /** The page's <title>. */
  readonly title: string;
  /** redocly.yaml: its `openapi` section configures Redoc (the code sample languages). */
  readonly config: string;
}

export async function redoclyBuildDocs(build: RedoclyBuild): Promise<void> {
  const cli = join(dirname(createRequire(import.meta.url).resolve("@redocly/cli/package.json")), "bin/cli.js");
  const args = [cli, "build-docs", build.input, "--inlineBundle", "--output", build.output, "--title", build.title, "--config", build.config];
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
    throw new Error(`redocly build-docs exited with ${exitCode}:\n${Buffer.concat(output).toString("utf8").trim()}`);
  }
}
