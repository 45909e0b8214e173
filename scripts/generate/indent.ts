// Indentation for generated code that arrives without it (ajv: one statement per line, no
// indent) or with 4 spaces (the TypeScript printer behind openapi-typescript). Plain text passes,
// not a formatter: a formatter run costs more than the rest of the generator.

/**
 * Indents code by bracket depth, 2 spaces a level. Brackets inside string literals do not count.
 * Meant for machine-written JavaScript with one statement per line and no template literals,
 * regular-expression literals or comments containing brackets (ajv's standalone output).
 */
export function indentByBrackets(code: string): string {
  let depth = 0;
  return code
    .split("\n")
    .map((raw) => {
      const line = raw.trim();
      const closersFirst = /^[}\])]*/.exec(line)?.[0].length ?? 0;
      const indent = Math.max(0, depth - closersFirst);
      depth = Math.max(0, depth + bracketBalance(line));
      return line === "" ? "" : "  ".repeat(indent) + line;
    })
    .join("\n");
}

/** Opening minus closing brackets outside "…" and '…' strings. */
function bracketBalance(line: string): number {
  let balance = 0;
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const char = line[i];
    if (quote !== undefined) {
      if (char === "\\") i++;
      else if (char === quote) quote = undefined;
    } else if (char === '"' || char === "'") quote = char;
    else if (char === "{" || char === "[" || char === "(") balance++;
    else if (char === "}" || char === "]" || char === ")") balance--;
  }
  return balance;
}

/**
 * The TypeScript printer indents by 4 spaces and has no option for 2. Each leading run of 4
 * becomes 2; the remainder (the 1 space before a JSDoc line's `*`) is kept. Safe for printer
 * output of declarations, which has no multi-line string or template literal.
 */
export function halveIndentation(code: string): string {
  return code.replace(/^( {4})+/gm, (indent) => " ".repeat(indent.length / 2));
}
