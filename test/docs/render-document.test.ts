// The document Redocly renders: the spec, untouched, with the samples, the versions and the
// changelog link laid over a copy of it.

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { codeSamples } from "../../scripts/docs/code-samples.js";
import { renderDocument } from "../../scripts/docs/render-document.js";
import { parseSpecText } from "../../scripts/spec/load.js";
import { ROOT } from "./sample-harness.js";

const text = readFileSync(`${ROOT}/spec/openapi.yaml`, "utf8");
const VERSIONS = { api: "1.0.0", package: { name: "openai-admin-keys", version: "0.1.0" } };

function render(source: string, changelogHref: string | undefined) {
  const spec = parseSpecText(source, "spec/openapi.yaml");
  const before = JSON.stringify(spec.data);
  const document = renderDocument(spec, { samples: codeSamples(spec), versions: VERSIONS, changelogHref }) as any;
  return { document, untouched: JSON.stringify(spec.data) === before };
}

describe("renderDocument", () => {
  it("adds each operation's samples to a copy, leaving the loaded spec as it was", () => {
    const { document, untouched } = render(text, "changelog.html");
    expect(untouched).toBe(true);
    const list = document.paths["/organization/admin_api_keys"].get;
    expect(list["x-codeSamples"].map((sample: { label: string }) => sample.label)).toEqual(["TypeScript", "CLI", "curl"]);
    expect(document.paths["/organization/admin_api_keys/{key_id}"].delete["x-codeSamples"]).toHaveLength(3);
  });

  it("keeps samples written into the spec by hand, ahead of the generated ones", () => {
    const handWritten = text.replace(
      "      operationId: admin-api-keys-get\n",
      "      operationId: admin-api-keys-get\n      x-codeSamples:\n        - lang: python\n          label: Python\n          source: print('hi')\n",
    );
    const { document } = render(handWritten, "changelog.html");
    const labels = document.paths["/organization/admin_api_keys/{key_id}"].get["x-codeSamples"].map((sample: { label: string }) => sample.label);
    expect(labels).toEqual(["Python", "TypeScript", "CLI", "curl"]);
  });

  it("labels the title's version as the API's, and puts the package's and the changelog beside it", () => {
    const { document } = render(text, "changelog.html");
    expect(document.info.version).toBe("API 1.0.0");
    const [first, ...rest] = document.info.description.split("\n\n");
    expect(first).toBe(
      "**API 1.0.0** (the HTTP contract described here) · **openai-admin-keys 0.1.0** (the client and CLI the code samples use) · [API changelog](changelog.html)",
    );
    expect(rest.join("\n\n")).toMatch(/^Admin API keys authenticate calls/);
  });

  it("links no changelog when there is none", () => {
    const { document } = render(text, undefined);
    expect(document.info.description).not.toContain("changelog");
  });
});
