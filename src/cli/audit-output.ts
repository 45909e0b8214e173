// How `audit` prints its findings as the pages arrive, without holding more than a page of them:
// a table, one JSON document, JSON Lines or CSV. Every form has the same columns, in the same
// order: id, name, owner, rule, finding. Like list-output.ts, a writer is told of each page and
// then that the audit is complete; an audit that fails halfway is never completed.

import type { AuditFinding, AuditPolicy } from "../index.js";
import { csvRecord } from "./csv.js";
import { clean, columnWidths, tableLine } from "./format.js";
import type { CliIo } from "./io.js";
import { jsonText } from "./json.js";

/** The forms `audit --format` takes. */
export const AUDIT_FORMATS = ["table", "json", "jsonl", "csv"] as const satisfies readonly string[];
export type AuditFormat = (typeof AUDIT_FORMATS)[number];

/** The columns, as the table's header and as the field names of JSON, JSON Lines and CSV. */
export const AUDIT_COLUMNS: readonly (readonly [string, keyof FindingRow])[] = [
  ["ID", "id"],
  ["NAME", "name"],
  ["OWNER", "owner"],
  ["RULE", "rule"],
  ["FINDING", "finding"],
];

/** A finding as one row: what every format prints. */
export interface FindingRow {
  readonly id: string;
  /** null for a key without a name (JSON), "-" in the table, empty in CSV. */
  readonly name: string | null;
  /** The owner's name, else its id. */
  readonly owner: string;
  readonly rule: string;
  readonly finding: string;
}

/**
 * A finding as a row. Its values are as the server sent them; each format makes them safe its own
 * way (the table and CSV keep them on one line, JSON escapes them).
 *
 * @example
 * ```ts
 * findingRow(finding); // { id: "key_abc", name: "CI", owner: "Ada", rule: "unused", finding: "last used 143 days ago" }
 * ```
 */
export function findingRow(finding: AuditFinding): FindingRow {
  // From a server, so checked: an owner without a name or id shows as unknown.
  const owner = finding.owner?.name ?? finding.owner?.id ?? "unknown";
  return { id: finding.keyId, name: finding.name, owner: String(owner), rule: finding.rule, finding: finding.detail };
}

/** Receives an audit page by page. */
export interface AuditWriter {
  /** Prints one page's findings, in one write (nothing for none). */
  page(findings: readonly AuditFinding[]): void;
  /** Prints what follows the last page. Not called when the audit failed. */
  end(keysChecked: number): void;
}

/**
 * The policy in words, for the table's first line.
 *
 * @example
 * ```ts
 * policyWords({ unusedForSeconds: 90 * 86_400, noExpiry: true }); // "unused for more than 90 days; never expires"
 * ```
 */
export function policyWords(policy: AuditPolicy): string {
  const days = (seconds: number): string => (seconds % 86_400 === 0 ? `${seconds / 86_400} day${seconds === 86_400 ? "" : "s"}` : `${seconds} seconds`);
  const rules = [
    policy.unusedForSeconds === undefined ? undefined : `unused for more than ${days(policy.unusedForSeconds)}`,
    policy.noExpiry === true ? "never expires" : undefined,
    policy.expiringWithinSeconds === undefined ? undefined : `expires within ${days(policy.expiringWithinSeconds)} (or has expired)`,
    policy.olderThanSeconds === undefined ? undefined : `older than ${days(policy.olderThanSeconds)}`,
  ];
  return rules.filter((rule): rule is string => rule !== undefined).join("; ");
}

/** The policy as JSON: the rules that are on, in seconds. A rule that is off is undefined, which JSON leaves out. */
function policyJson(policy: AuditPolicy): Record<string, number | true | undefined> {
  return {
    unused_for_seconds: policy.unusedForSeconds,
    no_expiry: policy.noExpiry === true ? true : undefined,
    expiring_within_seconds: policy.expiringWithinSeconds,
    older_than_seconds: policy.olderThanSeconds,
  };
}

function plural(count: number, noun: string): string {
  return `${count.toLocaleString("en-US")} ${noun}${count === 1 ? "" : "s"}`;
}

/**
 * An aligned table, preceded by the policy, followed by a count. As in `list --all`, the columns
 * are sized by the header and the first page with findings, and stay fixed.
 *
 * @example
 * ```ts
 * const writer = auditTableWriter(io, DEFAULT_AUDIT_POLICY); // prints "Policy: …"
 * writer.page(findings);
 * writer.end(250); // "\n84 findings in 250 keys.\n"
 * ```
 */
export function auditTableWriter(io: CliIo, policy: AuditPolicy): AuditWriter {
  io.stdout(`Policy: ${policyWords(policy)}.\n\n`);
  const header = AUDIT_COLUMNS.map(([title]) => title);
  let widths: number[] | undefined;
  let total = 0;
  return {
    page(findings) {
      if (findings.length === 0) return;
      const rows = findings.map(findingRow).map((row) => [clean(row.id), row.name === null ? "-" : clean(row.name, 40), clean(row.owner, 30), row.rule, clean(row.finding)]);
      let text = "";
      if (widths === undefined) {
        widths = columnWidths(header, rows);
        text = `${tableLine(widths, header)}\n`;
      }
      const fixed = widths;
      text += rows.map((row) => `${tableLine(fixed, row)}\n`).join("");
      total += findings.length;
      io.stdout(text);
    },
    end(keysChecked) {
      io.stdout(total === 0 ? `No findings in ${plural(keysChecked, "key")}.\n` : `\n${plural(total, "finding")} in ${plural(keysChecked, "key")}.\n`);
    },
  };
}

/** A row as a JSON object, indented to stand in the document's `findings` array. */
function element(row: FindingRow): string {
  return `    ${jsonText(row, 2).replaceAll("\n", "\n    ")}`;
}

/**
 * One JSON document, `{"policy":{…},"findings":[…],"keys":N}`, written as the pages arrive: what
 * `JSON.stringify(document, null, 2)` gives, byte for byte.
 *
 * @example
 * ```ts
 * const writer = auditJsonWriter(io, { noExpiry: true });
 * writer.page(findings);
 * writer.end(250);
 * ```
 */
export function auditJsonWriter(io: CliIo, policy: AuditPolicy): AuditWriter {
  const policyText = jsonText(policyJson(policy), 2).replaceAll("\n", "\n  ");
  io.stdout(`{\n  "policy": ${policyText},\n  "findings": [`);
  // Whether the array has an element yet: the first follows "[", the others a comma.
  let anyWritten = false;
  return {
    page(findings) {
      if (findings.length === 0) return;
      io.stdout(`${anyWritten ? ",\n" : "\n"}${findings.map((finding) => element(findingRow(finding))).join(",\n")}`);
      anyWritten = true;
    },
    end(keysChecked) {
      io.stdout(`${anyWritten ? "\n  " : ""}],\n  "keys": ${keysChecked}\n}\n`);
    },
  };
}

/**
 * JSON Lines: each finding as one compact JSON object on its own line; nothing else.
 *
 * @example
 * ```ts
 * auditJsonLinesWriter(io).page(findings); // {"id":"key_abc","name":"CI","owner":"Ada","rule":"unused","finding":"last used 143 days ago"}
 * ```
 */
export function auditJsonLinesWriter(io: CliIo): AuditWriter {
  return {
    page(findings) {
      // Stryker disable next-line ConditionalExpression,EqualityOperator: no findings join to "", and writing "" prints nothing; the check only saves the call
      if (findings.length > 0) io.stdout(findings.map((finding) => `${jsonText(findingRow(finding))}\n`).join(""));
    },
    end() {},
  };
}

/**
 * CSV (see csv.ts): a header row of the field names, then one record per finding.
 *
 * @example
 * ```ts
 * auditCsvWriter(io).page(findings); // id,name,owner,rule,finding\nkey_abc,CI,Ada,unused,last used 143 days ago\n
 * ```
 */
export function auditCsvWriter(io: CliIo): AuditWriter {
  io.stdout(csvRecord(AUDIT_COLUMNS.map(([, field]) => field)));
  return {
    page(findings) {
      // Stryker disable next-line ConditionalExpression: no findings join to "", and writing "" prints nothing; the check only saves the call
      if (findings.length === 0) return;
      io.stdout(findings.map(findingRow).map((row) => csvRecord(AUDIT_COLUMNS.map(([, field]) => row[field] ?? ""))).join(""));
    },
    end() {},
  };
}

/**
 * The writer for a format; it prints what comes before the findings at once.
 *
 * @example
 * ```ts
 * const writer = auditWriter("csv", io, policy);
 * ```
 */
export function auditWriter(format: AuditFormat, io: CliIo, policy: AuditPolicy): AuditWriter {
  switch (format) {
    case "table":
      return auditTableWriter(io, policy);
    case "json":
      return auditJsonWriter(io, policy);
    case "jsonl":
      return auditJsonLinesWriter(io);
    case "csv":
      return auditCsvWriter(io);
  }
}
