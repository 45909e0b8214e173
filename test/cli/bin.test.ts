// The real executable, as a child process: shebang entry, exit codes, streams.
import { execFile } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync, copyFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import packageJson from "../../package.json" with { type: "json" };
import { serverFactory } from "../testing/helpers.js";

const run = promisify(execFile);
const start = serverFactory();
const root = new URL("../..", import.meta.url).pathname;
const main = join(root, "src/cli/main.ts");

async function bin(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ["--import", "tsx", main, ...args], { env: { ...process.env, ...env }, cwd: root });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe("the admin-keys executable", () => {
  it("starts with a node shebang", () => {
    expect(readFileSync(main, "utf8").split("\n")[0]).toBe("#!/usr/bin/env node");
  });

  it("prints its version", async () => {
    const result = await bin(["--version"]);
    expect(result).toMatchObject({ code: 0, stdout: `${packageJson.version}\n` });
  });

  it("lists keys from a server as JSON, with the key from the environment", async () => {
    const server = await start({ seed: 3 });
    const result = await bin(["list", "--json", "--base-url", server.url], { OPENAI_ADMIN_KEY: server.apiKey });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).data).toHaveLength(3);
    expect(server.requests.all()[0]?.headers["user-agent"]).toBe(`openai-admin-keys/${packageJson.version}`);
  });

  it("exits 1 with one line on stderr for an API error, and 2 for a usage error", async () => {
    const server = await start();
    const missing = await bin(["get", "key_nope", "--base-url", server.url], { OPENAI_ADMIN_KEY: server.apiKey });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^error: 404 NotFoundError: .*\(request req_/m);
    expect(missing.stderr.split("\n").filter((line) => line.startsWith("error:"))).toHaveLength(1);
    expect(missing.stderr).not.toMatch(/^\s+at /m);
    const usage = await bin(["list", "--nope"]);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain("Usage: admin-keys list");
  });

  it("refuses to delete without --yes when stdin is not a terminal", async () => {
    const server = await start({ seed: 1 });
    const [only] = server.store.list();
    const result = await bin(["delete", only!.id, "--base-url", server.url], { OPENAI_ADMIN_KEY: server.apiKey });
    expect(result.code).toBe(2);
    expect(server.store.size).toBe(1);
  });
});

describe("scripts/start.mjs", () => {
  // A throwaway project with the real start script and a fake `compile` that writes dist/, so the
  // staleness rules are tested without rebuilding this repository.
  const project = mkdtempSync(join(tmpdir(), "start-mjs-"));
  afterAll(() => rmSync(project, { recursive: true, force: true }));
  mkdirSync(join(project, "scripts"));
  mkdirSync(join(project, "src"));
  copyFileSync(join(root, "scripts/start.mjs"), join(project, "scripts/start.mjs"));
  writeFileSync(join(project, "src/a.ts"), "export {};\n");
  writeFileSync(
    join(project, "compile.mjs"),
    `import { mkdirSync, writeFileSync } from "node:fs";
if (process.env.FAIL_COMPILE) { console.error("type error!"); process.exit(3); }
for (const dir of ["dist/src/cli", "dist/src/testing"]) mkdirSync(dir, { recursive: true });
writeFileSync("dist/src/index.js", "");
writeFileSync("dist/src/testing/index.js", "");
writeFileSync("dist/src/cli/main.js", "console.log('main ran: ' + JSON.stringify(process.argv.slice(2))); process.exitCode = Number(process.env.DEMO_EXIT ?? 0);");
`,
  );
  writeFileSync(join(project, "package.json"), JSON.stringify({ name: "fake", type: "module", scripts: { compile: "node compile.mjs" } }));
  chmodSync(join(project, "scripts/start.mjs"), 0o755);

  async function startScript(args: string[] = [], env: Record<string, string> = {}) {
    try {
      const { stdout, stderr } = await run(process.execPath, ["scripts/start.mjs", ...args], { cwd: project, env: { ...process.env, ...env } });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const failed = error as { code: number; stdout: string; stderr: string };
      return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
    }
  }

  it("refuses to run a stale build when compiling fails", async () => {
    const result = await startScript([], { FAIL_COMPILE: "1" });
    expect(result.code).toBe(3);
    expect(result.stderr).toContain("dist/src/cli/main.js is missing");
    expect(result.stderr).toContain("The build failed");
    expect(result.stdout).not.toContain("main ran");
  });

  it("builds when dist/ is missing, then runs the demo with the arguments passed on", async () => {
    const result = await startScript(["--base-url", "http://127.0.0.1:1/v1"]);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain("Building dist/ first (dist/src/cli/main.js is missing)");
    expect(result.stdout).toContain('main ran: ["demo","--base-url","http://127.0.0.1:1/v1"]');
  });

  it("does not build again while dist/ is newer than its sources", async () => {
    const result = await startScript();
    expect(result.stderr).not.toContain("Building");
    expect(result.stdout).toContain('main ran: ["demo"]');
  });

  it("builds again when a source file changes, and passes on the demo's exit code", async () => {
    const future = new Date(Date.now() + 60_000);
    utimesSync(join(project, "src/a.ts"), future, future);
    const result = await startScript([], { DEMO_EXIT: "4" });
    expect(result.stderr).toContain("Building dist/ first (src changed since the last build)");
    expect(result.code).toBe(4);
  });
});
