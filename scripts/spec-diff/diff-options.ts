// Command-line parsing for both commands: node's own parseArgs, with its errors turned into
// UsageErrors (exit code 2) that say what was wrong and what is allowed.

import { parseArgs, type ParseArgsConfig } from "node:util";
import { UsageError } from "./load-compared.js";
import { REPORT_FORMATS, type ReportFormat } from "./diff-report.js";

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

/**
 * `--format <name>`, or its older spellings `--markdown` and `--json`; text when none is given.
 * Two that disagree are refused rather than one silently winning.
 */
export function formatFrom(values: { format?: string | undefined; markdown?: boolean | undefined; json?: boolean | undefined }): ReportFormat {
  const asked = new Set<string>();
  if (values.format !== undefined) {
    if (!(REPORT_FORMATS as readonly string[]).includes(values.format)) {
      throw new UsageError(`--format must be one of ${REPORT_FORMATS.join(", ")}; got "${values.format}".`);
    }
    asked.add(values.format);
  }
  if (values.markdown) asked.add("markdown");
  if (values.json) asked.add("json");
  if (asked.size > 1) throw new UsageError(`Pick one output format; got ${[...asked].join(" and ")}.`);
  const [format] = asked;
  return (format ?? "text") as ReportFormat;
}
