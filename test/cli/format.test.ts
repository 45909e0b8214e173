import { describe, expect, it } from "vitest";
import { absoluteTime, clean, columnWidths, expiry, lastUsed, relativeTime, table } from "../../src/cli/format.js";
import { parseDuration, UsageError } from "../../src/cli/args.js";

const NOW = 1_800_000_000_000;
const at = (secondsFromNow: number): number => NOW / 1000 + secondsFromNow;

describe("relative times", () => {
  it.each([
    [0, "just now"],
    [-59, "just now"],
    [59, "just now"],
    [-60, "1 minute ago"],
    [-61, "1 minute ago"],
    [-3 * 60, "3 minutes ago"],
    [-3600, "1 hour ago"],
    [3599.6, "in 1 hour"],
    [-2 * 3600, "2 hours ago"],
    [-3 * 86_400, "3 days ago"],
    [29 * 86_400, "in 29 days"],
    [30 * 86_400 - 1, "in 1 month"],
    [-65 * 86_400, "2 months ago"],
    [400 * 86_400, "in 1 year"],
    [-800 * 86_400, "2 years ago"],
  ])("%is from now reads %s", (seconds, expected) => {
    expect(relativeTime(at(seconds), NOW)).toBe(expected);
  });

  it("says never, in, or expired for expiry and last use", () => {
    expect(expiry(null, NOW)).toBe("never");
    expect(expiry(at(29 * 86_400), NOW)).toBe("in 29 days");
    expect(expiry(at(-86_400), NOW)).toBe("expired 1 day ago");
    expect(expiry(at(0), NOW)).toBe("expired just now");
    expect(lastUsed(null, NOW)).toBe("never");
    expect(lastUsed(undefined, NOW)).toBe("never");
    expect(lastUsed(at(-7200), NOW)).toBe("2 hours ago");
  });

  it("prints absolute times in UTC", () => {
    expect(absoluteTime(1711471533)).toBe("2024-03-26 16:45:33 UTC");
    expect(absoluteTime(8_640_000_000_000)).toBe("+275760-09-13 00:00:00 UTC");
    expect(absoluteTime(1e20)).toBe("not a date: 100000000000000000000");
  });
});

describe("clean and table", () => {
  it("replaces control characters and shortens long text", () => {
    expect(clean("a\u001b[2Jb\r\n\u0085c")).toBe("a\uFFFD[2Jb\uFFFD\uFFFD\uFFFDc");
    expect(clean("abcdefghij", 5)).toBe("abcd…");
    expect(clean("abcde", 5)).toBe("abcde");
    expect(clean("😀😀😀", 2)).toBe("😀…");
  });

  it("aligns columns by their widest cell and trims trailing space", () => {
    expect(table(["A", "BB", "C"], [["xxx", "y", ""], ["z", "", "w"]])).toBe("A    BB  C\nxxx  y\nz        w\n");
  });

  it("sizes a column that a short row leaves out by the cells it has", () => {
    expect(columnWidths(["A", "BB", "C"], [["xxx"], ["z", "y"]])).toEqual([3, 2, 1]);
    expect(table(["A", "BB", "C"], [["xxx"], ["z", "y"]])).toBe("A    BB  C\nxxx\nz    y\n");
  });
});

describe("--expires-in notation", () => {
  it("reads seconds and unit suffixes, case-insensitively", () => {
    expect(parseDuration("45", "")).toBe(45);
    expect(parseDuration("2D", "")).toBe(172_800);
    expect(parseDuration(" 1w ", "")).toBe(604_800);
  });

  it("refuses anything else with a UsageError", () => {
    expect(() => parseDuration("1 d", "usage")).toThrow(UsageError);
  });
});
