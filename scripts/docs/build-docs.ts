// The docs build: spec/openapi.yaml → the document to render (the spec with code samples, the
// versions and the changelog link laid over it) → Redocly → one self-contained page; and, when
// the repository has its API changelog, that as a page beside it.

import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { isObject, type JsonValue } from "../spec/json-value.js";
import { readSpecFile } from "../spec/load.js";
import { changelogPage } from "./changelog-page.js";
import { codeSamples, SAMPLE_LANGUAGES, type SampleKind } from "./code-samples.js";
import { redoclyBuildDocs } from "./redocly.js";
import { renderDocument } from "./render-document.js";
import { inlineLogo, remoteResources } from "./self-contained.js";
import { apiVersionOf, packageOf } from "./versions.js";

export interface DocsBuildOptions {
  readonly specPath: string;
  /** The spec as messages name it. */
  readonly specFile: string;
  readonly outPath: string;
  readonly configPath: string;
  /** The package.json whose version the page shows beside the API's. */
  readonly packageJsonPath: string;
  /** CHANGELOG-API.md; when it does not exist, no changelog page is written or linked. */
  readonly changelogPath: string;
}

export interface DocsBuildResult {
  readonly bytes: number;
  readonly operations: number;
  /** How many operations have each kind of sample. */
  readonly samples: Readonly<Record<SampleKind, number>>;
  /** The changelog page written beside the docs, if any. */
  readonly changelogPage: string | undefined;
  /** Samples left out or incomplete, one line each. */
  readonly notes: readonly string[];
}

/** The page's <title>: the spec's info.title. (Redoc renders info.description on the page.) */
function titleOf(data: JsonValue): string {
  const info = isObject(data) ? data.info : undefined;
  const title = isObject(info) ? info.title : undefined;
  return typeof title === "string" && title.trim() !== "" ? title.trim() : "API reference";
}

async function readIfExists(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

function assertSelfContained(file: string, html: string): void {
  const found = remoteResources(html);
  if (found.length > 0) throw new Error(`${file} is not self-contained; it still loads: ${found.join(" | ")}`);
}

export async function buildDocs(options: DocsBuildOptions): Promise<DocsBuildResult> {
  const spec = await readSpecFile(options.specPath, options.specFile);
  const title = titleOf(spec.data);
  const samples = codeSamples(spec);
  const outDir = dirname(options.outPath);
  await mkdir(outDir, { recursive: true });

  const changelog = await readIfExists(options.changelogPath);
  const changelogFile = changelog === undefined ? undefined : join(outDir, "changelog.html");
  if (changelog !== undefined && changelogFile !== undefined) {
    const page = changelogPage(changelog, { title, referenceHref: basename(options.outPath) });
    assertSelfContained(changelogFile, page);
    await writeFile(changelogFile, page);
  }

  const document = renderDocument(spec, {
    samples,
    versions: { api: apiVersionOf(spec.data), package: await packageOf(options.packageJsonPath) },
    changelogHref: changelogFile === undefined ? undefined : basename(changelogFile),
  });
  // Redocly reads a file; the document to render exists only for as long as it takes.
  const work = await mkdtemp(join(tmpdir(), "admin-keys-docs-"));
  try {
    const input = join(work, "openapi.json");
    await writeFile(input, JSON.stringify(document));
    await redoclyBuildDocs({ input, output: options.outPath, title, config: options.configPath });
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  const html = inlineLogo(await readFile(options.outPath, "utf8"));
  await writeFile(options.outPath, html);
  assertSelfContained(options.outPath, html);

  const count = (kind: SampleKind): number => samples.filter((operation) => operation.samples[kind] !== undefined).length;
  return {
    bytes: (await stat(options.outPath)).size,
    operations: samples.length,
    samples: Object.fromEntries((Object.keys(SAMPLE_LANGUAGES) as SampleKind[]).map((kind) => [kind, count(kind)])) as Record<SampleKind, number>,
    changelogPage: changelogFile,
    notes: samples.flatMap((operation) => operation.notes),
  };
}
