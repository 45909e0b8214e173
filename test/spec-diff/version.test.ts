// When is a version raise enough to announce a breaking change? When ^before rejects it.

import { describe, expect, it } from "vitest";
import { isBreakingBump, nextBreakingVersion, versionOf } from "../../scripts/spec-diff/version-policy.js";

describe("isBreakingBump", () => {
  it.each([
    ["1.4.2", "2.0.0", true],
    ["1.4.2", "1.5.0", false],
    ["1.4.2", "1.4.2", false],
    ["2.0.0", "1.9.0", false],
    ["0.1.0", "1.0.0", true],
    ["0.1.0", "0.2.0", true],
    ["0.1.0", "0.1.5", false],
    ["0.0.3", "0.0.4", true],
    ["1.0.0", "2.0.0-beta.1", true],
    ["1.0.0", "not a version", false],
  ])("%s → %s: %s", (before, after, expected) => {
    expect(isBreakingBump(before, after)).toBe(expected);
  });
});

describe("versionOf", () => {
  it("reads the version of a package.json, and nothing from anything else", () => {
    expect(versionOf('{ "name": "x", "version": "0.1.0" }')).toBe("0.1.0");
    expect(versionOf('{ "name": "x" }')).toBeUndefined();
    expect(versionOf("not json")).toBeUndefined();
    expect(versionOf(undefined)).toBeUndefined();
  });
});

describe("nextBreakingVersion", () => {
  it.each([
    ["1.4.2", "2.0.0"],
    ["0.1.0", "0.2.0"],
    ["0.3.7", "0.4.0"],
    ["0.0.3", "0.0.4"],
    ["v2.0.0-beta.1", "3.0.0"],
  ])("%s → %s, which ^%s refuses", (version, next) => {
    expect(nextBreakingVersion(version)).toBe(next);
    expect(isBreakingBump(version, next)).toBe(true);
  });

  it("has nothing to say about a version it cannot read", () => {
    expect(nextBreakingVersion("latest")).toBeUndefined();
  });
});
