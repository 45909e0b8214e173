// --secret-file where the file system answers as this machine's does not: one without hard links
// (FAT, some network mounts: link() fails with EPERM or the like), one whose link() fails some
// other way (an I/O error, a full disk), and a folder the user may not write to (this suite may
// run as root, which may write anywhere). node:fs/promises is the real one, with link() or
// access() made to fail that way while a test asks for it; everything else is real.
import { readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { afterEach, describe, expect, it, vi } from "vitest";
import { checkSecretFileTarget, writeSecretFile } from "../../src/cli/secret-file.js";
import type { MockServer } from "../../src/testing/index.js";
import { serverFactory } from "../testing/helpers.js";
import { cli } from "./helpers.js";
import { tempFolder } from "../helpers/temp-folder.js";

/** The errno code link() fails with while a test asks for it (none: it works), and whether access() fails. */
const failing = vi.hoisted((): { link: string | undefined; access: boolean } => ({ link: undefined, access: false }));

vi.mock("node:fs/promises", async (importOriginal) => {
  const real = await importOriginal<typeof import("node:fs/promises")>();
  const errno = (code: string, syscall: string): NodeJS.ErrnoException => Object.assign(new Error(`${code}: operation not permitted, ${syscall}`), { code, syscall });
  return {
    ...real,
    link: async (...args: Parameters<typeof real.link>) => {
      if (failing.link !== undefined) throw errno(failing.link, "link");
      return real.link(...args);
    },
    access: async (...args: Parameters<typeof real.access>) => {
      if (failing.access) throw errno("EACCES", "access");
      return real.access(...args);
    },
  };
});

const start = serverFactory();
const temp = tempFolder("admin-keys-secret-fs-", { stem: "secret", extension: ".key" });
const folder = temp.path;
afterEach(() => {
  failing.link = undefined;
  failing.access = false;
});
const fresh = (): string => temp.fresh();
const env = (server: MockServer): Record<string, string> => ({ OPENAI_ADMIN_KEY: server.apiKey });
const temporaries = (): string[] => readdirSync(folder).filter((name) => name.startsWith("."));

describe("on a file system without hard links", () => {
  it("create --secret-file still writes the secret alone, mode 0600, and leaves no temporary file", async () => {
    failing.link = "EPERM";
    const server = await start();
    const path = fresh();
    const result = await cli(["create", "--name", "vault", "--secret-file", path, "--base-url", server.url], { env: env(server) });
    expect(result.code).toBe(0);
    const [created] = server.store.list();
    expect(result.stdout).toBe(`Created admin key ${created?.id} (vault); it never expires.\nIts secret was written to ${path} (mode 0600); it is not shown.\n`);
    const secret = readFileSync(path, "utf8");
    expect(secret).toMatch(/^sk-admin-[\w-]{40,}$/);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(temporaries()).toEqual([]);
    // The file holds the key's own secret, exactly: a request made with it authenticates.
    const own = await cli(["get", created?.id ?? "", "--json", "--base-url", server.url], { env: { OPENAI_ADMIN_KEY: secret } });
    expect(own.code).toBe(0);
    expect(server.store.get(created?.id ?? "")?.last_used_at).toEqual(expect.any(Number));
  });

  it("still never replaces a file that appeared after the check", async () => {
    failing.link = "EPERM";
    const path = fresh();
    const target = await checkSecretFileTarget(path);
    writeFileSync(path, "someone else's");
    await expect(writeSecretFile(target, "sk-admin-secret-that-must-not-land")).rejects.toThrow(
      `Could not write the secret to ${path}: a file of that name appeared meanwhile (it was left alone).`,
    );
    expect(readFileSync(path, "utf8")).toBe("someone else's");
    expect(temporaries()).toEqual([]);
  });
});

describe("when link() fails", () => {
  // What link() fails with where a file system has no hard links at all (FAT, some network mounts).
  it.each(["EPERM", "ENOTSUP", "EOPNOTSUPP", "ENOSYS"])("with %s: the secret is written to the name itself, alone, mode 0600", async (code) => {
    failing.link = code;
    const path = fresh();
    await writeSecretFile(await checkSecretFileTarget(path), "sk-admin-written-without-a-link");
    expect(readFileSync(path, "utf8")).toBe("sk-admin-written-without-a-link");
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(temporaries()).toEqual([]);
  });

  // Any other failure is one of the file system's own (a full disk, an I/O error): reported, not
  // worked around with a write that gives up the all-or-nothing appearance.
  it.each(["EIO", "ENOSPC", "EMLINK"])("with %s: rejects naming the file and the code, and writes nothing there", async (code) => {
    failing.link = code;
    const path = fresh();
    const target = await checkSecretFileTarget(path);
    await expect(writeSecretFile(target, "sk-admin-secret-that-must-not-land")).rejects.toMatchObject({
      name: "CliError",
      message: `Could not write the secret to ${path}: ${code}.`,
      exitCode: 1,
    });
    expect(statSync(path, { throwIfNoEntry: false })).toBeUndefined();
    expect(temporaries()).toEqual([]);
  });
});

describe("in a folder the user may not write to", () => {
  it("create --secret-file is refused before anything is sent: exit 2", async () => {
    failing.access = true;
    const server = await start();
    const path = fresh();
    const result = await cli(["create", "--name", "vault", "--secret-file", path, "--base-url", server.url], { env: env(server) });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`error: Cannot write the secret to ${path}: the folder ${folder} is not writable.\n`);
    expect(server.requests.count()).toBe(0);
    expect(statSync(path, { throwIfNoEntry: false })).toBeUndefined();
  });
});
