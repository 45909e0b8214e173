// JSON as the CLI prints it: lossless and terminal-safe at once. JSON.stringify escapes the C0
// controls but leaves DEL, the C1 controls, U+2028/U+2029 and the bidi controls raw; the output
// sink (sink.ts) would replace those, losing data. Written as `\uXXXX` escapes instead, they reach
// the terminal as plain ASCII and come back exactly from JSON.parse.

/**
 * The characters JSON.stringify leaves raw that the sink would replace, plus U+2028/U+2029 (line
 * separators to some readers, and invalid in JavaScript string literals before ES2019).
 * Lone surrogates are listed for completeness: JSON.stringify already escapes them.
 */
const RAW_IN_JSON = /[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

function escape(character: string): string {
  return `\\u${character.charCodeAt(0).toString(16).padStart(4, "0")}`;
}

/**
 * `JSON.stringify(value, null, indent)` with every character a terminal could act on written as a
 * `\uXXXX` escape. Such characters can only stand inside strings (the rest of JSON is ASCII), where
 * an escape means the same, so `JSON.parse` gives back the value exactly.
 *
 * @example
 * ```ts
 * jsonText({ name: "a\u009bb" }); // '{"name":"a\\u009bb"}'
 * ```
 */
export function jsonText(value: unknown, indent?: number): string {
  return JSON.stringify(value, null, indent).replace(RAW_IN_JSON, escape);
}
