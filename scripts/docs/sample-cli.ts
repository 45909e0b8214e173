// The CLI sample of an operation: `admin-keys <command>` with the operation's input as the
// positionals and flags src/cli/args.ts defines, and --base-url naming the spec's server, so that
// every sample names the API the same way. The key is left to OPENAI_ADMIN_KEY, as the CLI reads it.

import { isObject, type JsonValue } from "../spec/json-value.js";
import { valueText, type SampleRequest } from "./sample-request.js";
import type { CliCommand } from "./sample-surface.js";
import { commandLines, shellWord } from "./shell.js";

export interface CliSample {
  readonly source: string;
  /** Inputs the request has but the command has no flag for, so the sample leaves them out. */
  readonly leftOut: readonly string[];
}

export function cliSample(request: SampleRequest, command: CliCommand): CliSample {
  const words = [`admin-keys ${command.command}`];
  const leftOut: string[] = [];
  for (const name of command.positionals) {
    const parameter = request.pathParameters.find((candidate) => candidate.name === name);
    words.push(shellWord(valueText(parameter?.value ?? name)));
  }
  for (const parameter of request.pathParameters) if (!command.positionals.includes(parameter.name)) leftOut.push(parameter.name);

  const inputs: [string, JsonValue][] = request.query.map(({ name, value }) => [name, value]);
  if (isObject(request.body)) inputs.push(...Object.entries(request.body));
  const flags: string[] = [];
  for (const [name, value] of inputs) {
    const flag = command.flags[name];
    if (flag === undefined) leftOut.push(name);
    else flags.push(`${flag.flag} ${shellWord(flag.write ? flag.write(value) : valueText(value))}`);
  }
  const first = [...words, ...flags, ...command.always].join(" ");
  const source = [
    "# The admin key comes from OPENAI_ADMIN_KEY.",
    commandLines(first, [`--base-url ${shellWord(request.serverUrl)}`]),
    "",
  ].join("\n");
  return { source, leftOut };
}
