// How the code samples are made: from the spec (its operations, parameters and examples), for
// every operation, with the placeholders the sample tests substitute, and without touching the
// spec. Running them is the business of the other files here.

import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { codeSamples, SAMPLE_LANGUAGES, xCodeSamples } from "../../scripts/docs/code-samples.js";
import { shellWord } from "../../scripts/docs/shell.js";
import { SAMPLE_SURFACE } from "../../scripts/docs/sample-surface.js";
import { parseSpecText } from "../../scripts/spec/load.js";
import { ROOT } from "./sample-harness.js";

const specText = readFileSync(`${ROOT}/spec/openapi.yaml`, "utf8");
const samplesOf = (text: string) => codeSamples(parseSpecText(text, "spec/openapi.yaml"));
const operations = samplesOf(specText);
const byId = (id: string) => {
  const found = operations.find((operation) => operation.request.operationId === id);
  if (found === undefined) throw new Error(`no samples for ${id}`);
  return found;
};

describe("code samples", () => {
  it("give every operation of the spec a TypeScript, a CLI and a curl sample, in that order", () => {
    expect(operations.map((operation) => operation.request.operationId)).toEqual(Object.keys(SAMPLE_SURFACE));
    for (const operation of operations) {
      expect(xCodeSamples(operation).map((sample) => sample.label), operation.request.operationId).toEqual(["TypeScript", "CLI", "curl"]);
      expect(operation.notes).toEqual([]);
    }
  });

  it("name the API by the spec's server URL and take the key from OPENAI_ADMIN_KEY, their only placeholders", () => {
    for (const operation of operations) {
      expect(operation.request.serverUrl).toBe("https://api.openai.com/v1");
      for (const sample of xCodeSamples(operation)) {
        expect(sample.source, `${operation.request.operationId} ${sample.label}`).toContain(operation.request.serverUrl);
        expect(sample.source).toContain("OPENAI_ADMIN_KEY");
        expect(sample.source).not.toMatch(/sk-[\w-]{6,}/);
      }
    }
  });

  it("pass the spec's parameter and body examples", () => {
    const list = byId("admin-api-keys-list");
    expect(list.request.query).toEqual([
      { name: "after", value: "key_abc" },
      { name: "order", value: "desc" },
      { name: "limit", value: 20 },
    ]);
    expect(list.samples.typescript?.source).toMatch(/after: "key_abc",\n\s+order: "desc",\n\s+limit: 20,/);
    expect(list.samples.cli?.source).toContain("admin-keys list --after key_abc --order desc --limit 20 --json");
    expect(list.samples.curl?.source).toContain("'https://api.openai.com/v1/organization/admin_api_keys?after=key_abc&order=desc&limit=20'");

    const create = byId("admin-api-keys-create");
    expect(create.request.body).toEqual({ name: "New Admin Key", expires_in_seconds: 2592000 });
    expect(create.samples.cli?.source).toContain("admin-keys create --name 'New Admin Key' --expires-in 30d --json");
    expect(create.samples.curl?.source).toContain("-X POST");

    expect(byId("admin-api-keys-delete").samples.cli?.source).toContain("admin-keys delete key_abc --yes --json");
    expect(byId("admin-api-keys-get").samples.typescript?.source).toContain('await client.adminApiKeys.retrieve("key_abc");');
  });

  it("follow the spec: another example gives other samples", () => {
    const edited = samplesOf(specText.replace(/(\n {6}example: )20\n/, "$150\n").replace("name: New Admin Key\n", "name: Deploy bot\n"));
    const list = edited.find((operation) => operation.request.operationId === "admin-api-keys-list");
    const create = edited.find((operation) => operation.request.operationId === "admin-api-keys-create");
    expect(list?.samples.cli?.source).toContain("--limit 50");
    expect(list?.samples.typescript?.source).toContain("limit: 50,");
    expect(create?.samples.cli?.source).toContain("--name 'Deploy bot'");
    expect(create?.samples.curl?.source).toContain('"name": "Deploy bot"');
  });

  it("give an operation the client and the CLI do not know a curl sample only, and say so", () => {
    const added = specText.replace(
      "components:\n",
      [
        "  /organization/widgets:",
        "    get:",
        "      operationId: widgets-list",
        "      summary: List widgets",
        "      responses:",
        "        '200':",
        "          description: Widgets.",
        "components:",
        "",
      ].join("\n"),
    );
    const widgets = samplesOf(added).find((operation) => operation.request.operationId === "widgets-list");
    expect(widgets === undefined ? [] : xCodeSamples(widgets).map((sample) => sample.label)).toEqual(["curl"]);
    expect(widgets?.notes).toEqual(["widgets-list: no client method or CLI command, so curl only"]);
  });

  it("leave out of the CLI sample a parameter the command has no flag for, and say so", () => {
    const withCursor = specText.replace(
      "        - $ref: '#/components/parameters/Limit'\n",
      "        - $ref: '#/components/parameters/Limit'\n        - name: before\n          in: query\n          schema:\n            type: string\n          example: key_xyz\n",
    );
    const list = samplesOf(withCursor).find((operation) => operation.request.operationId === "admin-api-keys-list");
    expect(list?.samples.cli?.source).not.toContain("key_xyz");
    expect(list?.samples.curl?.source).toContain("before=key_xyz");
    expect(list?.notes).toEqual(["admin-api-keys-list: the CLI sample leaves out before (admin-keys list has no flag for it)"]);
  });

  it("label the samples as Redoc is configured to show them", () => {
    expect(Object.values(SAMPLE_LANGUAGES).map((language) => language.label)).toEqual(["TypeScript", "CLI", "curl"]);
  });
});

describe("shellWord", () => {
  it.each(["key_abc", "New Admin Key", "it's $HOME `now` \"quoted\"", "a\nb", ""])("writes %j so that sh reads it back unchanged", (text) => {
    expect(execFileSync("sh", ["-c", `printf %s ${shellWord(text)}`], { encoding: "utf8" })).toBe(text);
  });
});
