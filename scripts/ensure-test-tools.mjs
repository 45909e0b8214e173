#!/usr/bin/env node
// Makes sure the Debian packages the tests use are on the machine: Chromium, for the tests that
// open the docs in a browser, and curl, for the docs' curl samples, which the tests run as
// written. Browser downloads (e.g. `playwright install`) cannot work offline; Debian's packages can.
import { execFileSync, spawnSync } from "node:child_process";

const has = (command) => spawnSync("sh", ["-c", `command -v ${command}`]).status === 0;
const missing = [
  ...(has("chromium") || process.env.CHROMIUM_PATH ? [] : ["chromium"]),
  ...(has("curl") ? [] : ["curl"]),
];
if (missing.length === 0) process.exit(0);

const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
if (!isRoot || !has("apt-get")) {
  console.error(
    `${missing.join(" and ")} ${missing.length === 1 ? "is" : "are"} not installed, and this script can only install packages as root with apt-get.\n` +
      `Install Debian's ${missing.map((name) => `\`${name}\``).join(" and ")} (for Chromium, CHROMIUM_PATH may name a binary instead) and run the tests again.`,
  );
  process.exit(1);
}

console.log(`Installing Debian's ${missing.join(" and ")} for the tests (about a minute for chromium)...`);
const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
execFileSync("apt-get", ["update", "-qq"], { stdio: "inherit", env });
execFileSync("apt-get", ["install", "-y", "-qq", "--no-install-recommends", ...missing], { stdio: "inherit", env });
