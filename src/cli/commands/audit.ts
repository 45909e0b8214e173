// admin-keys audit: every key, page by page, checked against a policy; the findings printed as
// they are found. Like `list --all`, the next page is fetched only once stdout has taken this
// one's findings, so memory holds one page however many keys there are. The exit code says
// whether anything was found, so CI can gate on it.

import { type AuditPolicy, DEFAULT_AUDIT_POLICY, auditKeys } from "../../index.js";
import { UsageError, parseDuration, stringFlag } from "../args.js";
import { AUDIT_FORMATS, type AuditFormat, auditWriter } from "../audit-output.js";
import type { CommandContext } from "../context.js";
import { listingProgress } from "../progress.js";
import { EXIT_FINDINGS } from "../report.js";

/** The largest page the API gives: the fewest requests for a full listing. */
const PAGE_SIZE = 100;

function isAuditFormat(text: string): text is AuditFormat {
  return AUDIT_FORMATS.some((format) => format === text);
}

function formatOf(context: CommandContext): AuditFormat {
  const format = stringFlag(context.flags, "format") ?? "table";
  if (!isAuditFormat(format)) throw new UsageError(`--format must be one of ${AUDIT_FORMATS.join(", ")}; got ${JSON.stringify(format)}.`, context.usage);
  return format;
}

/**
 * The rules the flags name, or the default policy when they name none.
 *
 * @example
 * ```ts
 * policyOf(commandContext(io, { "no-expiry": true }, [], COMMANDS.audit.usage)); // { noExpiry: true, … undefined }
 * ```
 */
export function policyOf(context: CommandContext): AuditPolicy {
  const { flags, usage } = context;
  const duration = (flag: string): number | undefined => {
    const text = stringFlag(flags, flag);
    return text === undefined ? undefined : parseDuration(text, usage, flag);
  };
  const policy: AuditPolicy = {
    unusedForSeconds: duration("unused-for"),
    expiringWithinSeconds: duration("expiring-within"),
    olderThanSeconds: duration("older-than"),
    noExpiry: flags["no-expiry"] === true ? true : undefined,
  };
  return Object.values(policy).every((rule) => rule === undefined) ? DEFAULT_AUDIT_POLICY : policy;
}

/**
 * `admin-keys audit`: lists every key and prints the findings; exit 3 when there are any.
 *
 * @example
 * ```ts
 * const code = await audit(commandContext(io, { "unused-for": "90d", format: "csv" }, [], COMMANDS.audit.usage));
 * ```
 */
export async function audit(context: CommandContext): Promise<number> {
  const { io } = context;
  const format = formatOf(context);
  const policy = policyOf(context);
  const keys = context.keys();
  const writer = auditWriter(format, io, policy);
  const progress = listingProgress(io, "auditing");
  let pages = 0;
  let checked = 0;
  let findings = 0;
  try {
    for await (const page of keys.pages({ limit: PAGE_SIZE })) {
      const found = auditKeys(page.data, policy, { now: io.now() });
      progress.hide();
      writer.page(found);
      await io.drain();
      pages++;
      checked += page.data.length;
      findings += found.length;
      progress.show({ pages, keys: checked, findings });
    }
  } finally {
    progress.end();
  }
  writer.end(checked);
  return findings === 0 ? 0 : EXIT_FINDINGS;
}
