// Preloaded into a child process (`node --import tsx --import <this file> …`) by tests that bound
// its memory: when the process exits, however it exits, its peak resident set size in kilobytes
// (`process.resourceUsage().maxRSS`) is written to the file named by MAX_RSS_FILE.

import { writeFileSync } from "node:fs";

const file = process.env["MAX_RSS_FILE"];
if (file !== undefined && file !== "") {
  process.on("exit", () => writeFileSync(file, String(process.resourceUsage().maxRSS)));
}
