// Reading specs and following references: clear errors for what cannot be read, each at its
// file:line:col; the one loader (scripts/spec/load.ts) that spec:diff, spec:upstream and
// generate share.

import { describe, expect, it } from "vitest";
import { parseSpecText } from "../../scripts/spec/load.js";
import { follow } from "../../scripts/spec/refs.js";
import { loadComparedSpec, resolveBase, UnreadableSpecError, UsageError } from "../../scripts/spec-diff/load-compared.js";
import { REPO_ROOT, SPEC_FILE } from "./helpers.js";

describe("loadComparedSpec", () => {
  it("reads YAML and JSON alike", () => {
    const fromYaml = loadComparedSpec("openapi: 3.1.0\ninfo: { title: t, version: '1' }\npaths: {}\n", "a.yaml").data;
    const fromJson = loadComparedSpec('{ "openapi": "3.1.0", "info": { "title": "t", "version": "1" }, "paths": {} }', "a.json").data;
    expect(fromYaml).toEqual(fromJson);
  });

  it("keeps dates as the strings JSON would have", () => {
    const document = loadComparedSpec("openapi: 3.1.0\ninfo: { title: t, version: 2024-01-01 }\n", "dated.yaml").data;
    expect(document.info).toEqual({ title: "t", version: "2024-01-01" });
  });

  it("names the file, line and column when the text is not YAML, and the file when it is not an OpenAPI document", () => {
    expect(() => loadComparedSpec("openapi: [unclosed", "broken.yaml")).toThrow(/^broken\.yaml:\d+:\d+ YAML syntax error: /);
    expect(() => loadComparedSpec('{ "openapi": "3.1.0",, }', "broken.json")).toThrow(/^broken\.json:1:\d+ JSON syntax error: /);
    expect(() => loadComparedSpec("- a list\n", "list.yaml")).toThrow(new UnreadableSpecError("list.yaml", 1, 1, 'is not an OpenAPI document (no "openapi" version field at the top).'));
    expect(() => loadComparedSpec("- a list\n", "list.yaml")).toThrow('list.yaml:1:1 is not an OpenAPI document (no "openapi" version field at the top).');
  });

  it("says which revision a problem is in when the spec is not the working tree's", () => {
    expect(() => loadComparedSpec("openapi: [unclosed", "spec/openapi.yaml", "HEAD")).toThrow(/^spec\/openapi\.yaml:\d+:\d+ \(at HEAD\) YAML syntax error: /);
  });
});

describe("parseSpecText: where each part is written", () => {
  const yaml = [
    "openapi: 3.1.0",
    "paths:",
    "  /things:",
    "    get:",
    "      operationId: things-list",
    "      parameters:",
    "        - $ref: '#/components/parameters/Limit'",
    "        - name: q",
    "          in: query",
    "      tags: [a, b]",
    "      description:",
    "        on the next line",
  ].join("\n");

  it("gives the line and column of a key, a sequence item or a flow item", () => {
    const spec = parseSpecText(yaml, "a.yaml");
    expect(spec.locate(["paths", "/things", "get", "operationId"])).toEqual({ line: 5, col: 7 });
    expect(spec.locate(["paths", "/things", "get", "parameters", 0, "$ref"])).toEqual({ line: 7, col: 11 });
    expect(spec.locatePointer("/paths/~1things/get/parameters/1/in")).toEqual({ line: 9, col: 11 });
    expect(spec.locate(["paths", "/things", "get", "tags", 1])).toEqual({ line: 10, col: 17 });
    expect(spec.locate(["paths", "/things", "get", "description"])).toEqual({ line: 11, col: 7 });
  });

  it("falls back to the nearest part that is written", () => {
    const spec = parseSpecText(yaml, "a.yaml");
    expect(spec.locate(["paths", "/things", "get", "responses", "200"])).toEqual({ line: 4, col: 5 });
    expect(spec.locate([])).toEqual({ line: 1, col: 1 });
  });

  it("locates JSON as well, the last of a repeated key as JSON.parse keeps it", () => {
    const spec = parseSpecText('{\n  "openapi": "3.1.0",\n  "info": { "title": "t" },\n  "info": { "title": "u" }\n}', "a.json");
    expect(spec.data).toMatchObject({ info: { title: "u" } });
    expect(spec.locatePointer("/info/title")).toEqual({ line: 4, col: 13 });
  });

  it("refuses a repeated key in YAML, at its line", () => {
    expect(() => parseSpecText("a: 1\nb: 2\na: 3\n", "dup.yaml")).toThrow(/^dup\.yaml:3:\d+ YAML syntax error: duplicated mapping key/);
  });
});

describe("resolveBase", () => {
  it("takes an existing file as a file and anything git knows as a ref", () => {
    expect(resolveBase(SPEC_FILE, REPO_ROOT)).toEqual({ kind: "file", path: SPEC_FILE });
    expect(resolveBase("HEAD", REPO_ROOT)).toEqual({ kind: "ref", ref: "HEAD" });
  });

  it("refuses what is neither, and never passes an option to git as a ref", () => {
    expect(() => resolveBase("--output=/tmp/x", REPO_ROOT)).toThrow(UsageError);
    expect(() => resolveBase("no-such-branch", REPO_ROOT)).toThrow('--base: "no-such-branch" is neither a file nor a git ref of this repository.');
  });
});

describe("follow", () => {
  const root = {
    components: {
      schemas: {
        A: { $ref: "#/components/schemas/B", description: "A, described" },
        B: { type: "string", description: "B" },
        Loop: { $ref: "#/components/schemas/Loop2" },
        Loop2: { $ref: "#/components/schemas/Loop" },
      },
    },
  };

  it("follows a chain of references to its end, laying sibling keywords over the target", () => {
    const target = follow(root, { value: { $ref: "#/components/schemas/A" }, pointer: "/x" });
    expect(target).toEqual({ value: { type: "string", description: "A, described" }, pointer: "/components/schemas/B" });
  });

  it("says where the offending $ref is written", () => {
    const dangling = { value: { $ref: "#/components/schemas/Missing" }, pointer: "/x" };
    expect(() => follow(root, dangling)).toThrow(expect.objectContaining({ name: "RefError", root, pointer: "/x/$ref" }));
  });

  it("refuses dangling, looping and external references, naming them", () => {
    expect(() => follow(root, { value: { $ref: "#/components/schemas/Missing" }, pointer: "/x" })).toThrow('The $ref "#/components/schemas/Missing" at /x points at nothing.');
    expect(() => follow(root, { value: { $ref: "#/components/schemas/Loop" }, pointer: "/x" })).toThrow("The $ref chain at /x loops back to #/components/schemas/Loop.");
    expect(() => follow(root, { value: { $ref: "other.yaml#/A" }, pointer: "/x" })).toThrow('The $ref "other.yaml#/A" points outside the document');
  });
});
