// Which call of this package's client and which admin-keys command perform each operation of the
// spec. The spec says what an operation takes; only src/client.ts and src/cli/args.ts say how a
// program or a shell passes it, so this table is the one place the code samples learn that. The
// sample tests (test/docs/) compile and run every sample, so an entry that drifts from the client
// or the CLI fails them. An operation missing here gets a curl sample only.

import type { JsonValue } from "../spec/json-value.js";

/** How `client.adminApiKeys.<method>(…)` takes the operation's input. */
export interface ClientCall {
  /** The method of `client.adminApiKeys`. */
  readonly method: string;
  /** The call's arguments, in order: a path parameter by name, the query object, or the body object. */
  readonly args: readonly ({ readonly path: string } | "query" | "body")[];
  /** What the sample calls the answer. */
  readonly result: string;
  /** A comment above the call, when the answer needs one. */
  readonly note?: string;
}

/** How `admin-keys <command>` takes the operation's input. */
export interface CliCommand {
  readonly command: string;
  /** Path parameters passed as positionals, in order. */
  readonly positionals: readonly string[];
  /** Query parameters and body fields, by name: the flag, and how a value is written for it. */
  readonly flags: Readonly<Record<string, { readonly flag: string; readonly write?: (value: JsonValue) => string }>>;
  /** Flags every sample of the command carries. */
  readonly always: readonly string[];
}

export interface OperationSurface {
  readonly client: ClientCall;
  readonly cli: CliCommand;
}

/** `2592000` → `30d`: the CLI reads durations, and a reader takes in days faster than seconds. */
function duration(value: JsonValue): string {
  if (typeof value !== "number" || !Number.isInteger(value) || value <= 0) return String(value);
  for (const [unit, seconds] of [["d", 86_400], ["h", 3_600], ["m", 60]] as const) {
    if (value % seconds === 0) return `${value / seconds}${unit}`;
  }
  return String(value);
}

// --json everywhere: the sample then prints the answer as the API sent it, which is what the
// response panel next to it shows, and what the tests validate against the operation's schema.
export const SAMPLE_SURFACE: Readonly<Record<string, OperationSurface>> = {
  "admin-api-keys-list": {
    client: { method: "list", args: ["query"], result: "page" },
    cli: {
      command: "list",
      positionals: [],
      flags: { after: { flag: "--after" }, order: { flag: "--order" }, limit: { flag: "--limit" } },
      always: ["--json"],
    },
  },
  "admin-api-keys-create": {
    client: { method: "create", args: ["body"], result: "created", note: "created.value is the secret: store it now, no later answer holds it." },
    cli: {
      command: "create",
      positionals: [],
      flags: { name: { flag: "--name" }, expires_in_seconds: { flag: "--expires-in", write: duration } },
      always: ["--json"],
    },
  },
  "admin-api-keys-get": {
    client: { method: "retrieve", args: [{ path: "key_id" }], result: "key" },
    cli: { command: "get", positionals: ["key_id"], flags: {}, always: ["--json"] },
  },
  "admin-api-keys-delete": {
    client: { method: "delete", args: [{ path: "key_id" }], result: "deleted" },
    // --yes: without a terminal to confirm on, delete refuses to run.
    cli: { command: "delete", positionals: ["key_id"], flags: {}, always: ["--yes", "--json"] },
  },
};
