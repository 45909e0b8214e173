// The command line's grammar: each command's flags and usage text, parsed with node:util
// parseArgs in strict mode, so an unknown or malformed flag is a usage error naming the command.

import { type ParseArgsConfig, parseArgs } from "node:util";

/** A mistake in how the CLI was called; printed with the command's usage, exit code 2. */
export class UsageError extends Error {
  readonly usage: string;

  constructor(message: string, usage: string) {
    super(message);
    this.usage = usage;
  }
}
UsageError.prototype.name = "UsageError";

type Options = NonNullable<ParseArgsConfig["options"]>;

const GLOBAL_OPTIONS = {
  "base-url": { type: "string" },
  "allow-insecure-http": { type: "boolean" },
  help: { type: "boolean", short: "h" },
  version: { type: "boolean" },
} as const satisfies Options;

const GLOBAL_HELP = `Global options:
  --base-url <url>   API base URL (default https://api.openai.com/v1)
  --allow-insecure-http
                     Allow a plain http:// --base-url on a host other than loopback
                     (the admin key then travels unencrypted)
  -h, --help         Show help
  --version          Show the version
The admin key is read from OPENAI_ADMIN_KEY.`;

/** One command: its flags, how many positionals it takes, and its usage text. */
export interface CommandSpec {
  readonly name: string;
  readonly summary: string;
  readonly usage: string;
  readonly options: Options;
  readonly positionals: readonly string[];
}

function command(name: string, summary: string, synopsis: string, options: Options, positionals: readonly string[], details: string): CommandSpec {
  const usage = `Usage: admin-keys ${synopsis}\n\n${summary}\n\n${details}\n\n${GLOBAL_HELP}\n`;
  return { name, summary, usage, options: { ...GLOBAL_OPTIONS, ...options }, positionals };
}

export const COMMANDS = {
  list: command(
    "list",
    "List the organization's admin API keys.",
    "list [--all] [--limit N] [--order asc|desc] [--after <id>] [--json | --jsonl]",
    {
      all: { type: "boolean" },
      limit: { type: "string" },
      order: { type: "string" },
      after: { type: "string" },
      json: { type: "boolean" },
      jsonl: { type: "boolean" },
    },
    [],
    `Options:
  --all              Fetch every page (--limit is then the page size), printing each page as it
                     arrives; the table's columns are sized by the header and the first page
  --limit N          Keys per page
  --order asc|desc   Oldest first (asc, the default) or newest first
  --after <id>       Start after this key ID (the last ID of the previous page)
  --json             Print one JSON document instead of a table: the page, or with --all one
                     {"object":"list","data":[…]} of every key, written page by page
  --jsonl            Print one key per line as JSON (JSON Lines), for tools that read line by
                     line; without --all, a note on stderr says when more keys follow`,
  ),
  get: command("get", "Show one admin API key.", "get <id> [--json]", { json: { type: "boolean" } }, ["id"], `Options:
  --json             Print the key as JSON`),
  create: command(
    "create",
    "Create an admin API key; print its secret once, or write it to a file.",
    "create --name <name> [--expires-in <seconds | 30d | 12h | 15m>] [--secret-file <file>] [--json]",
    { name: { type: "string" }, "expires-in": { type: "string" }, "secret-file": { type: "string" }, json: { type: "boolean" } },
    [],
    `Options:
  --name <name>        Name of the new key (required)
  --expires-in <time>  Lifetime: seconds, or a number with s, m, h, d or w (30d, 12h)
                       Leave it out for a key that never expires
  --secret-file <file> Write the secret to <file> (mode 0600) instead of printing it. The file
                       must not exist (it is never overwritten) and its folder must be writable;
                       both are checked before the key is created
  --json               Print the new key as JSON; with its secret (value) only without --secret-file

If the create fails in a way that leaves its outcome unknown (a 5xx, a timeout, a broken
connection), the key may exist with nobody holding its secret: the keys of that name created
meanwhile are listed, each with the command that deletes it.`,
  ),
  delete: command("delete", "Delete (revoke) an admin API key.", "delete <id> [--yes] [--json]", { yes: { type: "boolean", short: "y" }, json: { type: "boolean" } }, ["id"], `Options:
  -y, --yes          Do not ask for confirmation (required when stdin is not a terminal)
  --json             Print the deletion result as JSON`),
  audit: command(
    "audit",
    "Check every key against a hygiene policy; exit 3 on findings.",
    "audit [--unused-for 90d] [--expiring-within 14d] [--older-than 180d] [--no-expiry] [--format table|json|jsonl|csv]",
    {
      "unused-for": { type: "string" },
      "expiring-within": { type: "string" },
      "older-than": { type: "string" },
      "no-expiry": { type: "boolean" },
      format: { type: "string" },
    },
    [],
    `Rules (durations as --expires-in takes them: seconds, or 90d, 12h, 2w …):
  --unused-for <time>       Not used for longer than this (a never-used key counts from its creation)
  --expiring-within <time>  Expires within this time, or has expired already
  --older-than <time>       Created longer ago than this
  --no-expiry               Never expires
With no rule given, the default policy applies: --unused-for 90d --expiring-within 14d
--older-than 180d --no-expiry. With any rule given, only the rules given apply.

Output:
  --format table   One row per finding: ID, NAME, OWNER, RULE, FINDING (the default), then a count
  --format json    One document: {"policy":{…},"findings":[{"id","name","owner","rule","finding"}…],"keys":N}
  --format jsonl   One finding per line as JSON, the same fields
  --format csv     The same columns with a header row, quoted as RFC 4180 says, one record per line
                   (LF line ends; control characters and line breaks in a value become U+FFFD).
                   A cell that starts with =, +, - or @ gets a leading ' so that a spreadsheet
                   shows it as text instead of running it as a formula
Every key is listed, 100 per page, each page checked and printed as it arrives; on a terminal,
progress is shown on stderr.

Exit codes:
  0  no findings
  3  findings (so CI can gate on it)
  1  the API or the connection failed
  2  usage error`,
  ),
  rotate: command(
    "rotate",
    "Replace a key by a new one, verified with its own secret before the old goes.",
    "rotate <id> [--name <name>] [--expires-in <time>] [--keep-old] [--secret-file <file>] [--dry-run] [--yes] [--json]",
    {
      name: { type: "string" },
      "expires-in": { type: "string" },
      "keep-old": { type: "boolean" },
      "secret-file": { type: "string" },
      "dry-run": { type: "boolean" },
      yes: { type: "boolean", short: "y" },
      json: { type: "boolean" },
    },
    ["id"],
    `Steps: 1. retrieve <id>; 2. create the new key (same name unless --name); 3. deliver its secret
(to --secret-file, or printed once); 4. retrieve the new key's own record with the new secret, to
prove it works; 5. delete <id>. If a step fails, the rotation stops there and says which keys
exist, where the secret is, and the command that finishes or undoes it. A failed verification
never deletes the old key.

Options:
  --name <name>         Name of the new key (default: the old key's)
  --expires-in <time>   Lifetime of the new key, as create takes it; leave it out for no expiry
  --keep-old            Do not delete the old key (steps 1-4 only)
  --secret-file <file>  Write the new secret to <file> (mode 0600, never overwritten) instead of
                        printing it; checked before anything is created
  --dry-run             Retrieve the old key and print the plan; create and delete nothing
  -y, --yes             Delete the old key without asking (required when stdin is not a terminal)
  --json                Print the outcome as JSON (with the secret as value only without
                        --secret-file), also when a step fails

Exit codes: 0 rotated (or planned), 1 a step failed (the state is printed), 2 usage error.`,
  ),
  mock: command(
    "mock",
    "Run the local admin-keys server in the foreground, until Ctrl-C.",
    "mock [--host 127.0.0.1] [--port 4010] [--seed N] [--api-key <key> | --any-key] [--state <file>] [--allow-remote]",
    {
      host: { type: "string" },
      port: { type: "string" },
      seed: { type: "string" },
      "api-key": { type: "string" },
      "any-key": { type: "boolean" },
      state: { type: "string" },
      "allow-remote": { type: "boolean" },
    },
    [],
    `Options:
  --host <host>      Interface to listen on (default 127.0.0.1)
  --allow-remote     Allow a host that is not loopback: anyone who can reach it can use the key
  --port <port>      Port (default 4010; 0 picks a free one)
  --seed N           Start with N generated keys (default 0; ignored when --state names a file
                     that exists)
  --api-key <key>    The admin key the server accepts (default sk-admin-local-mock-key)
  --any-key          Accept any bearer key instead
  --state <file>     Keep the keys in <file>: loaded at start, rewritten atomically after every
                     change. A file that cannot be read or is not a state file is an error, and
                     is never overwritten. Keys created before a restart are listed again, but
                     their secrets do not authenticate after it.
SIGINT (Ctrl-C) and SIGTERM stop the server cleanly, with exit code 0.`,
  ),
  demo: command(
    "demo",
    "Walk through the client, an audit and a rotation (what npm start runs).",
    "demo [--base-url <url> [--yes]]",
    { yes: { type: "boolean", short: "y" } },
    [],
    `The local server is seeded with 250 keys. With --base-url (and OPENAI_ADMIN_KEY), the demo
talks to that server instead and only lists and audits keys, unless --yes allows it to create a
short-lived key, rotate it and delete the rotated key (no other key is touched).

Options:
  -y, --yes          Against --base-url, also create, retrieve, rotate and delete a demo key`,
  ),
} as const satisfies Record<string, CommandSpec>;

export type CommandName = keyof typeof COMMANDS;

export const MAIN_USAGE = `Usage: admin-keys <command> [options]

Manage the admin API keys of an OpenAI organization.

Commands:
${Object.values(COMMANDS)
  .map((spec) => `  ${spec.name.padEnd(8)} ${spec.summary}`)
  .join("\n")}

Run admin-keys <command> --help for a command's options.

${GLOBAL_HELP}
`;

/** Parsed flags: strings and booleans by flag name. */
export type Flags = Readonly<Record<string, string | boolean | (string | boolean)[] | undefined>>;

export interface ParsedCommand {
  readonly name: CommandName;
  readonly spec: CommandSpec;
  readonly flags: Flags;
  readonly positionals: readonly string[];
}

/** parseArgs explains at length; its first sentence says what is wrong. */
function firstSentence(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const end = message.search(/\.(?: |\n)/);
  const sentence = end === -1 ? message : message.slice(0, end + 1);
  return sentence.endsWith(".") ? sentence : `${sentence}.`;
}

function isCommand(name: string): name is CommandName {
  return Object.hasOwn(COMMANDS, name);
}

/** Finds the command word and where it stands: the first argument that is neither a flag nor the value of --base-url. */
function commandWord(argv: readonly string[]): { readonly name: string; readonly index: number } | undefined {
  let isBaseUrlValue = false;
  for (const [index, arg] of argv.entries()) {
    if (isBaseUrlValue) isBaseUrlValue = false;
    else if (arg === "--base-url") isBaseUrlValue = true;
    else if (!arg.startsWith("-")) return { name: arg, index };
  }
  return undefined;
}

/**
 * Splits argv into the command and its flags. Returns undefined when no command is named (the
 * caller then handles --help and --version on their own).
 */
export function parseCommandLine(argv: readonly string[]): ParsedCommand | undefined {
  const word = commandWord(argv);
  if (word === undefined) {
    try {
      parseArgs({ args: [...argv], options: GLOBAL_OPTIONS, strict: true, allowPositionals: false });
    } catch (error) {
      throw new UsageError(firstSentence(error), MAIN_USAGE);
    }
    return undefined;
  }
  const { name, index } = word;
  if (!isCommand(name)) throw new UsageError(`Unknown command '${name}'.`, MAIN_USAGE);
  const spec: CommandSpec = COMMANDS[name];
  const rest = [...argv.slice(0, index), ...argv.slice(index + 1)];
  let parsed;
  try {
    parsed = parseArgs({ args: rest, options: spec.options, strict: true, allowPositionals: true });
  } catch (error) {
    throw new UsageError(firstSentence(error), spec.usage);
  }
  const flags: Flags = parsed.values;
  if (flags["help"] === true || flags["version"] === true) return { name, spec, flags, positionals: parsed.positionals };
  if (parsed.positionals.length !== spec.positionals.length) {
    const placeholders = spec.positionals.map((positional) => `<${positional}>`);
    // Stryker disable next-line StringLiteral: no command takes more than one positional, so the separator is never printed
    const listed = placeholders.join(" ");
    const expected = placeholders.length === 0 ? "no arguments" : listed;
    throw new UsageError(`'${name}' takes ${expected}; got ${parsed.positionals.length === 0 ? "none" : parsed.positionals.map((p) => JSON.stringify(p)).join(" ")}.`, spec.usage);
  }
  return { name, spec, flags, positionals: parsed.positionals };
}

const DURATION_UNITS: Readonly<Record<string, number>> = { s: 1, m: 60, h: 3_600, d: 86_400, w: 604_800 };

/**
 * Seconds from `3600`, `90s`, `15m`, `12h`, `30d` or `2w`, given as `--<flag>` (the error names
 * it). The allowed range is the spec's, checked by the client; this only reads the notation.
 */
export function parseDuration(text: string, usage: string, flag = "expires-in"): number {
  const notation = text.trim();
  if (!/^\d{1,12}[smhdw]?$/i.test(notation)) {
    throw new UsageError(`--${flag} must be a number of seconds or a duration such as 30d, 12h, 15m or 90s; got ${JSON.stringify(text)}.`, usage);
  }
  // The last character is a unit letter, or a digit of a plain number of seconds.
  const unitSeconds = DURATION_UNITS[notation.slice(-1).toLowerCase()];
  return unitSeconds === undefined ? Number(notation) : Number(notation.slice(0, -1)) * unitSeconds;
}

/** A whole number given as a flag value, or a usage error naming the flag. */
export function parseInteger(flag: string, text: string, usage: string): number {
  if (!/^\d{1,9}$/.test(text.trim())) throw new UsageError(`--${flag} must be a whole number; got ${JSON.stringify(text)}.`, usage);
  return Number(text);
}

/** A string flag's value, if given. */
export function stringFlag(flags: Flags, name: string): string | undefined {
  const value = flags[name];
  return typeof value === "string" ? value : undefined;
}
