// Preloaded into a CLI process the audit figure measures (`node --import ./bench/max-rss.mjs …`):
// when the process exits, however it exits, its peak resident set size in bytes
// (process.resourceUsage().maxRSS is in kilobytes) is written to the file named by MAX_RSS_FILE.

import { writeFileSync } from "node:fs";

const file = process.env.MAX_RSS_FILE;
if (file) process.on("exit", () => writeFileSync(file, String(process.resourceUsage().maxRSS * 1024)));
