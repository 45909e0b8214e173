// npm run bench:client — the client's figures alone: retrieve (throughput and CPU per request,
// sequential and 16 in flight, against plain fetch, bare openapi-fetch and the openai SDK) and
// listing 100,000 keys (requests counted by the server, peak RSS). Prints the tables.
//
// Options: --rounds=3 --requests=5000 --keys=100000

import { runFigures, settingsFromArgs } from "./run.js";

await runFigures(settingsFromArgs(["retrieve", "listing"]));
