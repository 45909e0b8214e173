// The one redactor. Every string that came from outside (a status line, a header, a body, a thrown
// error and its properties) passes through here before an error holds it, and what an error keeps
// of the exchange is a redacted copy, never the live object: so the admin key and a created key's
// `value` cannot reach a message, a stack, `util.inspect` or `JSON.stringify`.

/** OpenAI secrets start with `sk-` (admin keys with `sk-admin-`); a created key's `value` is one. */
const SECRET_TOKEN = /sk-[\w-]+/g;

/** Replaces every `sk-…` token in `text` with `sk-***`. */
export function redactSecretTokens(text: string): string {
  return text.replace(SECRET_TOKEN, "sk-***");
}

/** Turns text from outside into text an error may hold. */
export type Redact = (text: string) => string;

/**
 * Replaces every occurrence of each secret, and of its percent-encoded form (as it would stand in
 * a URL), with `***`. The client's redactor does this for its admin key; the CLI for the secrets it
 * knows of, in what it prints. Empty secrets are ignored.
 *
 * @example
 * ```ts
 * hideSecrets("Bearer sk-admin-abc/1 sent to /keys?k=sk-admin-abc%2F1", ["sk-admin-abc/1"]);
 * // "Bearer *** sent to /keys?k=***"
 * ```
 */
export function hideSecrets(text: string, secrets: readonly string[]): string {
  let result = text;
  for (const secret of secrets) {
    if (secret === "") continue;
    for (const form of new Set([secret, encodeURIComponent(secret)])) {
      // Stryker disable next-line ConditionalExpression: without the check, split and join give text without the form back unchanged; it only spares that copy on every redaction (each response's x-request-id)
      if (result.includes(form)) result = result.split(form).join("***");
    }
  }
  return result;
}

/**
 * Builds the redactor of one client: it hides `sk-…` tokens and, wherever it appears, the exact
 * admin key the client was given (which need not start with `sk-`), also in its percent-encoded form.
 */
export function secretRedactor(apiKey: string): Redact {
  const secrets = [apiKey];
  return (text) => redactSecretTokens(hideSecrets(text, secrets));
}

/** Shortens text to at most `max` characters for a message, collapsing runs of whitespace. */
export function excerpt(text: string, max = 80): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length <= max ? flat : `${flat.slice(0, max)}…`;
}

/** A header name is a token; one that redaction turned into something else is dropped. */
const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** A copy of `headers` with every name and value redacted: what an error keeps of a response. */
export function redactedHeaders(headers: Headers, redact: Redact): Headers {
  const copy = new Headers();
  headers.forEach((value, name) => {
    const safeName = redact(name);
    if (HEADER_NAME.test(safeName)) copy.append(safeName, redact(value));
  });
  return copy;
}

/** How deep a cause chain is copied; deeper links are summarised in one line. */
const MAX_CAUSE_DEPTH = 8;

function textOf(value: unknown): string {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") return String(value);
  if (value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return "an array";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}

/** The copy of a thrown error that an error keeps as its `cause`: name, message, code, nothing live. */
class RedactedCause extends Error {
  readonly code: string | undefined;

  constructor(name: string, message: string, code: string | undefined, stack: string | undefined, cause: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = name;
    this.code = code;
    // The original frames help debugging; its first line repeats the message, so it is redacted.
    if (stack !== undefined) this.stack = stack;
  }
}

/**
 * A redacted copy of something thrown, to keep as an error's `cause`: for an error its name,
 * message, `code`, stack and cause (to any depth, cycles cut), plus the first of an
 * AggregateError's errors; for anything else its redacted text. Other properties (a `request`, a
 * `response`, a socket) are left behind.
 */
export function redactedCause(thrown: unknown, redact: Redact, depth = 0, seen = new Set<unknown>()): unknown {
  if (typeof thrown !== "object" || thrown === null) return redact(textOf(thrown));
  if (seen.has(thrown) || depth >= MAX_CAUSE_DEPTH) return `(cause chain cut at depth ${depth})`;
  seen.add(thrown);
  // A getter of a hostile object may throw; what cannot be read is left out.
  const field = (key: string): unknown => {
    try {
      return key in thrown ? Reflect.get(thrown, key) : undefined;
    } catch {
      // Left out, as a field that is not there.
    }
    return undefined;
  };
  const name = field("name");
  const message = field("message");
  const code = field("code");
  const stack = thrown instanceof Error ? field("stack") : undefined;
  // The addresses a connection tried are each an error of an AggregateError; the first says why.
  const inner = field("cause") ?? (thrown instanceof AggregateError ? thrown.errors[0] : undefined);
  return new RedactedCause(
    redact(typeof name === "string" ? name : "Error"),
    redact(typeof message === "string" ? message : textOf(thrown)),
    code === undefined ? undefined : redact(textOf(code)),
    typeof stack === "string" ? redact(stack) : undefined,
    inner === undefined ? undefined : redactedCause(inner, redact, depth + 1, seen),
  );
}
