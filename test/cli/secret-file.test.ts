// --secret-file: the secret lands in a new file with mode 0600 and nowhere else (not stdout, not
// stderr, not the JSON); an existing file, or a folder that cannot take one, is refused before
// the key is created, so no key is left whose secret nobody has.
import { chmodSync, existsSync, mkdirSync, readFileSync, readdirSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkSecretFileTarget, writeSecretFile } from "../../src/cli/secret-file.js";
import type { MockServer } from "../../src/testing/index.js";
import { runCliProcess } from "../helpers/cli-process.js";
import { serverFactory } from "../testing/helpers.js";
import { cli } from "./helpers.js";
import { tempFolder } from "../helpers/temp-folder.js";

const start = serverFactory();
const temp = tempFolder("admin-keys-secret-", { stem: "secret", extension: ".key" });
const folder = temp.path;
const fresh = (): string => temp.fresh();
const env = (server: MockServer): Record<string, string> => ({ OPENAI_ADMIN_KEY: server.apiKey });

/** What a secret file holds. */
function secretIn(path: string): string {
  return readFileSync(path, "utf8");
}

describe("create --secret-file", () => {
  it("writes the secret to a new file with mode 0600, and prints it nowhere", async () => {
    const server = await start();
    const path = fresh();
    const result = await cli(["create", "--name", "vault", "--secret-file", path, "--base-url", server.url], { env: env(server) });
    expect(result.code).toBe(0);
    const secret = secretIn(path);
    expect(secret).toMatch(/^sk-admin-[\w-]{40,}$/);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(result.stdout).not.toContain(secret);
    expect(result.stderr).not.toContain(secret);
    expect(result.stdout).toMatch(new RegExp(`^Created admin key key_\\w+ \\(vault\\); it never expires\\.\\nIts secret was written to ${path} \\(mode 0600\\); it is not shown\\.\\n$`));
    // The key the file's secret belongs to authenticates with it.
    const [created] = server.store.list();
    expect(server.store.get(created!.id)?.name).toBe("vault");
    // No temporary file is left beside it.
    expect(readdirSync(folder).filter((name) => name.startsWith("."))).toEqual([]);
  });

  it("with --json, names the file and leaves the secret out of the JSON", async () => {
    const server = await start();
    const path = fresh();
    const result = await cli(["create", "--name", "vault", "--secret-file", path, "--json", "--base-url", server.url], { env: env(server) });
    const document = JSON.parse(result.stdout);
    expect(document).not.toHaveProperty("value");
    expect(document).toMatchObject({ name: "vault", secret_file: path });
    expect(result.stdout).not.toContain(secretIn(path));
  });

  it("with --json and no --secret-file, the JSON holds the secret as before", async () => {
    const server = await start();
    const result = await cli(["create", "--name", "x", "--json", "--base-url", server.url], { env: env(server) });
    expect(JSON.parse(result.stdout).value).toMatch(/^sk-admin-/);
  });

  it("keeps the secret out of the real process's output too, and the file 0600 whatever the umask", async () => {
    const server = await start();
    const path = fresh();
    const result = await runCliProcess(["create", "--name", "vault", "--secret-file", path, "--json", "--base-url", server.url], { env: env(server) });
    expect(result.code).toBe(0);
    const secret = secretIn(path);
    expect(result.stdout.toString()).not.toContain(secret);
    expect(result.stderr.toString()).toBe("");
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  it.each([
    ["an existing file", (path: string) => writeFileSync(path, "precious"), (path: string) => `error: ${path} exists already; --secret-file never overwrites a file.`],
    ["a dangling link", (path: string) => symlinkSync(join(folder, "nowhere"), path), (path: string) => `error: ${path} exists already;`],
  ])("refuses %s before anything is sent: exit 2, no key created, the file unchanged", async (_case, prepare, message) => {
    const server = await start();
    const path = fresh();
    prepare(path);
    const before = statSync(path, { throwIfNoEntry: false })?.mtimeMs;
    const result = await cli(["create", "--name", "vault", "--secret-file", path, "--base-url", server.url], { env: env(server) });
    expect(result.code).toBe(2);
    expect(result.stderr.startsWith(message(path))).toBe(true);
    expect(server.requests.count()).toBe(0);
    expect(server.store.createdCount).toBe(0);
    expect(statSync(path, { throwIfNoEntry: false })?.mtimeMs).toBe(before);
    if (_case === "an existing file") expect(readFileSync(path, "utf8")).toBe("precious");
  });

  it("refuses a folder that does not exist, or cannot be written, before anything is sent", async () => {
    const server = await start();
    const missing = join(folder, "no-such-folder", "x.key");
    const refused = await cli(["create", "--name", "vault", "--secret-file", missing, "--base-url", server.url], { env: env(server) });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`the folder ${join(folder, "no-such-folder")} does not exist`);
    const plainFile = fresh();
    writeFileSync(plainFile, "");
    const notFolder = await cli(["create", "--name", "vault", "--secret-file", join(plainFile, "x.key"), "--base-url", server.url], { env: env(server) });
    expect(notFolder.code).toBe(2);
    expect(notFolder.stderr).toContain(`${plainFile} is not a folder`);
    const locked = join(folder, "locked");
    mkdirSync(locked);
    chmodSync(locked, 0o500);
    try {
      // root may write anywhere; the refusal is only observable for other users.
      if (process.getuid?.() !== 0) {
        const result = await cli(["create", "--name", "vault", "--secret-file", join(locked, "x.key"), "--base-url", server.url], { env: env(server) });
        expect(result.code).toBe(2);
        expect(result.stderr).toContain("is not writable");
      }
    } finally {
      chmodSync(locked, 0o700);
    }
    expect(server.requests.count()).toBe(0);
  });
});

describe("writeSecretFile", () => {
  it("never replaces a file that appeared after the check, and leaves no temporary file", async () => {
    const path = fresh();
    const target = await checkSecretFileTarget(path);
    writeFileSync(path, "someone else's");
    await expect(writeSecretFile(target, "sk-admin-secret-that-must-not-land")).rejects.toThrow(`Could not write the secret to ${path}: a file of that name appeared meanwhile`);
    expect(readFileSync(path, "utf8")).toBe("someone else's");
    expect(readdirSync(folder).filter((name) => name.startsWith("."))).toEqual([]);
  });

  // Linux lists a process's open file descriptors in /proc/self/fd.
  it.skipIf(!existsSync("/proc/self/fd"))("closes every file it opens, written or refused", async () => {
    const openFiles = (): number => readdirSync("/proc/self/fd").length;
    const before = openFiles();
    for (let round = 0; round < 3; round++) await writeSecretFile(await checkSecretFileTarget(fresh()), "sk-admin-closed-after");
    const taken = fresh();
    writeFileSync(taken, "");
    await expect(writeSecretFile(taken, "sk-admin-closed-after")).rejects.toThrow(`Could not write the secret to ${taken}: a file of that name appeared meanwhile`);
    expect(openFiles()).toBe(before);
  });

  it("writes the secret alone, without a line break", async () => {
    const path = fresh();
    await writeSecretFile(await checkSecretFileTarget(path), "sk-admin-abc");
    expect(readFileSync(path, "utf8")).toBe("sk-admin-abc");
  });
});
