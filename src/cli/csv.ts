// CSV as `audit --format csv` writes it. Quoting follows RFC 4180: a field holding a quote, a
// comma or a line break is quoted, its quotes doubled. Two deliberate departures, both for what
// reads the file next: records end with LF, not CRLF (the output sink passes no CR; every CSV
// reader takes LF), and a cell that a spreadsheet would run as a formula is defused (below).

import { clean } from "./format.js";

/**
 * What a spreadsheet reads as the start of a formula (OWASP's CSV injection list; tab and CR,
 * also on it, never reach a cell: `clean` has replaced them).
 */
const FORMULA_START = /^[=+\-@]/;

/**
 * One CSV field: on one line (control characters and line breaks become U+FFFD, as in the
 * table), a leading `'` when it would start a formula (`=HYPERLINK(…)` is shown as text, not
 * run), then quoted if RFC 4180 requires it.
 *
 * @example
 * ```ts
 * csvField('say "hi", =1+1'); // '"say ""hi"", =1+1"'
 * csvField("=1+1");           // "'=1+1"
 * ```
 */
export function csvField(text: string): string {
  const flat = clean(text);
  const defused = FORMULA_START.test(flat) ? `'${flat}` : flat;
  return /[",\n\r]/.test(defused) ? `"${defused.replaceAll('"', '""')}"` : defused;
}

/**
 * One CSV record: the fields, comma-separated, and LF.
 *
 * @example
 * ```ts
 * csvRecord(["id", "name"]); // "id,name\n"
 * ```
 */
export function csvRecord(fields: readonly string[]): string {
  return `${fields.map(csvField).join(",")}\n`;
}
