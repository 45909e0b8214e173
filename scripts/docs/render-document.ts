// The document Redocly renders: a copy of the spec with what only the docs need laid over it.
// The spec on disk is never written: the code samples, the version line and the changelog link
// exist only in this copy.

import { isObject, type JsonObject } from "../spec/json-value.js";
import type { LoadedSpec } from "../spec/load.js";
import { xCodeSamples, type OperationSamples } from "./code-samples.js";
import { versionLine, type DocsVersions } from "./versions.js";

export interface RenderAdditions {
  readonly samples: readonly OperationSamples[];
  readonly versions: DocsVersions;
  /** Where the API changelog page is, relative to the rendered page; undefined when there is none. */
  readonly changelogHref: string | undefined;
}

export function renderDocument(spec: LoadedSpec, additions: RenderAdditions): JsonObject {
  if (!isObject(spec.data)) throw new Error(`${spec.file} is not an OpenAPI document`);
  const document = structuredClone(spec.data);
  addSamples(document, additions.samples);
  addHeader(document, additions);
  return document;
}

function addSamples(document: JsonObject, samples: readonly OperationSamples[]): void {
  const paths = isObject(document.paths) ? document.paths : {};
  for (const operationSamples of samples) {
    const { path, method } = operationSamples.request;
    const item = paths[path];
    const operation = isObject(item) ? item[method.toLowerCase()] : undefined;
    if (!isObject(operation)) continue;
    // Samples written by hand into the spec stay first; the generated ones follow.
    const existing = Array.isArray(operation["x-codeSamples"]) ? operation["x-codeSamples"] : [];
    operation["x-codeSamples"] = [...existing, ...xCodeSamples(operationSamples).map((sample) => ({ ...sample }))];
  }
}

/**
 * The title's version says which version it is ("API 1.0.0"), and the first line of the
 * description puts the package version beside it, with the link to the changelog.
 */
function addHeader(document: JsonObject, { versions, changelogHref }: RenderAdditions): void {
  const info = isObject(document.info) ? document.info : (document.info = {});
  if (versions.api !== undefined) info.version = `API ${versions.api}`;
  const parts = [versionLine(versions), changelogHref === undefined ? undefined : `[API changelog](${changelogHref})`].filter(
    (part): part is string => part !== undefined,
  );
  if (parts.length === 0) return;
  const description = typeof info.description === "string" ? info.description : "";
  info.description = `${parts.join(" · ")}\n\n${description}`;
}
