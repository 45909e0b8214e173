// The package as its users meet it: `npm pack`, installed into a fresh project outside the
// repository, then type-checked, imported (ESM and CommonJS) and run from there. Nothing in the
// consumer project points back into the repository.
import { execFileSync, spawnSync, type SpawnSyncReturns } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "../..");
const lock = JSON.parse(readFileSync(join(root, "package-lock.json"), "utf8")) as {
  packages: Record<string, { version: string }>;
};
const lockedVersion = (name: string): string => {
  const entry = lock.packages[`node_modules/${name}`];
  if (entry === undefined) throw new Error(`${name} is not in package-lock.json`);
  return entry.version;
};
const ourVersion = (JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { version: string }).version;

interface PackedFile {
  path: string;
  size: number;
}
interface PackResult {
  filename: string;
  size: number;
  unpackedSize: number;
  files: PackedFile[];
}

const consumer = mkdtempSync(join(tmpdir(), "admin-keys-consumer-"));
let packed: PackResult;

function run(command: string, args: string[], cwd = consumer): SpawnSyncReturns<string> {
  return spawnSync(command, args, { cwd, encoding: "utf8", env: { ...process.env, NODE_OPTIONS: "" } });
}

/** Runs tsc in the consumer project; returns the diagnostics as `file(line,col): error TSnnnn: text` lines. */
function typecheck(tsconfig: string): string[] {
  const result = run(process.execPath, [join(consumer, "node_modules/typescript/bin/tsc"), "-p", tsconfig, "--pretty", "false"]);
  return `${result.stdout}${result.stderr}`.split("\n").filter((line) => line.includes("error TS"));
}

const GOOD_CALLS = `import type { components, operations, paths } from "openai-admin-keys/paths";
import createClient from "openapi-fetch";
import { createAdminKeysClient, NotFoundError, type AdminApiKeyCreateResponse, type Page } from "openai-admin-keys";

type AdminApiKey = components["schemas"]["AdminApiKey"];
type ListQuery = NonNullable<operations["admin-api-keys-list"]["parameters"]["query"]>;

const client = createClient<paths>({ baseUrl: "http://127.0.0.1:9/v1" });

export async function everyOperation(query: ListQuery): Promise<AdminApiKey[]> {
  const page = await client.GET("/organization/admin_api_keys", { params: { query } });
  const created = await client.POST("/organization/admin_api_keys", { body: { name: "ci", expires_in_seconds: 3600 } });
  const secret: string | undefined = created.data?.value;
  const one = await client.GET("/organization/admin_api_keys/{key_id}", { params: { path: { key_id: "key_abc" } } });
  const expires: number | null | undefined = one.data?.expires_at;
  const gone = await client.DELETE("/organization/admin_api_keys/{key_id}", { params: { path: { key_id: "key_abc" } } });
  const deleted: boolean | undefined = gone.data?.deleted;
  void secret, expires, deleted;
  return page.data?.data ?? [];
}

export async function withOurClient(): Promise<[Page, AdminApiKeyCreateResponse | null]> {
  const ours = createAdminKeysClient({ apiKey: "sk-admin-example", baseUrl: "http://127.0.0.1:9/v1" });
  const first = await ours.adminApiKeys.list({ limit: 10 });
  const made = await ours.adminApiKeys.create({ name: "ci" }).catch((error: unknown) => {
    if (error instanceof NotFoundError) return null;
    throw error;
  });
  return [first, made];
}
`;

// Each wrong call is on a known line, so the test can check tsc blames the right one.
const WRONG_CALLS = `import type { paths } from "openai-admin-keys/paths";
import createClient from "openapi-fetch";
import { createAdminKeysClient } from "openai-admin-keys";

const client = createClient<paths>({ baseUrl: "http://127.0.0.1:9/v1" });
const ours = createAdminKeysClient({ apiKey: "sk-admin-example", baseUrl: "http://127.0.0.1:9/v1" });

export async function wrongCalls(): Promise<void> {
  await client.GET("/organization/admin_api_keyz", {});
  await client.GET("/organization/admin_api_keys/{key_id}", { params: { path: {} } });
  await client.POST("/organization/admin_api_keys", { body: { title: "ci" } });
  await ours.adminApiKeys.create({ name: "ci", title: "typo" });
}
`;

// What the README admits: through openapi-fetch's generics, an unknown body field next to the
// known ones is not an excess property, so it compiles. (Our client refuses it: see WRONG_CALLS.)
const LOOSE_CALLS = `import type { paths } from "openai-admin-keys/paths";
import createClient from "openapi-fetch";

const client = createClient<paths>({ baseUrl: "http://127.0.0.1:9/v1" });

export async function looseCall(): Promise<void> {
  await client.POST("/organization/admin_api_keys", { body: { name: "ci", title: "typo" } });
}
`;

const tsconfig = (moduleResolution: "nodenext" | "bundler", files: string[]) =>
  JSON.stringify({
    compilerOptions: {
      strict: true,
      noEmit: true,
      skipLibCheck: false,
      target: "es2022",
      lib: ["es2023", "dom"],
      types: [],
      module: moduleResolution === "nodenext" ? "nodenext" : "esnext",
      moduleResolution,
    },
    files,
  });

beforeAll(() => {
  // prepack compiles dist/ first, so the tarball holds what this tree's sources build to.
  const output = execFileSync("npm", ["pack", "--json", "--pack-destination", consumer], { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  const parsed = JSON.parse(output.slice(output.indexOf("["))) as PackResult[];
  if (parsed[0] === undefined) throw new Error("npm pack reported no package");
  packed = parsed[0];
  console.log(
    `Packed ${packed.filename}: ${packed.size} bytes (${(packed.size / 1024).toFixed(1)} KiB), ` +
      `${packed.unpackedSize} bytes unpacked, ${packed.files.length} files:\n` +
      packed.files.map((file) => `  ${String(file.size).padStart(7)}  ${file.path}`).join("\n"),
  );

  writeFileSync(join(consumer, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module" }));
  const install = run("npm", [
    "install",
    "--no-audit",
    "--no-fund",
    "--prefer-offline",
    join(consumer, packed.filename),
    `typescript@${lockedVersion("typescript")}`,
    `openapi-fetch@${lockedVersion("openapi-fetch")}`,
  ]);
  if (install.status !== 0) throw new Error(`npm install in the consumer project failed:\n${install.stderr}`);

  writeFileSync(join(consumer, "good.ts"), GOOD_CALLS);
  writeFileSync(join(consumer, "wrong.ts"), WRONG_CALLS);
  writeFileSync(join(consumer, "loose.ts"), LOOSE_CALLS);
  for (const resolution of ["nodenext", "bundler"] as const) {
    writeFileSync(join(consumer, `tsconfig.good.${resolution}.json`), tsconfig(resolution, ["good.ts"]));
    writeFileSync(join(consumer, `tsconfig.wrong.${resolution}.json`), tsconfig(resolution, ["wrong.ts"]));
    writeFileSync(join(consumer, `tsconfig.loose.${resolution}.json`), tsconfig(resolution, ["loose.ts"]));
  }
}, 180_000);

afterAll(() => rmSync(consumer, { recursive: true, force: true }));

describe("the tarball", () => {
  it("holds the compiled client, types, local server and CLI", () => {
    const paths = packed.files.map((file) => file.path);
    for (const needed of [
      "package.json",
      "README.md",
      "dist/src/index.js",
      "dist/src/index.d.ts",
      "dist/generated/schema.d.ts",
      "dist/generated/client.js",
      "dist/src/testing/index.js",
      "dist/src/cli/main.js",
    ]) {
      expect(paths).toContain(needed);
    }
  });

  it("holds nothing a consumer does not need: no tests, scripts, sources or source maps", () => {
    const unwanted = packed.files
      .map((file) => file.path)
      .filter((path) => /^(test|scripts|bench|spec|src|generated|docs|node_modules)\//.test(path) || /\.(map|ts)$/.test(path) && !path.endsWith(".d.ts"));
    expect(unwanted).toEqual([]);
  });

  it("is as large as the README says: KiB and unpacked KB within 10 %, the file count exact", () => {
    const readme = readFileSync(join(root, "README.md"), "utf8");
    const claim = /The npm tarball is about (\d+) KiB \((\d+) KB unpacked, (\d+) files\)/.exec(readme);
    expect(claim, "README states the tarball's size").not.toBeNull();
    const [, kib = "", unpackedKb = "", files = ""] = claim ?? [];
    expect(Math.abs(packed.size / 1024 - Number(kib)) / Number(kib)).toBeLessThan(0.1);
    expect(Math.abs(packed.unpackedSize / 1000 - Number(unpackedKb)) / Number(unpackedKb)).toBeLessThan(0.1);
    expect(packed.files).toHaveLength(Number(files));
  });

  it("installs with openapi-fetch as its only dependency", () => {
    const manifest = JSON.parse(readFileSync(join(consumer, "node_modules/openai-admin-keys/package.json"), "utf8")) as {
      dependencies?: Record<string, string>;
    };
    expect(Object.keys(manifest.dependencies ?? {})).toEqual(["openapi-fetch"]);
  });
});

describe.each(["nodenext", "bundler"] as const)('types from "openai-admin-keys/paths" under moduleResolution %s', (resolution) => {
  it("type-check a client built with createClient<paths>() calling each operation, and our own client", () => {
    expect(typecheck(`tsconfig.good.${resolution}.json`)).toEqual([]);
  });

  it("reject an unknown path, a missing key_id, a body of only an unknown field, and, in our client, any unknown field", () => {
    const errors = typecheck(`tsconfig.wrong.${resolution}.json`);
    expect(errors).toHaveLength(4);
    expect(errors[0]).toMatch(/^wrong\.ts\(9,\d+\): error TS2345: .*"\/organization\/admin_api_keyz"/);
    expect(errors[1]).toMatch(/^wrong\.ts\(10,\d+\): error TS2741: Property 'key_id' is missing/);
    expect(errors[2]).toMatch(/^wrong\.ts\(11,\d+\): error TS2353: .*'title' does not exist/);
    expect(errors[3]).toMatch(/^wrong\.ts\(12,\d+\): error TS2353: .*'title' does not exist/);
  });

  it("let bare openapi-fetch accept an unknown body field next to valid ones, as the README says", () => {
    expect(typecheck(`tsconfig.loose.${resolution}.json`)).toEqual([]);
  });
});

describe("at run time, from the installed package", () => {
  it("lists keys from startMockServer with an ESM import of the client", () => {
    writeFileSync(
      join(consumer, "list.mjs"),
      `import { createAdminKeysClient, NotFoundError } from "openai-admin-keys";
import { startMockServer } from "openai-admin-keys/testing";
const server = await startMockServer({ seed: 7 });
try {
  const client = createAdminKeysClient({ apiKey: server.apiKey, baseUrl: server.url });
  const ids = [];
  for await (const key of client.adminApiKeys.list({ limit: 3 })) ids.push(key.id);
  const missing = await client.adminApiKeys.retrieve("key_missing").catch((error) => error);
  console.log(JSON.stringify({ ids: ids.length, unique: new Set(ids).size, requests: server.requests.count("admin-api-keys-list"), notFound: missing instanceof NotFoundError }));
} finally {
  await server.close();
}
`,
    );
    const result = run(process.execPath, ["list.mjs"]);
    expect(result.stderr).toBe("");
    expect(JSON.parse(result.stdout)).toEqual({ ids: 7, unique: 7, requests: 3, notFound: true });
  });

  it(`works with require() from CommonJS on Node ${process.versions.node}`, () => {
    writeFileSync(
      join(consumer, "require.cjs"),
      `const { createAdminKeysClient, APIError } = require("openai-admin-keys");
const { startMockServer } = require("openai-admin-keys/testing");
console.log(typeof createAdminKeysClient, typeof APIError, typeof startMockServer);
`,
    );
    const result = run(process.execPath, ["require.cjs"]);
    expect(result.stdout.trim()).toBe("function function function");
    expect(result.status).toBe(0);
  });

  it("a rebuild leaves the bin executable, so npx runs it in this repository too", () => {
    // npm pack ran prepack, which rebuilt dist/ from scratch.
    const bin = join(root, "dist/src/cli/main.js");
    expect(statSync(bin).mode & 0o111).toBe(0o111);
    const result = run("npx", ["--no-install", "admin-keys", "--version"], root);
    expect(result.stderr).not.toContain("Permission denied");
    expect(result.status).toBe(0);
    expect(result.stdout.trim()).toBe(ourVersion);
  });

  it("runs the admin-keys bin with npx", () => {
    const result = run("npx", ["--no-install", "admin-keys", "--version"]);
    expect(result.status).toBe(0);
    expect(result.stdout.trim()).toContain(ourVersion);
  });

  it("answers `admin-keys list --json` against a local server started from the package", () => {
    writeFileSync(
      join(consumer, "serve.mjs"),
      `import { startMockServer } from "openai-admin-keys/testing";
const server = await startMockServer({ seed: 4 });
process.stdout.write(JSON.stringify({ url: server.url, apiKey: server.apiKey }) + "\\n");
process.stdin.resume();
process.stdin.on("end", () => server.close());
`,
    );
    // The server runs in its own process; the CLI is a second process that talks to it.
    return new Promise<void>((done, fail) => {
      import("node:child_process").then(({ spawn }) => {
        const server = spawn(process.execPath, ["serve.mjs"], { cwd: consumer, stdio: ["pipe", "pipe", "inherit"] });
        server.stdout.once("data", (chunk: Buffer) => {
          try {
            const { url, apiKey } = JSON.parse(chunk.toString()) as { url: string; apiKey: string };
            const cli = spawnSync("npx", ["--no-install", "admin-keys", "list", "--json", "--base-url", url], {
              cwd: consumer,
              encoding: "utf8",
              env: { ...process.env, OPENAI_ADMIN_KEY: apiKey },
            });
            expect(cli.status).toBe(0);
            const listed = JSON.parse(cli.stdout) as { data: { id: string }[] };
            expect(listed.data).toHaveLength(4);
            expect(cli.stdout).not.toContain(apiKey);
            done();
          } catch (error) {
            fail(error);
          } finally {
            server.stdin.end();
          }
        });
      }, fail);
    });
  });
});
