// Plain data written as a TypeScript literal, the way a person would type it:
// `{ required: true, type: "string", enum: ["asc", "desc"] }`.

import { propertyKey } from "./names.js";

/** One-line literal of JSON-like data; `undefined` inside objects is left out. */
export function literal(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return `[${value.map(literal).join(", ")}]`;
  if (typeof value === "object") {
    const entries = Object.entries(value).filter(([, item]) => item !== undefined);
    if (entries.length === 0) return "{}";
    return `{ ${entries.map(([key, item]) => `${propertyKey(key)}: ${literal(item)}`).join(", ")} }`;
  }
  // JSON.stringify gives double-quoted, escaped strings and plain numbers and booleans.
  return JSON.stringify(value);
}
