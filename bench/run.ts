// Runs a selection of figures in one process against one server process, printing each table as
// it is done. Shared by `npm run bench` (every figure, results to JSON) and the per-issue entry
// points (bench/client.ts, bench/server.ts, bench/generate.ts).

import { auditFigure } from "./audit.js";
import { bundleFigure } from "./bundle.js";
import { coldStartFigure } from "./cold-start.js";
import { ensureDist } from "./dist.js";
import { type Figure, intOption, listOption, markdown } from "./harness.js";
import { listingFigure } from "./listing.js";
import { pipelineFigure } from "./pipeline.js";
import { retrieveFigure } from "./retrieve.js";
import { serverFigure } from "./server-capacity.js";
import { type ServerProcess, startServerProcess } from "./server-process.js";
import { typecheckFigure } from "./typecheck.js";

/** Every figure, in the order they run. The pipeline comes last: it rewrites generated/. */
export const FIGURES = ["server", "retrieve", "listing", "cold-start", "audit", "bundle", "typecheck", "pipeline"] as const;
export type FigureId = (typeof FIGURES)[number];

/** Rounds, sizes and the figure selection, from the command line or the defaults. */
export function settingsFromArgs(defaults: readonly FigureId[]) {
  const only = listOption("only");
  const unknown = only?.filter((id) => !FIGURES.some((figure) => figure === id)) ?? [];
  if (unknown.length > 0) throw new Error(`--only: unknown figure ${unknown.join(", ")}; figures: ${FIGURES.join(", ")}`);
  const rounds = (fallback: number): number => intOption("rounds", fallback);
  // The audit figure runs the CLI from dist/ as users do; --audit-cli=src runs it with tsx, no build.
  const auditCli: "src" | "dist" = process.argv.includes("--audit-cli=src") ? "src" : "dist";
  return {
    figures: only === undefined ? defaults : FIGURES.filter((id) => only.includes(id)),
    keys: intOption("keys", 100_000),
    server: { rounds: rounds(3), requests: intOption("server-requests", 3000) },
    retrieve: { rounds: rounds(5), requests: intOption("requests", 5000) },
    listing: { rounds: rounds(5) },
    coldStart: { rounds: rounds(10) },
    audit: { rounds: rounds(3), cli: auditCli },
    typecheck: { rounds: rounds(3) },
    pipeline: { rounds: intOption("pipeline-rounds", 5) },
  };
}

export type Settings = ReturnType<typeof settingsFromArgs>;

/** Runs the selected figures; prints each as markdown when it is done and returns them all. */
export async function runFigures(settings: Settings): Promise<Figure[]> {
  const needsServer = settings.figures.some((id) => id === "server" || id === "retrieve" || id === "listing" || id === "cold-start" || id === "audit");
  const needsDist = settings.figures.some((id) => id !== "server" && id !== "pipeline" && !(id === "audit" && settings.audit.cli === "src"));
  if (needsDist) ensureDist();
  let server: ServerProcess | undefined;
  const figures: Figure[] = [];
  try {
    if (needsServer) server = await startServerProcess(settings.keys);
    const withServer = (): ServerProcess => {
      if (!server) throw new Error("the server process is not running");
      return server;
    };
    const runners: Record<FigureId, () => Promise<Figure>> = {
      server: () => serverFigure(withServer(), settings.server),
      retrieve: () => retrieveFigure(withServer(), settings.retrieve),
      listing: () => listingFigure(withServer(), settings.listing),
      "cold-start": () => coldStartFigure(withServer(), settings.coldStart),
      audit: () => auditFigure(withServer(), settings.audit),
      bundle: () => bundleFigure(),
      typecheck: () => typecheckFigure(settings.typecheck),
      pipeline: () => pipelineFigure(settings.pipeline),
    };
    for (const id of settings.figures) {
      const started = performance.now();
      const figure = await runners[id]();
      figures.push(figure);
      console.log(`${markdown(figure)}\n\n_(${((performance.now() - started) / 1000).toFixed(0)} s)_\n`);
    }
  } finally {
    await server?.close();
  }
  return figures;
}
