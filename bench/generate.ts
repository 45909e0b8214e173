// npm run bench:generate — figure 6 alone: the median of 5 runs of `npm run generate` and of
// `npm run check:generated` against the 2 s target, beside the medians of the latest saved run.
// Prints the table; `--rounds=N` to change 5.

import { intOption, markdown } from "./harness.js";
import { pipelineFigure } from "./pipeline.js";

console.log(markdown(await pipelineFigure({ rounds: intOption("rounds", 5) })));
