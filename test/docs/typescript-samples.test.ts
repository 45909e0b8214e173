// Every TypeScript sample in the docs, as a reader's program: type-checked under `strict` (and
// noUncheckedIndexedAccess) against this package, then run with tsx against the local server.
// The samples live in a throw-away project where `openai-admin-keys` resolves, through `paths`,
// to this repository's src/index.ts (dist/ is not built by tests). See sample-harness.ts for the
// one substitution made before a sample runs.

import { execFile } from "node:child_process";
import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OperationSamples } from "../../scripts/docs/code-samples.js";
import type { SampleRequest } from "../../scripts/docs/sample-request.js";
import { loadSamples, ROOT, runAgainstLocalServer, runProblems, substitute, type ProcessOutput, type SampleRun } from "./sample-harness.js";

const operations: OperationSamples[] = await loadSamples();
let project: string;

const COMPILER_OPTIONS = {
  strict: true,
  noUncheckedIndexedAccess: true,
  target: "ES2022",
  lib: ["ES2023", "DOM"],
  module: "NodeNext",
  moduleResolution: "NodeNext",
  types: ["node"],
  skipLibCheck: true,
  noEmit: true,
  isolatedModules: true,
  verbatimModuleSyntax: true,
  // The one thing that differs from a consumer's project: the package is its sources, not dist/.
  paths: { "openai-admin-keys": [join(ROOT, "src/index.ts")] },
  allowImportingTsExtensions: true,
};

beforeAll(async () => {
  project = await mkdtemp(join(tmpdir(), "admin-keys-ts-samples-"));
  await mkdir(join(project, "samples"));
  // An ES module project, as top-level await in the samples requires; node_modules gives it
  // @types/node and tsx, as a consumer's own install would.
  await writeFile(join(project, "package.json"), JSON.stringify({ name: "samples", private: true, type: "module" }));
  await writeFile(join(project, "tsconfig.json"), JSON.stringify({ compilerOptions: COMPILER_OPTIONS, include: ["samples/*.ts"] }, null, 2));
  await symlink(join(ROOT, "node_modules"), join(project, "node_modules"), "dir");
});

afterAll(async () => {
  await rm(project, { recursive: true, force: true });
});

/** Type-checks sample files of the project; returns the errors in them, `file:line message`. */
async function typeErrors(files: Readonly<Record<string, string>>): Promise<string[]> {
  const paths = await Promise.all(
    Object.entries(files).map(async ([name, source]) => {
      const path = join(project, "samples", name);
      await writeFile(path, source);
      return path;
    }),
  );
  const config = ts.getParsedCommandLineOfConfigFile(join(project, "tsconfig.json"), {}, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
      throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n"));
    },
  });
  if (config === undefined) throw new Error("the samples' tsconfig.json could not be read");
  const program = ts.createProgram({ rootNames: paths, options: config.options });
  const wanted = new Set(paths);
  // Only the samples' own errors: the package's sources are type-checked by `npm run typecheck`.
  return ts
    .getPreEmitDiagnostics(program)
    .filter((diagnostic) => diagnostic.file === undefined || wanted.has(diagnostic.file.fileName))
    .map((diagnostic) => {
      const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, " ");
      if (diagnostic.file === undefined || diagnostic.start === undefined) return message;
      const { line } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
      return `${relative(project, diagnostic.file.fileName)}:${line + 1} ${message}`;
    });
}

function runTs(request: SampleRequest, source: string): Promise<SampleRun> {
  return runAgainstLocalServer(request, async (server, env) => {
    const file = join(project, "samples", `run-${request.operationId}.ts`);
    await writeFile(file, substitute(source, request, server));
    // tsx reads the project's tsconfig.json, so `openai-admin-keys` resolves as it did for tsc.
    return new Promise<ProcessOutput>((done) => {
      execFile(process.execPath, ["--import", "tsx", file], { cwd: project, env, encoding: "utf8", timeout: 30_000 }, (error, stdout, stderr) => {
        done({ code: error === null ? 0 : typeof error.code === "number" ? error.code : -1, stdout, stderr });
      });
    });
  });
}

const fileName = (operation: OperationSamples): string => `${operation.request.operationId}.ts`;

describe("the TypeScript samples in the docs", () => {
  it("exist for every operation of the spec, and import this package's client", () => {
    expect(operations.length).toBeGreaterThan(0);
    for (const operation of operations) {
      expect(operation.samples.typescript?.source, operation.request.operationId).toContain('import { createAdminKeysClient } from "openai-admin-keys";');
    }
  });

  it("type-check under strict against the package", async () => {
    const files = Object.fromEntries(operations.map((operation) => [fileName(operation), operation.samples.typescript?.source ?? ""]));
    expect(await typeErrors(files)).toEqual([]);
  }, 60_000);

  it("would fail to type-check with a method, a parameter or a value the client does not take", async () => {
    const list = operations.find((operation) => operation.request.operationId === "admin-api-keys-list")?.samples.typescript?.source ?? "";
    const errors = await typeErrors({
      "wrong-method.ts": list.replace(".list(", ".lists("),
      "wrong-parameter.ts": list.replace("limit: 20", "limt: 20"),
      "wrong-value.ts": list.replace('order: "desc"', 'order: "newest"'),
    });
    expect(errors).toEqual([
      expect.stringMatching(/^samples\/wrong-method\.ts:\d+ Property 'lists' does not exist/),
      expect.stringMatching(/^samples\/wrong-parameter\.ts:\d+ Object literal may only specify known properties, .*'limt'/),
      expect.stringMatching(/^samples\/wrong-value\.ts:\d+ Type '"newest"' is not assignable/),
    ]);
  }, 60_000);

  it.each(operations.map((operation) => [operation.request.operationId, operation] as const))("%s runs against the local server", async (_, operation) => {
    const source = operation.samples.typescript?.source;
    if (source === undefined) throw new Error(`no TypeScript sample for ${operation.request.operationId}`);
    const run = await runTs(operation.request, source);
    expect(runProblems(operation.request, run, { printsBody: true })).toEqual([]);
  });

  it("would fail a sample that compiles but does not work: a key id the server does not have", async () => {
    const get = operations.find((operation) => operation.request.operationId === "admin-api-keys-get");
    const source = get?.samples.typescript?.source;
    if (get === undefined || source === undefined) throw new Error("no get sample");
    const run = await runTs(get.request, source.replace('"key_abc"', '"key_nobody"'));
    expect(runProblems(get.request, run, { printsBody: true }).join("\n")).toMatch(/exited with 1[\s\S]*got 404/);
  });
});
