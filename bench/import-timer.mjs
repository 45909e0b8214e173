// Cold start, as measured by bench/cold-start.ts: a fresh Node process that imports one package
// by its public name and reports how long the import took. This file is itself an ES module, so
// Node's module loader is already up when the timer starts, as it is for any ESM program that
// imports the package: what is timed is the package's own cost.
//
//   node bench/import-timer.mjs [specifier]   prints {"importMs":…,"sinceStartMs":…}

const specifier = process.argv[2];
const started = performance.now();
if (specifier) await import(specifier);
const done = performance.now();
// performance.now() counts from the process's time origin, so `done` is start-up plus import.
process.stdout.write(JSON.stringify({ importMs: done - started, sinceStartMs: done }));
