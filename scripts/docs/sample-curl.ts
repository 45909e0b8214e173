// The curl sample of an operation: the raw HTTP request, built from the spec alone (the server,
// the path with its parameters, the query, the body's first example), so it shows what the client
// and the CLI send for you. The key is read from $OPENAI_ADMIN_KEY by the shell.

import type { JsonValue } from "../spec/json-value.js";
import { valueText, type SampleRequest } from "./sample-request.js";
import { commandLines, shellWord } from "./shell.js";

/** The request's URL: path parameters filled in and percent-encoded, then the query. */
function sampleUrl(request: SampleRequest): string {
  const path = request.path.replace(/\{([^}]+)\}/g, (whole, name: string) => {
    const parameter = request.pathParameters.find((candidate) => candidate.name === name);
    return parameter === undefined ? whole : encodeURIComponent(valueText(parameter.value));
  });
  const query = new URLSearchParams(request.query.map(({ name, value }) => [name, valueText(value)])).toString();
  return `${request.serverUrl}${path}${query === "" ? "" : `?${query}`}`;
}

/** The body as JSON: on one line when short, else indented under the `-d` that sends it. */
function bodyText(body: JsonValue): string {
  const flat = JSON.stringify(body);
  return flat.length <= 40 ? flat : JSON.stringify(body, null, 2).replace(/\n/g, "\n  ");
}

export function curlSample(request: SampleRequest): string {
  const lines: string[] = [];
  if (request.method !== "GET") lines.push(`-X ${request.method}`);
  // Double quotes, so that the shell puts the key in; everything else is quoted to stay as written.
  lines.push(`-H "Authorization: Bearer $OPENAI_ADMIN_KEY"`);
  if (request.body !== undefined) {
    lines.push(`-H "Content-Type: application/json"`);
    lines.push(`-d ${shellWord(bodyText(request.body))}`);
  }
  return `${commandLines(`curl ${shellWord(sampleUrl(request))}`, lines)}\n`;
}
