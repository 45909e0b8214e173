// `npm run dev` as a user runs it: a child process watching a throw-away copy of the project
// (test/pipeline/project-copy.ts), with the docs served on an ephemeral port and a page's event
// stream listened to. A good save shows up in the copy's generated/ and fires the page's reload;
// a save that does not parse or lint prints its file:line:col problems and leaves generated/
// and docs/ as they were; Ctrl+C (SIGINT) ends it cleanly.

import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { readFile, writeFile } from "node:fs/promises";
import { get, type IncomingMessage } from "node:http";
import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { copyProject, ROOT, type ProjectCopy } from "../pipeline/project-copy.js";

const TSX = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;
const LIMIT_OPTIONAL = "      name: limit\n      in: query\n      required: false\n";
const BLOCK_END = /^ {2}(✔ done|✘ refused|✘ built with errors) in [\d.]+ s.*$/m;

/** Everything a stream has written, and a way to wait for what it has not written yet. */
class Transcript {
  text = "";
  private waiters: (() => void)[] = [];

  constructor(stream: NodeJS.ReadableStream) {
    stream.setEncoding("utf8");
    stream.on("data", (chunk: string) => {
      this.text += chunk;
      for (const wake of this.waiters.splice(0)) wake();
    });
  }

  /** Resolves with the first match of `pattern` in what was written after offset `from`. */
  async waitFor(pattern: RegExp, from = 0, timeoutMs = 30_000): Promise<RegExpExecArray> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const match = pattern.exec(this.text.slice(from));
      if (match) return match;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${pattern}; got:\n${this.text.slice(from)}`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 200);
      });
    }
  }
}

/** The status block printed after `from`: from its `── #n` line to its last line. */
async function nextBlock(output: Transcript, from: number): Promise<string> {
  const end = await output.waitFor(BLOCK_END, from);
  const text = output.text.slice(from);
  const blockEnd = end.index + end[0].length;
  return text.slice(text.lastIndexOf("── #", blockEnd), blockEnd);
}

let project: ProjectCopy;
let child: ChildProcessWithoutNullStreams;
let output: Transcript;
/** What it wrote to stderr: nothing, in a run where every step works. */
let errors: Transcript;
let url: string;
let events: Transcript;
let eventStream: IncomingMessage;
let original: string;

const specPath = () => join(project.dir, "spec/openapi.yaml");
const docsPage = () => readFile(join(project.dir, "docs/index.html"), "utf8");

beforeAll(async () => {
  project = await copyProject();
  original = await project.readSpec();
  if (!original.includes(LIMIT_OPTIONAL)) throw new Error("test setup: the Limit parameter is not written as expected");
  child = spawn(process.execPath, ["--import", TSX, join(ROOT, "scripts/dev.ts"), "--root", project.dir, "--port", "0", "--debounce", "100"], { cwd: project.dir });
  output = new Transcript(child.stdout);
  errors = new Transcript(child.stderr);
  url = (await output.waitFor(/Serving docs\/ at (http:\/\/127\.0\.0\.1:\d+\/)/))[1] ?? "";
  await nextBlock(output, 0);
  eventStream = await new Promise<IncomingMessage>((resolve, reject) => get(`${url}__dev/events`, resolve).once("error", reject));
  events = new Transcript(eventStream);
  await events.waitFor(/: connected/);
}, 60_000);

afterAll(async () => {
  eventStream?.destroy();
  if (child !== undefined && child.exitCode === null) child.kill("SIGKILL");
  await project?.remove();
});

describe("npm run dev", () => {
  it("builds at start, and serves the docs with a reload script that docs/index.html on disk does not have", async () => {
    expect(output.text).toMatch(/── #1 \d\d:\d\d:\d\d start ─+\n {2}lint {7}ok\n/);
    const served = await new Promise<string>((resolve, reject) =>
      get(url, (response) => {
        let body = "";
        response.setEncoding("utf8").on("data", (chunk: string) => (body += chunk));
        response.on("end", () => resolve(body));
      }).once("error", reject),
    );
    expect(served).toContain('new EventSource("/__dev/events")');
    expect(served).toContain("<title>OpenAI Organization Admin API Keys</title>");
    const onDisk = await docsPage();
    expect(onDisk).not.toContain("__dev/events");
    expect(served.length).toBeGreaterThan(onDisk.length);
  });

  it("builds a good save once, though the editor wrote it twice: generated/ changes, the block says what it breaks, the page reloads", async () => {
    const before = await project.snapshotGenerated();
    const from = output.text.length;
    const eventsFrom = events.text.length;
    const edited = original.replace(LIMIT_OPTIONAL, "      name: limit\n      in: query\n      required: true\n");
    // As editors save: the file truncated first, then written whole.
    await writeFile(specPath(), "");
    await writeFile(specPath(), edited);

    const block = await nextBlock(output, from);
    const line = edited.split("\n").findIndex((text, index, lines) => text === "      required: true" && lines[index - 2] === "      name: limit") + 1;
    expect(block).toContain("spec/openapi.yaml");
    expect(block).toContain(`breaking     spec/openapi.yaml:${line}:7 request-parameter-became-required (GET /organization/admin_api_keys)`);
    expect(block).toMatch(/spec:diff {2}1 breaking since the spec when npm run dev started/);
    expect(block).toMatch(/generated\/ wrote [a-z.,\s]*schema\.ts/);
    expect(block).toMatch(/✔ done in [\d.]+ s/);
    // One save, one build: the empty write in between was never built.
    expect(output.text.slice(from).match(/── #/g)).toHaveLength(1);

    await events.waitFor(/event: reload\ndata: \{"build":\d+\}/, eventsFrom);
    const after = await project.snapshotGenerated();
    expect(after.get("schema.ts")?.toString()).not.toBe(before.get("schema.ts")?.toString());
    expect(after.get("schema.ts")?.toString()).toMatch(/\n\s+limit: components\["parameters"\]\["Limit"\];/);
    expect(after.get("client.ts")?.toString()).toContain('limit: { required: true, type: "integer"');
  });

  it.each([
    {
      kind: "a YAML syntax error",
      breakSpec: (spec: string) => spec.replace("summary: Retrieve a single organization API key", "summary: [Retrieve a single organization API key"),
      // The parser notices the unclosed bracket on the line after it.
      says: (bad: string) => new RegExp(`^ {2}spec/openapi\\.yaml:${bad.split("\n").findIndex((text) => text.includes("summary: [Retrieve")) + 2}:\\d+ YAML syntax error: `, "m"),
    },
    {
      kind: "a lint error (a duplicate operationId)",
      breakSpec: (spec: string) => spec.replace("operationId: admin-api-keys-get", "operationId: admin-api-keys-list"),
      says: (bad: string) => {
        const lines = bad.split("\n");
        const second = lines.findIndex((text, index) => text.includes("operationId: admin-api-keys-list") && index > lines.findIndex((other) => other.includes("operationId: admin-api-keys-list")));
        return new RegExp(`^ {2}spec/openapi\\.yaml:${second + 1}:7 duplicate operationId "admin-api-keys-list"`, "m");
      },
    },
  ])("refuses $kind with its file:line:col, leaving generated/ and the docs as they were, and the page is not reloaded", async ({ breakSpec, says }) => {
    const generated = await project.snapshotGenerated();
    const docs = await docsPage();
    const from = output.text.length;
    const eventsFrom = events.text.length;
    const good = await project.readSpec();
    const bad = breakSpec(good);
    expect(bad).not.toBe(good);
    await writeFile(specPath(), bad);
    try {
      const block = await nextBlock(output, from);
      expect(block).toMatch(says(bad));
      expect(block).toMatch(/✘ refused in [\d.]+ s: generated\/ and docs\/ left as they were$/);
      await events.waitFor(/event: refused\n/, eventsFrom);
      expect(events.text.slice(eventsFrom)).not.toContain("event: reload");
      expect(await project.snapshotGenerated()).toEqual(generated);
      expect(await docsPage()).toBe(docs);
    } finally {
      // Back to the good spec, built, before the next case breaks it another way.
      const restored = output.text.length;
      await writeFile(specPath(), good);
      await nextBlock(output, restored);
    }
  });

  it("stops cleanly on Ctrl+C (SIGINT)", async () => {
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    child.kill("SIGINT");
    expect(await exited).toBe(0);
    expect(output.text).toMatch(/npm run dev: stopped\.\n$/);
    expect(errors.text).toBe("");
  });
});
