// Human output: relative times, aligned tables and key details. Everything printed from a
// server's answer passes through `clean` first, so a key name cannot carry terminal escapes.

import type { AdminApiKey, AdminApiKeyOwner } from "../../generated/client.js";

const UNITS: readonly [string, number][] = [
  ["year", 365 * 86_400],
  ["month", 30 * 86_400],
  ["day", 86_400],
  ["hour", 3_600],
  ["minute", 60],
];

// Callers pass at least a minute; rounding to the minute first keeps "in 1 hour" from reading
// "in 59 minutes" half a second after a key was made to last an hour.
function amount(seconds: number): string {
  const rounded = Math.round(seconds / 60) * 60;
  for (const [unit, size] of UNITS) {
    const count = Math.floor(rounded / size);
    if (count >= 1) return `${count} ${unit}${count === 1 ? "" : "s"}`;
  }
  return "1 minute";
}

/** "3 days ago", "in 29 days", or "just now" within a minute either way. */
export function relativeTime(atSeconds: number, nowMs: number): string {
  const delta = atSeconds - nowMs / 1000;
  if (Math.abs(delta) < 60) return "just now";
  return delta < 0 ? `${amount(-delta)} ago` : `in ${amount(delta)}`;
}

/** When a key expires: "never", "in 29 days" or "expired 3 days ago". */
export function expiry(expiresAt: number | null, nowMs: number): string {
  if (expiresAt === null) return "never";
  return expiresAt * 1000 <= nowMs ? `expired ${relativeTime(expiresAt, nowMs)}` : relativeTime(expiresAt, nowMs);
}

/** When a key was last used: "never" or "2 hours ago". */
export function lastUsed(lastUsedAt: number | null | undefined, nowMs: number): string {
  return lastUsedAt === null || lastUsedAt === undefined ? "never" : relativeTime(lastUsedAt, nowMs);
}

/** A timestamp as `2024-03-26 16:45:33 UTC`. */
export function absoluteTime(atSeconds: number): string {
  return `${new Date(atSeconds * 1000).toISOString().slice(0, 19).replace("T", " ")} UTC`;
}

/** Replaces control characters (terminal escapes, newlines) with U+FFFD and shortens to `max` characters. */
export function clean(text: string, max = Infinity): string {
  const safe = text.replace(/[\u0000-\u001f\u007f-\u009f]/g, "\uFFFD");
  const characters = [...safe];
  return characters.length > max ? `${characters.slice(0, max - 1).join("")}…` : safe;
}

function width(text: string): number {
  return [...text].length;
}

/** Rows under a header, each column as wide as its widest cell, two spaces apart. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((title, column) => Math.max(width(title), ...rows.map((row) => width(row[column] ?? ""))));
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, column) => (column === cells.length - 1 ? cell : cell + " ".repeat((widths[column] ?? 0) - width(cell))))
      .join("  ")
      .trimEnd();
  return [line(header), ...rows.map(line)].join("\n") + "\n";
}

function ownerName(owner: AdminApiKeyOwner): string {
  return clean(owner.name ?? owner.id ?? "unknown", 30);
}

/** A name, or a dash for a key without one. */
export function keyName(key: AdminApiKey, max = 40): string {
  return key.name === null || key.name === undefined ? "-" : clean(key.name, max);
}

/** The keys as an aligned table: id, name, created, last used, expires, owner. */
export function keyTable(keys: readonly AdminApiKey[], nowMs: number): string {
  const rows = keys.map((key) => [
    clean(key.id),
    keyName(key),
    relativeTime(key.created_at, nowMs),
    lastUsed(key.last_used_at, nowMs),
    expiry(key.expires_at, nowMs),
    ownerName(key.owner),
  ]);
  return table(["ID", "NAME", "CREATED", "LAST USED", "EXPIRES", "OWNER"], rows);
}

/** One key, a field per line. */
export function keyDetails(key: AdminApiKey, nowMs: number): string {
  const owner = key.owner;
  const ownerParts = [owner.type, owner.id, owner.role].filter((part): part is string => part !== undefined).map((part) => clean(part));
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
