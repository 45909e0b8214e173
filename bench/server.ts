// npm run bench:server — figure 0 alone: the requests per second the local server sustains for
// list (limit 100) and retrieve, 16 in flight, loaded through node:http and through fetch.
//
// Options: --rounds=3 --server-requests=3000 --keys=100000

import { runFigures, settingsFromArgs } from "./run.js";

await runFigures(settingsFromArgs(["server"]));
