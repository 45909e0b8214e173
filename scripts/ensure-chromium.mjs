#!/usr/bin/env node
// Makes sure Debian's Chromium is on the machine before the tests that open the docs in a browser.
// Browser downloads (e.g. `playwright install`) cannot work offline; Debian's package can.
import { execFileSync, spawnSync } from "node:child_process";

const found = spawnSync("sh", ["-c", "command -v chromium"], { encoding: "utf8" });
if (found.status === 0) process.exit(0);

const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
const hasApt = spawnSync("sh", ["-c", "command -v apt-get"]).status === 0;
if (!isRoot || !hasApt) {
  console.error(
    "chromium is not installed, and this script can only install it as root with apt-get.\n" +
      "Install Debian's `chromium` package (or set CHROMIUM_PATH to a Chromium binary) and run the tests again.",
  );
  process.exit(process.env.CHROMIUM_PATH ? 0 : 1);
}

console.log("Installing Debian's chromium package for the browser tests (about a minute)...");
const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
execFileSync("apt-get", ["update", "-qq"], { stdio: "inherit", env });
execFileSync("apt-get", ["install", "-y", "-qq", "--no-install-recommends", "chromium"], { stdio: "inherit", env });
