// Who may call: the server's own admin key, or a key created through it that is neither deleted
// nor expired; or, with acceptAnyKey, anyone who sends a bearer credential at all. A created key
// that authenticates gets its last_used_at set, as the real API does.
// A missing header and a malformed one are different answers: only the first is missing_api_key.

import { type ErrorReply, malformedKey, missingKey, wrongKey } from "./mock-errors.js";
import type { KeyStore } from "./store.js";

/** What the server accepts, from its options. */
export interface AccessPolicy {
  readonly apiKey: string;
  readonly acceptAnyKey: boolean;
}

const BEARER = /^bearer +/i;

/**
 * The credential of a `Bearer` header, or undefined when the header is not one. A real key never
 * holds a space, so by default a credential with one is malformed; other clients' test suites
 * send placeholders such as `My Admin API Key`, so acceptAnyKey lets spaces through.
 */
function bearerCredential(header: string, spacesAllowed: boolean): string | undefined {
  const scheme = BEARER.exec(header);
  if (scheme === null) return undefined;
  const credential = header.slice(scheme[0].length).trimEnd();
  if (credential === "" || (!spacesAllowed && /\s/.test(credential))) return undefined;
  return credential;
}

/** Checks an Authorization header; returns the 401 to answer, or undefined when the caller may proceed. */
export function authenticate(header: string | undefined, policy: AccessPolicy, store: KeyStore, nowSeconds: number): ErrorReply | undefined {
  if (header === undefined) return missingKey();
  const token = bearerCredential(header, policy.acceptAnyKey);
  if (token === undefined) return malformedKey();
  if (token === policy.apiKey) return undefined;
  const id = store.idForSecret(token);
  // Stryker disable next-line ConditionalExpression: store.get(undefined) finds no key either (its ids are non-empty strings), so both branches give undefined; the test is for the type checker
  const key = id === undefined ? undefined : store.get(id);
  if (key === undefined || (key.expires_at !== null && key.expires_at <= nowSeconds)) {
    return policy.acceptAnyKey ? undefined : wrongKey();
  }
  store.touch(key.id, nowSeconds);
  return undefined;
}
