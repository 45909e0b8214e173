// Anything this package echoes from a server or from user input passes through here first, so a
// secret that reached a response body or a parameter never reaches a message, a log or a stack.

/** OpenAI secrets start with `sk-` (admin keys with `sk-admin-`); a created key's `value` is one. */
const SECRET_TOKEN = /sk-[\w-]+/g;

/** Replaces every `sk-…` token in `text` with `sk-***`. */
export function redactSecretTokens(text: string): string {
  return text.replace(SECRET_TOKEN, "sk-***");
}

/**
 * Builds the redactor of one client: it hides `sk-…` tokens and, wherever it appears, the exact
 * admin key the client was given (which need not start with `sk-`).
 */
export function secretRedactor(apiKey: string): (text: string) => string {
  return (text) => {
    const withoutKey = text.includes(apiKey) ? text.split(apiKey).join("***") : text;
    return redactSecretTokens(withoutKey);
  };
}

/** Shortens text to at most `max` characters for a message, collapsing runs of whitespace. */
export function excerpt(text: string, max = 80): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length <= max ? flat : `${flat.slice(0, max)}…`;
}
