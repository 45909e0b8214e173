// CHANGELOG-API.md is committed, and must say what the git history of the spec says: after a
// commit that changes info.version (or before it, with the new version in the working tree),
// `npm run spec:changelog` writes the entry and the file is committed with it. A clone without
// the whole history (a shallow CI checkout) cannot tell; the failure then says so.

import { describe, expect, it } from "vitest";
import { ROOT, runTsx } from "./project-copy.js";

describe("CHANGELOG-API.md", () => {
  it("matches the history of spec/openapi.yaml (npm run spec:changelog -- --check)", async () => {
    const result = await runTsx(ROOT, "scripts/spec-changelog.ts", ["--check"]);
    expect(result.stderr, result.stderr).toBe("");
    expect(result.stdout).toMatch(/^CHANGELOG-API\.md is up to date: \d+ versions? \(API /);
    expect(result.code).toBe(0);
  }, 60_000);
});
