// Human output: relative times, aligned tables and key details. Each value from a server that is
// placed in a line or a column passes through `clean`, so it stays on its line and in its column.
// Terminal safety as such is the output sink's job (sink.ts), for everything printed.

import type { AdminApiKey, AdminApiKeyOwner } from "../index.js";

const UNITS: readonly [string, number][] = [
  ["year", 365 * 86_400],
  ["month", 30 * 86_400],
  ["day", 86_400],
  ["hour", 3_600],
];

function counted(count: number, unit: string): string {
  return `${count} ${unit}${count === 1 ? "" : "s"}`;
}

// Callers pass at least a minute; rounding to the minute first keeps "in 1 hour" from reading
// "in 59 minutes" half a second after a key was made to last an hour. Under an hour, minutes.
function amount(seconds: number): string {
  const minutes = Math.round(seconds / 60);
  for (const [unit, size] of UNITS) {
    const count = Math.floor((minutes * 60) / size);
    if (count >= 1) return counted(count, unit);
  }
  return counted(minutes, "minute");
}

/**
 * "3 days ago", "in 29 days", or "just now" within a minute either way.
 *
 * @example
 * ```ts
 * relativeTime(Date.now() / 1000 - 3 * 86_400, Date.now()); // "3 days ago"
 * ```
 */
export function relativeTime(atSeconds: number, nowMs: number): string {
  const delta = atSeconds - nowMs / 1000;
  // A time from a server that is no number (the answer is not checked against the spec unless the
  // client validates it) gives NaN here.
  if (Number.isNaN(delta)) return "unknown";
  if (Math.abs(delta) < 60) return "just now";
  // Stryker disable next-line EqualityOperator: a delta of 0 returned "just now" above, so < and <= agree here
  return delta < 0 ? `${amount(-delta)} ago` : `in ${amount(delta)}`;
}

/**
 * When a key expires: "never", "in 29 days" or "expired 3 days ago".
 *
 * @example
 * ```ts
 * expiry(null, Date.now()); // "never"
 * ```
 */
export function expiry(expiresAt: number | null, nowMs: number): string {
  if (expiresAt === null) return "never";
  return expiresAt * 1000 <= nowMs ? `expired ${relativeTime(expiresAt, nowMs)}` : relativeTime(expiresAt, nowMs);
}

/**
 * When a key was last used: "never" or "2 hours ago".
 *
 * @example
 * ```ts
 * lastUsed(undefined, Date.now()); // "never"
 * ```
 */
export function lastUsed(lastUsedAt: number | null | undefined, nowMs: number): string {
  return lastUsedAt === null || lastUsedAt === undefined ? "never" : relativeTime(lastUsedAt, nowMs);
}

/**
 * A timestamp as `2024-03-26 16:45:33 UTC`.
 *
 * @example
 * ```ts
 * absoluteTime(1711471533); // "2024-03-26 16:45:33 UTC"
 * ```
 */
export function absoluteTime(atSeconds: number): string {
  const at = new Date(atSeconds * 1000);
  // The time comes from a server: one no Date can hold (a year past 275760, or no number at all)
  // is shown as it came, since throwing here would end a command that has already done its work.
  // Years past 9999 have six digits, so the milliseconds are cut by pattern, not by position.
  // Stryker disable next-line Regex: toISOString ends with the milliseconds and Z, and has them nowhere else, so the pattern needs no anchor
  return Number.isNaN(at.getTime()) ? `not a date: ${clean(atSeconds)}` : `${at.toISOString().replace("T", " ").replace(/\.\d{3}Z$/, "")} UTC`;
}

// C0 and C1 controls (newline, carriage return, tab, escape, NEL …), DEL, and the Unicode line and
// paragraph separators: whatever could end the line or move the cursor. The sink replaces most of
// these anyway; `clean` replaces them too so that the width it measures is the width printed.
const LINE_BREAKING = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

/**
 * Makes a value fit on one line: replaces control characters and line breaks (`\n` included,
 * which the output sink lets through) with U+FFFD, and shortens it to `max` characters. A value
 * that is no string is shown as JSON: a server's answer is not checked against the spec unless
 * the client validates it, so a field typed as a string may hold any JSON value.
 *
 * @example
 * ```ts
 * clean("two\nlines"); // "two\uFFFDlines"
 * clean(42); // "42"
 * ```
 */
export function clean(text: unknown, max = Infinity): string {
  const safe = (typeof text === "string" ? text : (JSON.stringify(text) ?? String(text))).replace(LINE_BREAKING, "\uFFFD");
  const characters = [...safe];
  return characters.length > max ? `${characters.slice(0, max - 1).join("")}…` : safe;
}

function width(text: string): number {
  return [...text].length;
}

/**
 * The width of each column: its widest cell among the header and `rows`.
 *
 * @example
 * ```ts
 * columnWidths(["ID", "NAME"], [["key_1", "a"]]); // [5, 4]
 * ```
 */
export function columnWidths(header: readonly string[], rows: readonly (readonly string[])[]): number[] {
  return header.map((title, column) => Math.max(width(title), ...rows.map((row) => width(row[column] ?? ""))));
}

/**
 * One table line, each cell padded to its column's width, two spaces apart, without trailing
 * space (the last cell's padding is trimmed with it). A cell wider than its column is printed
 * whole and shifts the rest of its line only.
 *
 * @example
 * ```ts
 * tableLine([5, 4], ["ID", "NAME"]); // "ID     NAME"
 * ```
 */
export function tableLine(widths: readonly number[], cells: readonly string[]): string {
  return cells
    .map((cell, column) => cell + " ".repeat(Math.max(0, (widths[column] ?? 0) - width(cell))))
    .join("  ")
    .trimEnd();
}

/**
 * Rows under a header, each column as wide as its widest cell, two spaces apart.
 *
 * @example
 * ```ts
 * table(["A", "B"], [["x", "y"]]); // "A  B\nx  y\n"
 * ```
 */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = columnWidths(header, rows);
  return [tableLine(widths, header), ...rows.map((row) => tableLine(widths, row))].join("\n") + "\n";
}

/** Who owns a key, for one line: the owner's name, else its id, else "unknown". */
function ownerName(owner: Partial<AdminApiKeyOwner>, max = 30): string {
  return clean(owner.name ?? owner.id ?? "unknown", max);
}

/**
 * A key's owner, as far as the server's answer holds one: an empty record for none (null or left
 * out). Any other value that is no object has none of the owner's fields either, so reading them
 * gives undefined all the same.
 */
function ownerOf(key: AdminApiKey): Partial<AdminApiKeyOwner> {
  return key.owner ?? {};
}

/**
 * A name fit for one line and `max` characters, or a dash for a key without one.
 *
 * @example
 * ```ts
 * keyName({ ...key, name: null }); // "-"
 * ```
 */
export function keyName(key: AdminApiKey, max = 40): string {
  return key.name === null || key.name === undefined ? "-" : clean(key.name, max);
}

/** The header of a table of keys. */
export const KEY_TABLE_HEADER: readonly string[] = ["ID", "NAME", "CREATED", "LAST USED", "EXPIRES", "OWNER"];

/**
 * A key as a row of the key table: id, name, created, last used, expires, owner.
 *
 * @example
 * ```ts
 * tableLine(columnWidths(KEY_TABLE_HEADER, []), keyRow(key, Date.now()));
 * ```
 */
export function keyRow(key: AdminApiKey, nowMs: number): string[] {
  return [
    clean(key.id),
    keyName(key),
    relativeTime(key.created_at, nowMs),
    lastUsed(key.last_used_at, nowMs),
    expiry(key.expires_at, nowMs),
    ownerName(ownerOf(key)),
  ];
}

/**
 * The keys as an aligned table: id, name, created, last used, expires, owner.
 *
 * @example
 * ```ts
 * process.stdout.write(keyTable(page.data, Date.now()));
 * ```
 */
export function keyTable(keys: readonly AdminApiKey[], nowMs: number): string {
  return table(KEY_TABLE_HEADER, keys.map((key) => keyRow(key, nowMs)));
}

/**
 * One key, a field per line.
 *
 * @example
 * ```ts
 * process.stdout.write(keyDetails(key, Date.now())); // "id              key_abc\nname …"
 * ```
 */
export function keyDetails(key: AdminApiKey, nowMs: number): string {
  const owner = ownerOf(key);
  const ownerParts = [owner.type, owner.id, owner.role].filter((part) => part !== undefined && part !== null).map((part) => clean(part));
  const rows: [string, string][] = [
    ["id", clean(key.id)],
    ["name", keyName(key, Infinity)],
    ["redacted value", clean(key.redacted_value)],
    ["created", `${relativeTime(key.created_at, nowMs)} (${absoluteTime(key.created_at)})`],
    ["last used", key.last_used_at == null ? "never" : `${lastUsed(key.last_used_at, nowMs)} (${absoluteTime(key.last_used_at)})`],
    ["expires", key.expires_at === null ? "never" : `${expiry(key.expires_at, nowMs)} (${absoluteTime(key.expires_at)})`],
    ["owner", `${ownerName(owner)}${ownerParts.length > 0 ? ` (${ownerParts.join(", ")})` : ""}`],
  ];
  const labelWidth = Math.max(...rows.map(([label]) => label.length));
  return rows.map(([label, value]) => `${label.padEnd(labelWidth)}  ${value}`).join("\n") + "\n";
}
