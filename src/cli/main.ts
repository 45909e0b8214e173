#!/usr/bin/env node
// The admin-keys executable: runs the CLI on this process's arguments and streams.

import { processIo } from "./io.js";
import { run } from "./run.js";

// Output piped into `head` closes early; that is the reader's choice, not an error.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw error;
});

process.exitCode = await run(process.argv.slice(2), processIo());
