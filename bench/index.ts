// npm run bench — every figure of the side-by-side benchmark in one run: our client against plain
// fetch (the reference), bare openapi-fetch and the official openai SDK. Prints a markdown table
// per figure and writes them all to bench/results/<YYYY-MM-DD>.json. Takes a few minutes.
//
// Options: --only=retrieve,listing  --rounds=N (every figure with rounds)  --requests=5000
//          --keys=100000  --server-requests=3000  --pipeline-rounds=5
//          --audit-cli=src (the audit figure runs src/ with tsx instead of dist/: no build needed)

import { machine, writeResults } from "./harness.js";
import { FIGURES, runFigures, settingsFromArgs } from "./run.js";

const settings = settingsFromArgs(FIGURES);
const { node, cpu, cores } = machine();
console.log(`# openai-admin-keys benchmark\n\nNode ${node}, ${cores} × ${cpu}.\n`);
const started = performance.now();
const figures = await runFigures(settings);
const path = writeResults(figures, settings);
console.log(`Wrote ${path} (${((performance.now() - started) / 1000).toFixed(0)} s in all).`);
