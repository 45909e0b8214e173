// admin-keys mock: the local emulator (startMockServer) in the foreground, for trying the CLI and
// for other programs' tests, until SIGINT or SIGTERM. It listens on loopback unless told
// otherwise (anyone who reaches it can use its key), logs one line per request, and with --state
// keeps its keys in a file across restarts (mock-state.ts).

import { resolve } from "node:path";
import { DEFAULT_MOCK_API_KEY, type MockResponseRecord, type MockServer, type MockServerOptions, startMockServer } from "../../testing/index.js";
import { UsageError, parseInteger, stringFlag } from "../args.js";
import type { CommandContext } from "../context.js";
import { clean } from "../format.js";
import { errorCode, loadMockState, recordOf, saveMockState } from "../mock-state.js";
import { CliError } from "../report.js";

const DEFAULT_PORT = 4010;

/** Hosts that never leave the machine: localhost, 127.0.0.0/8 and ::1. */
function isLoopback(host: string): boolean {
  return host === "localhost" || host === "::1" || /^127(\.\d{1,3}){3}$/.test(host);
}

/** The emulator's options that come from this command's flags (--port is checked before it starts). */
const OPTION_FLAGS: readonly (readonly [string, string])[] = [
  ["apiKey", "--api-key"],
  ["seed", "--seed"],
  ["host", "--host"],
];

/**
 * What the emulator's start failures say, in the terms of this command's flags and file: a listen
 * error by its code, an option it refused by the flag that set it. Anything else, as it is.
 */
function startFailure(error: unknown, host: string, port: number, statePath: string | undefined, usage: string): unknown {
  const failure = errorCode(error);
  if (failure === "EADDRINUSE") return new CliError(`Cannot listen on ${host}:${port}: the port is in use. Pick another with --port (0 picks a free one).`);
  if (failure !== undefined) return new CliError(`Cannot listen on ${host}:${port}: ${failure}.`);
  const message = error instanceof Error ? error.message : String(error);
  if (
    message.startsWith("options.keys") &&
    // Stryker disable next-line ConditionalExpression: the emulator is given keys only from a loaded state file, so a message about options.keys always comes with a state path and this test replaced by true is the same; it narrows the path for TypeScript
    statePath !== undefined
  ) {
    return new CliError(`Cannot use the state file ${statePath}: ${message.slice("options.".length)} It was left as it is; fix it, move it away, or pass another --state file.`);
  }
  // The rest of the emulator's message says what is wrong with the value.
  for (const [option, flag] of OPTION_FLAGS) {
    if (message.startsWith(`options.${option} `)) return new UsageError(`${flag}${message.slice(`options.${option}`.length)}`, usage);
  }
  return error;
}

/**
 * `admin-keys mock`: runs the local server until SIGINT or SIGTERM, then closes it and exits 0.
 *
 * @example
 * ```ts
 * const code = await mock(commandContext(io, { port: "0", seed: "25" }, [], COMMANDS.mock.usage));
 * ```
 */
export async function mock(context: CommandContext): Promise<number> {
  const { flags, io, usage } = context;
  const host = (stringFlag(flags, "host") ?? "127.0.0.1").replace(/^\[(.*)\]$/, "$1");
  if (!isLoopback(host) && flags["allow-remote"] !== true) {
    throw new UsageError(`Refusing to listen on ${host}: it is not a loopback address, so anyone who can reach it could use the server and its key. Pass --allow-remote to do it anyway.`, usage);
  }
  const portText = stringFlag(flags, "port");
  const port = portText === undefined ? DEFAULT_PORT : parseInteger("port", portText, usage);
  if (port > 65_535) throw new UsageError(`--port must be from 0 to 65535; got ${port}.`, usage);
  const seedText = stringFlag(flags, "seed");
  const seed = seedText === undefined ? 0 : parseInteger("seed", seedText, usage);
  const apiKey = stringFlag(flags, "api-key");
  const anyKey = flags["any-key"] === true;
  if (apiKey !== undefined && anyKey) throw new UsageError("--api-key and --any-key cannot be combined: a server that accepts any key has no key of its own.", usage);
  const stateFlag = stringFlag(flags, "state");
  const statePath = stateFlag === undefined ? undefined : resolve(stateFlag);

  const loaded = statePath === undefined ? undefined : await loadMockState(statePath);
  const secrets = new Map(loaded?.secrets ?? []);
  // The keys whose secret the server knows are the ones a request can use, and so the only ones
  // whose last_used_at a request can change: watched, so that such a change is saved too.
  const watched = new Map<string, number | null | undefined>();
  let saveFailure: string | undefined;

  /** Saves what a response changed: a created key (with its secret), a deleted one, a key's use. */
  const keepChanges = (record: MockResponseRecord, running: MockServer, path: string): void => {
    // Every answer of the emulator is a JSON object (other bodies come only from scripted faults,
    // which this command cannot script); the `{}` is for TypeScript.
    const { id, value } = recordOf(record.body) ?? {};
    let changed = false;
    // Only an answer about one key has an id at its top (an error's body is { "error": … }), and
    // only a create's holds the key's secret.
    if (typeof id === "string") {
      if (typeof value === "string") {
        secrets.set(id, value);
        watched.set(id, null);
        changed = true;
      } else if (record.operationId === "admin-api-keys-delete") {
        secrets.delete(id);
        changed = true;
      }
    }
    for (const [watchedId, seen] of watched) {
      const key = running.store.get(watchedId);
      if (key === undefined) {
        // Deleted, and that delete is saved below: nothing of it is left to watch.
        watched.delete(watchedId);
        continue;
      }
      if (key.last_used_at !== seen) {
        watched.set(watchedId, key.last_used_at);
        changed = true;
      }
    }
    if (!changed) return;
    try {
      saveMockState(path, running.store.list(), secrets);
      saveFailure = undefined;
    } catch (error) {
      // Said once per kind of failure, not on every request; the server goes on answering.
      const message = error instanceof Error ? error.message : String(error);
      if (message !== saveFailure) io.stderr(`warning: ${clean(message)} The keys in memory are unchanged.\n`);
      saveFailure = message;
    }
  };

  // Set, with --state, once the server runs: before it can answer a request (see below).
  let keep: ((record: MockResponseRecord) => void) | undefined;
  const onResponse = (record: MockResponseRecord): void => {
    // Kept before the line is logged, so that when the line shows, its change is on disk.
    keep?.(record);
    io.stdout(`${clean(record.method)} ${clean(record.url)} ${record.status} ${clean(record.requestId)}\n`);
  };

  // An undefined apiKey is the emulator's default key.
  const options: MockServerOptions = { host, port, onResponse, acceptAnyKey: anyKey, apiKey };
  if (loaded === undefined) options.seed = seed;
  else options.keys = loaded.keys.map((key) => ({ ...key, secret: loaded.secrets.get(key.id) }));
  const running = await startMockServer(options).catch((error: unknown) => {
    throw startFailure(error, host, port, statePath, usage);
  });
  // No request is answered before this runs: startMockServer resolves as it starts listening, and
  // nothing here waits until keep is set.
  if (statePath !== undefined) {
    try {
      // The first save proves the file can be written, before anyone relies on it.
      saveMockState(statePath, running.store.list(), secrets);
    } catch (error) {
      await running.close();
      throw error;
    }
    // A loaded secret authenticates as well as one created later: its key is watched from the start.
    // (A secret of an id the file has no key for is dropped from the watch by the first response.)
    for (const id of secrets.keys()) watched.set(id, running.store.get(id)?.last_used_at);
    keep = (record) => keepChanges(record, running, statePath);
  }

  // Listening for the stop before saying where the server is: whoever reads that line may send
  // SIGINT at once, and without a listener it would end the process uncleanly.
  const stopping = io.stopSignal();
  const from = statePath === undefined ? "" : loaded === undefined ? ` (saved to ${clean(statePath)})` : ` (loaded from ${clean(statePath)})`;
  const ignored = loaded !== undefined && seedText !== undefined ? `\n--seed was ignored: the keys come from the state file.` : "";
  const key = anyKey ? DEFAULT_MOCK_API_KEY : running.apiKey;
  io.stdout(
    `admin-keys mock: listening at ${running.url} with ${running.store.size} key${running.store.size === 1 ? "" : "s"}${from}.${ignored}\n` +
      `${anyKey ? "Any bearer key is accepted; for example, in" : "In"} another terminal:\n` +
      `  export OPENAI_ADMIN_KEY=${clean(key)}\n` +
      `  admin-keys list --base-url ${running.url}\n` +
      "Ctrl-C stops it.\n\n",
  );

  const signal = await stopping;
  io.stdout(`\nStopping (${signal})…\n`);
  await running.close();
  if (statePath !== undefined) {
    saveMockState(statePath, running.store.list(), secrets);
    io.stdout(`Stopped; ${running.store.size} key${running.store.size === 1 ? "" : "s"} saved to ${clean(statePath)}.\n`);
  } else {
    io.stdout("Stopped.\n");
  }
  return 0;
}
