// The two versions a reader of the docs meets, and what each means:
// - the API version, `info.version` of spec/openapi.yaml: the HTTP contract the page describes
//   (paths, parameters, schemas). It is what the API changelog is keyed on.
// - the package version, `version` of package.json: the npm package openai-admin-keys, whose
//   client and CLI the code samples use. It follows semver for the package's TypeScript API.
// The two move independently (a client fix changes no endpoint; a new endpoint needs both).

import { readFile } from "node:fs/promises";
import { isObject, type JsonValue } from "../spec/json-value.js";

export interface DocsVersions {
  /** `info.version` of the spec, when it has one. */
  readonly api: string | undefined;
  /** The package whose client and CLI the samples use, when package.json names one. */
  readonly package: { readonly name: string; readonly version: string } | undefined;
}

export function apiVersionOf(document: JsonValue): string | undefined {
  const info = isObject(document) ? document.info : undefined;
  const version = isObject(info) ? info.version : undefined;
  return typeof version === "string" && version.trim() !== "" ? version.trim() : undefined;
}

/** The package.json at `path`; a missing or unreadable file means no package version to show. */
export async function packageOf(path: string): Promise<DocsVersions["package"]> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(path, "utf8"));
  } catch {
    return undefined;
  }
  if (!isObject(parsed as JsonValue)) return undefined;
  const { name, version } = parsed as Record<string, unknown>;
  return typeof name === "string" && typeof version === "string" ? { name, version } : undefined;
}

/** `API 1.0.0 (the HTTP contract …) · openai-admin-keys 0.1.0 (…)`, as Markdown. */
export function versionLine(versions: DocsVersions): string | undefined {
  const parts: string[] = [];
  if (versions.api !== undefined) parts.push(`**API ${versions.api}** (the HTTP contract described here)`);
  if (versions.package !== undefined) {
    parts.push(`**${versions.package.name} ${versions.package.version}** (the client and CLI the code samples use)`);
  }
  return parts.length === 0 ? undefined : parts.join(" · ");
}
