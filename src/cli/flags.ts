// The client names what it checks in its own terms (`limit`, `keyId`, `baseUrl`); a CLI user
// typed `--limit`, `<id>`, `--base-url`. This table is the one place that knows which is which,
// and `inCliTerms` rewrites an InvalidParameterError's message with it, so every command's errors
// speak the CLI's language without a case of their own.

import type { InvalidParameterError } from "../index.js";

/** Each client parameter or option the CLI sets, and what the CLI user knows it as. */
export const CLIENT_TERMS: Readonly<Record<string, string>> = {
  limit: "--limit",
  after: "--after",
  order: "--order",
  name: "--name",
  // The flag reads durations (30d); the client's bounds are in seconds, so the message says so.
  expires_in_seconds: "--expires-in (in seconds)",
  keyId: "<id>",
  baseUrl: "--base-url",
  allowInsecureHttp: "--allow-insecure-http",
  apiKey: "OPENAI_ADMIN_KEY",
};

// Names that cannot be English words (camelCase or snake_case) are replaced wherever they stand;
// `allowInsecureHttp: true` reads as the bare flag. Plain words (limit, after, order, name) are
// replaced only as the subject the message opens with, so "a user name" stays as it is.
const CODE_NAMES = new RegExp(
  `\\b(${Object.keys(CLIENT_TERMS)
    .filter((name) => /[A-Z_]/.test(name))
    .join("|")})(?:: true)?\\b`,
  "g",
);

/** The client's messages end in `; got <the value>`: the value is the user's, and stays verbatim. */
const VALUE_PART = "; got ";

/**
 * An InvalidParameterError's message in the CLI's terms: `limit must be an integer from 1 to 100;
 * got 500` becomes `--limit must be …`, and `… or pass allowInsecureHttp: true.` becomes
 * `… or pass --allow-insecure-http.`.
 *
 * @example
 * ```ts
 * inCliTerms(new InvalidParameterError("keyId", 'keyId must be a non-empty string; got ""'));
 * // '<id> must be a non-empty string; got ""'
 * ```
 */
export function inCliTerms(error: Pick<InvalidParameterError, "param" | "message">): string {
  const { param, message } = error;
  const cut = message.indexOf(VALUE_PART);
  let words = cut === -1 ? message : message.slice(0, cut);
  const value = cut === -1 ? "" : message.slice(cut);
  const subject = Object.hasOwn(CLIENT_TERMS, param) ? CLIENT_TERMS[param] : undefined;
  if (subject !== undefined && (words === param || words.startsWith(`${param} `))) words = subject + words.slice(param.length);
  return words.replace(CODE_NAMES, (match, name: string) => CLIENT_TERMS[name] ?? match) + value;
}
