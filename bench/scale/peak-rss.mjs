// Preloaded into every Node process of a measured command (NODE_OPTIONS=--import <this file>):
// at exit, appends the process's peak resident memory (KiB, the kernel's own count) to the file
// BENCH_PEAK_RSS_FILE names. A command that starts Node children (the docs build starts
// Redocly's CLI) leaves one line per process; the step's peak is the largest.

import { appendFileSync } from "node:fs";

const file = process.env.BENCH_PEAK_RSS_FILE;
if (file) process.on("exit", () => appendFileSync(file, `${process.resourceUsage().maxRSS}\n`));
