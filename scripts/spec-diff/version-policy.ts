// Whether the package version was raised enough to announce a breaking change. "Enough" is what
// npm's caret ranges honour: consumers on ^1.4.0 never get 2.0.0, and consumers on ^0.1.0 never
// get 0.2.0 — for a 0.x package the minor number is the breaking one.

import { fileAtRef, readText } from "./load-compared.js";

/** The `version` of a package.json text, or undefined when there is none to read. */
export function versionOf(packageJson: string | undefined): string | undefined {
  if (packageJson === undefined) return undefined;
  try {
    const parsed: unknown = JSON.parse(packageJson);
    const version = typeof parsed === "object" && parsed !== null && "version" in parsed ? parsed.version : undefined;
    return typeof version === "string" ? version : undefined;
  } catch {
    return undefined;
  }
}

/** True when `after` is a later version that `^before` does not accept. */
export function isBreakingBump(before: string, after: string): boolean {
  const from = parse(before);
  const to = parse(after);
  if (from === undefined || to === undefined) return false;
  const significant = from[0] > 0 ? 0 : from[1] > 0 ? 1 : 2;
  for (let index = 0; index < significant; index++) if (to[index] !== from[index]) return (to[index] ?? 0) > (from[index] ?? 0);
  return (to[significant] ?? 0) > (from[significant] ?? 0);
}

/** Which number of `version` a breaking change must raise: what `^version` does not float over. */
export function breakingPart(version: string): "major" | "minor" | "patch" | undefined {
  const parts = parse(version);
  if (parts === undefined) return undefined;
  return parts[0] > 0 ? "major" : parts[1] > 0 ? "minor" : "patch";
}

/** The lowest version after `version` that announces a breaking change: 1.4.2 → 2.0.0, 0.1.0 → 0.2.0, 0.0.3 → 0.0.4. */
export function nextBreakingVersion(version: string): string | undefined {
  const parts = parse(version);
  if (parts === undefined) return undefined;
  const [major, minor, patch] = parts;
  if (major > 0) return `${major + 1}.0.0`;
  if (minor > 0) return `0.${minor + 1}.0`;
  return `0.0.${patch + 1}`;
}

function parse(version: string): [number, number, number] | undefined {
  const match = /^v?(\d+)\.(\d+)\.(\d+)/.exec(version.trim());
  return match ? [Number(match[1]), Number(match[2]), Number(match[3])] : undefined;
}

/** The versions to compare: package.json at the base ref (HEAD for a file base) and in the working tree. */
export function versionsFor(baseRef: string, cwd: string): { before: string | undefined; after: string | undefined } {
  let after: string | undefined;
  try {
    after = versionOf(readText(`${cwd}/package.json`));
  } catch {
    after = undefined;
  }
  return { before: versionOf(fileAtRef(baseRef, "package.json", cwd)), after };
}
