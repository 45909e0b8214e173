// Who may call: the server's own admin key, or a key created through it that is neither deleted
// nor expired. A created key that authenticates gets its last_used_at set, as the real API does.

import { type ErrorReply, missingKey, wrongKey } from "./errors.js";
import type { KeyStore } from "./store.js";

/** Checks an Authorization header; returns the 401 to answer, or undefined when the caller may proceed. */
export function authenticate(header: string | undefined, apiKey: string, store: KeyStore, nowSeconds: number): ErrorReply | undefined {
  const token = header === undefined ? undefined : /^Bearer +(\S+) *$/i.exec(header)?.[1];
  if (token === undefined) return missingKey();
  if (token === apiKey) return undefined;
  const id = store.idForSecret(token);
  const key = id === undefined ? undefined : store.get(id);
  if (key === undefined || (key.expires_at !== null && key.expires_at <= nowSeconds)) return wrongKey();
  store.touch(key.id, nowSeconds);
  return undefined;
}
