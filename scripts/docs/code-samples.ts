// The code samples of every operation, as Redoc's `x-codeSamples`: TypeScript with this
// package's client, the admin-keys CLI, and curl. Written when the docs are built, never into
// spec/openapi.yaml, so the hand-maintained spec holds no generated text.
//
// Every sample names the API by the spec's first server URL and takes the admin key from the
// environment variable OPENAI_ADMIN_KEY. Those two are its only placeholders: the sample tests
// (test/docs/) put a local server's URL in place of the server URL and its key in
// OPENAI_ADMIN_KEY, and run the sample as written.

import type { LoadedSpec } from "../spec/load.js";
import { cliSample } from "./sample-cli.js";
import { curlSample } from "./sample-curl.js";
import { sampleRequests, type SampleRequest } from "./sample-request.js";
import { SAMPLE_SURFACE } from "./sample-surface.js";
import { typescriptSample } from "./sample-typescript.js";

/** One entry of an operation's `x-codeSamples`. */
export interface CodeSample {
  readonly lang: string;
  readonly label: string;
  readonly source: string;
}

/**
 * The sample kinds, in the order the docs offer them. Redoc shows only the samples whose label is
 * listed under `openapi.codeSamples.languages` in redocly.yaml; test/pipeline/docs.test.ts holds
 * that list to this one.
 */
export const SAMPLE_LANGUAGES = {
  typescript: { lang: "typescript", label: "TypeScript" },
  cli: { lang: "bash", label: "CLI" },
  curl: { lang: "bash", label: "curl" },
} as const;

export type SampleKind = keyof typeof SAMPLE_LANGUAGES;

export interface OperationSamples {
  readonly request: SampleRequest;
  readonly samples: Readonly<Partial<Record<SampleKind, CodeSample>>>;
  /** Why a sample is missing or incomplete, for the build's summary. */
  readonly notes: readonly string[];
}

function sample(kind: SampleKind, source: string): CodeSample {
  return { ...SAMPLE_LANGUAGES[kind], source };
}

/** The samples of every operation of the spec, in the spec's order. */
export function codeSamples(spec: LoadedSpec): OperationSamples[] {
  return sampleRequests(spec).map((request) => {
    const surface = SAMPLE_SURFACE[request.operationId];
    const curl = sample("curl", curlSample(request));
    if (surface === undefined) {
      return { request, samples: { curl }, notes: [`${request.operationId}: no client method or CLI command, so curl only`] };
    }
    const cli = cliSample(request, surface.cli);
    const notes = cli.leftOut.map((name) => `${request.operationId}: the CLI sample leaves out ${name} (admin-keys ${surface.cli.command} has no flag for it)`);
    return {
      request,
      samples: { typescript: sample("typescript", typescriptSample(request, surface.client)), cli: sample("cli", cli.source), curl },
      notes,
    };
  });
}

/** An operation's samples as Redoc takes them, in SAMPLE_LANGUAGES order. */
export function xCodeSamples(operation: OperationSamples): CodeSample[] {
  return (Object.keys(SAMPLE_LANGUAGES) as SampleKind[]).flatMap((kind) => {
    const found = operation.samples[kind];
    return found === undefined ? [] : [found];
  });
}
