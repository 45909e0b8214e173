// Writing shell command lines for the CLI and curl samples: each word quoted only when the shell
// would otherwise split or expand it, and long commands broken over lines with `\`.

/** A word as POSIX sh reads it back unchanged: bare when safe, else in single quotes. */
export function shellWord(text: string): string {
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(text)) return text;
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/**
 * One command, each argument group on its own continuation line after the first, so that the
 * sample fits the docs' narrow code panel. Groups are written as given (already quoted).
 */
export function commandLines(first: string, groups: readonly string[]): string {
  return [first, ...groups].join(" \\\n  ");
}
