// The footer: whether the changes fail the run, and what it says to do for the version the
// package is at. Spec-only changes are counted apart from breaking ones.

import { describe, expect, it } from "vitest";
import type { Change } from "../../scripts/spec-diff/engine.js";
import { verdictOf } from "../../scripts/spec-diff/verdict.js";

const change = (kind: Change["kind"]): Change => ({ kind, rule: "description-changed", operation: null, pointer: "", before: null, after: null, message: "m" });

const verdict = (kinds: Change["kind"][], before: string | undefined, after = before, allowBreaking = false) =>
  verdictOf({ changes: kinds.map(change), allowBreaking, versions: { before, after }, since: "HEAD" });

describe("verdictOf", () => {
  it("passes quietly when nothing breaks", () => {
    expect(verdict(["non-breaking"], "0.1.0")).toEqual({ exitCode: 0, accepted: undefined, footer: undefined });
  });

  it.each([
    ["1.4.2", "At 1.4.2 a break raises the major version (consumers on ^1.4.2 are not moved to 2.0.0): set \"version\" in package.json to 2.0.0, or pass --allow-breaking."],
    ["0.1.0", "At 0.1.0 a break raises the minor version (consumers on ^0.1.0 are not moved to 0.2.0): set \"version\" in package.json to 0.2.0, or pass --allow-breaking."],
    ["0.0.3", "At 0.0.3 a break raises the patch version (^0.0.3 takes no other version): set \"version\" in package.json to 0.0.4, or pass --allow-breaking."],
  ])("at %s names the number to raise and the version to set", (version, advice) => {
    expect(verdict(["breaking"], version)).toEqual({ exitCode: 1, accepted: undefined, footer: `spec:diff: 1 breaking change since HEAD. ${advice}` });
  });

  it("counts spec-only changes apart, and never as breaking", () => {
    expect(verdict(["spec-only", "spec-only"], "1.0.0").footer).toMatch(/^spec:diff: 2 spec-only changes \(breaks the generated types do not show\) since HEAD\./);
    expect(verdict(["breaking", "breaking", "spec-only", "non-breaking"], "1.0.0").footer).toMatch(
      /^spec:diff: 2 breaking changes and 1 spec-only change \(a break the generated types do not show\) since HEAD\./,
    );
  });

  it("accepts a raise that ^before refuses, or --allow-breaking, and says which", () => {
    expect(verdict(["breaking"], "0.1.0", "0.2.0")).toEqual({
      exitCode: 0,
      accepted: "the version went from 0.1.0 to 0.2.0",
      footer: "spec:diff: 1 breaking change accepted: the version went from 0.1.0 to 0.2.0.",
    });
    expect(verdict(["spec-only"], "0.1.0", "0.1.0", true)).toMatchObject({ exitCode: 0, accepted: "--allow-breaking" });
    expect(verdict(["breaking"], "1.2.0", "1.3.0")).toMatchObject({ exitCode: 1 });
  });

  it("says what to do when no version can be read", () => {
    expect(verdict(["breaking"], undefined).footer).toBe(
      "spec:diff: 1 breaking change since HEAD. No version could be read from package.json; release this as a breaking version, or pass --allow-breaking.",
    );
  });
});
