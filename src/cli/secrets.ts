// Which secrets the CLI hides (the admin key, a key it just created), and hiding them in answers
// from a server, whatever field a server echoed them into. The text itself goes through the
// package's one redactor function, hideSecrets, as in the client.

import { hideSecrets } from "../index.js";

export { hideSecrets };

/**
 * The shortest secret hidden. Real admin keys (`sk-admin-…`) are far longer; hiding every
 * occurrence of a two-letter "key" would garble the output and protect nothing.
 */
export const MIN_SECRET_LENGTH = 8;

/**
 * The secrets to hide for `secret`: itself, trimmed (hideSecrets adds its percent-encoded form).
 * None when it is too short to be a secret.
 *
 * @example
 * ```ts
 * secretForms("sk-admin-a/b"); // ["sk-admin-a/b"]
 * secretForms("abc"); // []
 * ```
 */
export function secretForms(secret: string | undefined): string[] {
  const trimmed = secret?.trim() ?? "";
  return trimmed.length >= MIN_SECRET_LENGTH ? [trimmed] : [];
}

/**
 * Hides the secrets in every string inside a JSON value, in place: array items and property values
 * at any depth (property names are left as they are). `keep` names top-level properties to leave.
 *
 * @example
 * ```ts
 * const created = { name: "x sk-1234567", value: "sk-1234567" };
 * hideSecretsIn(created, ["sk-1234567"], ["value"]); // created.name is now "x ***"
 * ```
 */
export function hideSecretsIn(value: unknown, secrets: readonly string[], keep?: readonly string[]): void {
  // No shortcut for no secrets (an admin key too short to be one): hideSecrets with none gives each
  // string back as it was, so the walk changes nothing.
  if (typeof value !== "object" || value === null) return;
  // An array's entries are its items under their indexes, so this one loop walks arrays and objects alike.
  for (const [name, item] of Object.entries(value)) {
    // Only the top level keeps properties: the nested calls name none.
    if (keep?.includes(name)) continue;
    if (typeof item === "string") Reflect.set(value, name, hideSecrets(item, secrets));
    else hideSecretsIn(item, secrets);
  }
}
