// The CLI as a function: argv and an io in, an exit code out. main.ts calls it with the real
// process; tests call it with their own io. Either way the io is wrapped in the output sink here,
// before anything is written, and only the wrapped io goes further.

import { VERSION } from "../version.js";
import { type CommandName, MAIN_USAGE, parseCommandLine } from "./args.js";
import { audit } from "./commands/audit.js";
import { create } from "./commands/create.js";
import { remove } from "./commands/delete.js";
import { get } from "./commands/get.js";
import { list } from "./commands/list.js";
import { mock } from "./commands/mock.js";
import { rotate } from "./commands/rotate.js";
import { type CommandContext, commandContext } from "./context.js";
import { demo } from "./demo.js";
import type { CliIo } from "./io.js";
import { EXIT_USAGE, report } from "./report.js";
import { outputSink } from "./sink.js";

export type { CliIo } from "./io.js";

const RUNNERS: Readonly<Record<CommandName, (context: CommandContext) => Promise<number>>> = {
  list,
  get,
  create,
  delete: remove,
  audit,
  rotate,
  mock,
  demo,
};

/**
 * Runs `admin-keys` with these arguments (without the node and script paths) and resolves to
 * the exit code. Never throws: failures are printed to stderr. Everything is written through the
 * output sink wrapped around `world`, so nothing a server sent reaches it raw.
 *
 * @example
 * ```ts
 * const code = await run(["list", "--json"], processIo());
 * ```
 */
export async function run(argv: readonly string[], world: CliIo): Promise<number> {
  const io = outputSink(world);
  try {
    const parsed = parseCommandLine(argv);
    if (parsed === undefined) {
      if (argv.includes("--version")) {
        io.stdout(`${VERSION}\n`);
        return 0;
      }
      const asked = argv.includes("--help") || argv.includes("-h");
      (asked ? io.stdout : io.stderr)(MAIN_USAGE);
      return asked ? 0 : EXIT_USAGE;
    }
    const { name, spec, flags, positionals } = parsed;
    if (flags["version"] === true) {
      io.stdout(`${VERSION}\n`);
      return 0;
    }
    if (flags["help"] === true) {
      io.stdout(spec.usage);
      return 0;
    }
    return await RUNNERS[name](commandContext(io, flags, positionals, spec.usage));
  } catch (error) {
    return report(error, io);
  }
}
