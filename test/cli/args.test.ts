// The flag values the CLI reads itself, before the client sees them: whole numbers (--limit,
// --port, --seed), durations (--expires-in and audit's rules) and string flags.
import { describe, expect, it } from "vitest";
import { parseDuration, parseInteger, stringFlag, UsageError } from "../../src/cli/args.js";

describe("whole-number flags", () => {
  it.each([
    ["7", 7],
    [" 42 ", 42],
    ["007", 7],
    ["123456789", 123_456_789],
  ])("reads %j as %i", (text, expected) => {
    expect(parseInteger("limit", text, "usage")).toBe(expected);
  });

  it.each(["", "x5", "5x", "1.5", "-3", "1e3", "1234567890", "5 5"])("refuses %j with a UsageError naming the flag", (text) => {
    let thrown: unknown;
    try {
      parseInteger("port", text, "the usage");
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(UsageError);
    expect(thrown).toMatchObject({ name: "UsageError", message: `--port must be a whole number; got ${JSON.stringify(text)}.`, usage: "the usage" });
  });
});

describe("durations", () => {
  it.each([
    ["45", 45],
    ["3600", 3600],
    ["90s", 90],
    ["15m", 900],
    ["12h", 43_200],
    ["30d", 2_592_000],
    ["2w", 1_209_600],
    ["2D", 172_800],
    [" 1W ", 604_800],
    ["10", 10],
  ])("reads %j as %i seconds", (text, expected) => {
    expect(parseDuration(text, "usage")).toBe(expected);
  });

  it.each(["d", "1 d", "1y", "1.5h", "-5", "", "1dd"])("refuses %j, naming the flag it was given as", (text) => {
    expect(() => parseDuration(text, "usage", "unused-for")).toThrow(
      new UsageError(`--unused-for must be a number of seconds or a duration such as 30d, 12h, 15m or 90s; got ${JSON.stringify(text)}.`, "usage"),
    );
  });
});

describe("string flags", () => {
  it("gives a string flag's value, and nothing for a flag not given or a boolean one", () => {
    const flags = { name: "deploy", json: true, yes: false };
    expect(stringFlag(flags, "name")).toBe("deploy");
    expect(stringFlag(flags, "json")).toBeUndefined();
    expect(stringFlag(flags, "yes")).toBeUndefined();
    expect(stringFlag(flags, "after")).toBeUndefined();
  });
});
