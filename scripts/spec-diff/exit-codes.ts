// The exit codes of spec:diff and spec:upstream, in one place so that the code, `--help` and the
// README say the same. CI tells them apart: 1 is a verdict about the spec change, 2 and 3 mean no
// verdict was reached (the command was called wrongly, or a spec could not be read), and 4 is a
// bug here, never to be mistaken for a verdict (Node's own crash code would be 1).

export const EXIT = {
  /** Nothing that breaks, or breaks that were accepted. */
  ok: 0,
  /** A breaking or spec-only change, not accepted. */
  breaking: 1,
  /** The command line is wrong: an unknown option, a --base that is neither a file nor a git ref. */
  usage: 2,
  /** A spec cannot be read: YAML/JSON syntax, a $ref that cannot be followed, not OpenAPI. */
  unreadable: 3,
  /** An unexpected error: a bug in spec:diff. */
  internal: 4,
} as const;

export const EXIT_CODES_HELP = `Exit codes:
  ${EXIT.ok}  nothing breaking; or breaks accepted (the version in package.json was raised as npm's
     caret ranges need: the major, or the minor while at 0.x; or --allow-breaking)
  ${EXIT.breaking}  a breaking or spec-only change that was not accepted
  ${EXIT.usage}  bad usage: an unknown option or format, a --base that is neither a file nor a git ref
  ${EXIT.unreadable}  a spec that cannot be read: a YAML or JSON syntax error, a $ref that cannot be
     followed, a document that is not OpenAPI; printed as one line: file:line:col message
  ${EXIT.internal}  an unexpected error (a bug in spec:diff; the stack trace is printed)`;
