// Hiding secrets the CLI knows of (the admin key, a key it just created) in text and in answers
// from a server, whatever field a server echoed them into. The replacement is `***`, the marker
// the client's own redactor uses.

/** The marker a hidden secret is shown as. */
export const HIDDEN = "***";

/**
 * The shortest secret hidden. Real admin keys (`sk-admin-…`) are far longer; hiding every
 * occurrence of a two-letter "key" would garble the output and protect nothing.
 */
export const MIN_SECRET_LENGTH = 8;

/**
 * The forms of `secret` to hide: itself and its percent-encoded form (as it would stand in a URL).
 * None when it is too short to be a secret.
 *
 * @example
 * ```ts
 * secretForms("sk-admin-a/b"); // ["sk-admin-a/b", "sk-admin-a%2Fb"]
 * ```
 */
export function secretForms(secret: string | undefined): string[] {
  const trimmed = secret?.trim() ?? "";
  return trimmed.length >= MIN_SECRET_LENGTH ? [...new Set([trimmed, encodeURIComponent(trimmed)])] : [];
}

/**
 * `text` with every occurrence of each secret replaced by `***`. Empty secrets are ignored.
 *
 * @example
 * ```ts
 * hideSecrets("Bearer sk-admin-abc", ["sk-admin-abc"]); // "Bearer ***"
 * ```
 */
export function hideSecrets(text: string, secrets: readonly string[]): string {
  let result = text;
  for (const secret of secrets) if (secret !== "" && result.includes(secret)) result = result.split(secret).join(HIDDEN);
  return result;
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
export function hideSecretsIn(value: unknown, secrets: readonly string[], keep: readonly string[] = []): void {
  if (secrets.length === 0 || typeof value !== "object" || value === null) return;
  if (Array.isArray(value)) {
    const items: unknown[] = value;
    items.forEach((item, index) => {
      if (typeof item === "string") items[index] = hideSecrets(item, secrets);
      else hideSecretsIn(item, secrets);
    });
    return;
  }
  for (const [name, item] of Object.entries(value)) {
    if (keep.includes(name)) continue;
    if (typeof item === "string") Reflect.set(value, name, hideSecrets(item, secrets));
    else hideSecretsIn(item, secrets);
  }
}
