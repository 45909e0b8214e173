// Reading specs and following references: clear errors for what cannot be read.

import { describe, expect, it } from "vitest";
import { follow } from "../../scripts/spec-diff/dereference.js";
import { parseSpec, resolveBase, UsageError } from "../../scripts/spec-diff/load.js";
import { REPO_ROOT, SPEC_FILE } from "./helpers.js";

describe("parseSpec", () => {
  it("reads YAML and JSON alike", async () => {
    const fromYaml = await parseSpec("openapi: 3.1.0\ninfo: { title: t, version: '1' }\npaths: {}\n", "a.yaml");
    const fromJson = await parseSpec('{ "openapi": "3.1.0", "info": { "title": "t", "version": "1" }, "paths": {} }', "a.json");
    expect(fromYaml).toEqual(fromJson);
  });

  it("keeps dates as the strings JSON would have", async () => {
    const document = await parseSpec("openapi: 3.1.0\ninfo: { title: t, version: 2024-01-01 }\n", "dated.yaml");
    expect(document.info).toEqual({ title: "t", version: "2024-01-01" });
  });

  it("names the file when the text is not YAML, or not an OpenAPI document", async () => {
    await expect(parseSpec("openapi: [unclosed", "broken.yaml")).rejects.toThrow(/^broken\.yaml is not valid YAML or JSON: /);
    await expect(parseSpec("- a list\n", "list.yaml")).rejects.toThrow(new UsageError('list.yaml is not an OpenAPI document (no "openapi" version field at the top).'));
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

  it("refuses dangling, looping and external references, naming them", () => {
    expect(() => follow(root, { value: { $ref: "#/components/schemas/Missing" }, pointer: "/x" })).toThrow('The $ref "#/components/schemas/Missing" at /x points at nothing.');
    expect(() => follow(root, { value: { $ref: "#/components/schemas/Loop" }, pointer: "/x" })).toThrow("The $ref chain at /x loops back to #/components/schemas/Loop.");
    expect(() => follow(root, { value: { $ref: "other.yaml#/A" }, pointer: "/x" })).toThrow('The $ref "other.yaml#/A" points outside the document');
  });
});
