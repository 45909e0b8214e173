// Command-line parsing for both commands: node's own parseArgs, with its errors turned into
// UsageErrors (exit code 2) that say what was wrong and what is allowed.

import { parseArgs, type ParseArgsConfig } from "node:util";
import { UsageError } from "./load.js";
import type { ReportFormat } from "./report.js";

type Options = NonNullable<ParseArgsConfig["options"]>;

export function parseCommandLine<O extends Options>(argv: readonly string[], options: O, allowPositionals: boolean) {
  try {
    return parseArgs({ args: [...argv], options, allowPositionals, strict: true });
  } catch (error) {
    const allowed = Object.entries(options)
      .map(([name, option]) => `--${name}${option.type === "string" ? " <value>" : ""}`)
      .join(", ");
    const reason = (error instanceof Error ? error.message : String(error)).replace(/\.?$/, ".");
    throw new UsageError(`${reason} Allowed options: ${allowed}.`);
  }
}

/** `--markdown` / `--json` / neither, refusing both at once. */
export function formatFrom(values: { markdown?: boolean | undefined; json?: boolean | undefined }): ReportFormat {
  if (values.markdown && values.json) throw new UsageError("--markdown and --json cannot be used together; pick one.");
  return values.json ? "json" : values.markdown ? "markdown" : "text";
}
