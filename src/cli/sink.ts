// The one output sink. Every byte the CLI writes, to stdout, stderr, a prompt or the status line,
// goes through `outputSink`, which `run` wraps around the io before any command sees it. So no
// command, present or future, can print what a server sent raw, however it builds its text. The
// one control sequence the CLI emits, the status line's `\r` and erase-line, is not text at all:
// processIo adds it below this sink, from a constant (see io.ts and progress.ts).
//
// The layers, and what each one is for:
// - this sink makes any text safe for a terminal: each character a terminal would act on instead
//   of showing (C0 controls except the newline, DEL, C1 controls U+0080–U+009F, lone surrogates,
//   the bidi embedding, override and isolate controls U+202A–U+202E and U+2066–U+2069) becomes
//   U+FFFD, and the admin key becomes `***`. It must let `\n` through, because the CLI's own lines
//   end with it, and it sees only finished text.
// - `clean` (format.ts) keeps a value on its line: commands pass each value they place in a line
//   or a column (a name, an id, an error message) through it, and it replaces `\n` and the other
//   line breaks too, so a server cannot add lines to the output.
// - `jsonText` (json.ts) keeps JSON lossless: it writes every character this sink would replace
//   as a `\uXXXX` escape, so the sink finds nothing to change in JSON output.
// - keys.ts hides the secrets in the server's answers before they are formatted, so that a value
//   shortened for a column cannot show part of a secret the sink would no longer recognise.

import type { CliIo } from "./io.js";
import { hideSecrets, secretForms } from "./secrets.js";

/**
 * What a terminal could act on: C0 controls but `\n`, DEL, C1 controls (U+0080–U+009F), the bidi
 * controls U+202A–U+202E and U+2066–U+2069, and surrogates without their other half.
 */
const UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** U+FFFD REPLACEMENT CHARACTER: visible, one column wide, and what UTF-8 decoders show for bad bytes. */
const REPLACEMENT = "\uFFFD";

/**
 * Replaces every character a terminal would act on (see the file comment) with U+FFFD. Newlines,
 * spaces and printable text, the CLI's tables included, pass unchanged.
 *
 * @example
 * ```ts
 * terminalSafe("evil\u001b[2J\n"); // "evil\uFFFD[2J\n"
 * ```
 */
export function terminalSafe(text: string): string {
  return text.replace(UNSAFE, REPLACEMENT);
}

/**
 * Wraps an io so that everything written through it is terminal-safe and free of the admin key
 * (`OPENAI_ADMIN_KEY` and its percent-encoded form), whatever a server echoed into names, ids or
 * cursors. Each call is sanitized on its own: write whole strings, not halves of a surrogate pair.
 *
 * @example
 * ```ts
 * const io = outputSink(processIo());
 * io.stdout("\u001b[2J"); // prints "\uFFFD[2J"
 * ```
 */
export function outputSink(io: CliIo): CliIo {
  const secrets = secretForms(io.env["OPENAI_ADMIN_KEY"]);
  const safe = (text: string): string => terminalSafe(hideSecrets(text, secrets));
  return {
    stdout: (text) => io.stdout(safe(text)),
    stderr: (text) => io.stderr(safe(text)),
    drain: () => io.drain(),
    env: io.env,
    stdinIsTTY: io.stdinIsTTY,
    stderrIsTTY: io.stderrIsTTY,
    // The status line is made as safe as any text, and kept to one line: a line break in it would
    // leave a line behind that the next update cannot erase. The in-place escapes are added
    // below this sink, by io.status itself, from a constant (io.ts STATUS_LINE_RESET).
    status: (text) => io.status(safe(text).replaceAll("\n", "\uFFFD")),
    prompt: (question) => io.prompt(safe(question)),
    now: () => io.now(),
    stopSignal: () => io.stopSignal(),
  };
}
