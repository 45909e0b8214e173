// npm run bench:scale [-- --sizes=4,40,400,2000 --rounds=3]
//
// The pipeline as the spec grows: generate, check:generated, the docs build and the type-check
// cost of a consumer that calls every operation, on synthetic specs of 4 to 2,000 operations,
// with bare openapi-typescript on the same specs as the reference. Prints one markdown table and
// writes it, with every sample, to bench/results/scale-<date>.json. Takes about four minutes.

import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { intOption, listOption, machine, markdown, ROOT } from "./harness.js";
import { scaleFigure } from "./scale/figure.js";

const sizes = (listOption("sizes") ?? ["4", "40", "400", "2000"]).map((size) => {
  const value = Number(size);
  if (!Number.isSafeInteger(value) || value < 4 || value % 4 !== 0) throw new Error(`--sizes: each size must be a multiple of 4 (the fragment's operations); got ${size}`);
  return value;
});
if (sizes.length < 2) throw new Error("--sizes: give at least two sizes, so that growth can be told");
const rounds = intOption("rounds", 3);

const started = performance.now();
console.log(`bench:scale: ${sizes.join(", ")} operations, ${rounds} round(s) each…`);
const figure = await scaleFigure({ sizes, rounds, log: (line) => console.log(line) });
console.log(`\n${markdown(figure)}\n`);

const date = new Date().toISOString().slice(0, 10);
const path = join(ROOT, "bench", "results", `scale-${date}.json`);
mkdirSync(join(ROOT, "bench", "results"), { recursive: true });
writeFileSync(path, `${JSON.stringify({ date: new Date().toISOString(), machine: machine(), figures: [{ ...figure, markdown: markdown(figure) }] }, null, 2)}\n`);
console.log(`Wrote ${path} (${Math.round((performance.now() - started) / 1000)} s in all).`);
