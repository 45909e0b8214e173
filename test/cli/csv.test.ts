// The small pieces under audit's CSV and the commands the CLI suggests: RFC 4180 quoting with
// formulas defused, and words quoted for a POSIX shell.
import { describe, expect, it } from "vitest";
import { csvField, csvRecord } from "../../src/cli/csv.js";
import { shellWord, suggestedCommand } from "../../src/cli/suggest.js";

describe("csvField", () => {
  it.each([
    ["plain", "plain"],
    ["", ""],
    ["a,b", '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ["two\nlines", "two\uFFFDlines"],
    ["cr\r", "cr\uFFFD"],
    ["=1+1", "'=1+1"],
    ["+33 1 23", "'+33 1 23"],
    ["-2", "'-2"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ['=HYPERLINK("http://x","y")', `"'=HYPERLINK(""http://x"",""y"")"`],
    ["a=b", "a=b"],
    ["\t=1", "\uFFFD=1"],
  ])("%j → %j", (text, field) => {
    expect(csvField(text)).toBe(field);
  });

  it("joins a record with commas and ends it with LF", () => {
    expect(csvRecord(["a", "b,c", ""])).toBe('a,"b,c",\n');
  });
});

describe("suggested commands", () => {
  it.each([
    ["key_abc", "key_abc"],
    ["CI pipeline", "'CI pipeline'"],
    ["it's", "'it'\\''s'"],
    ["http://127.0.0.1:4010/v1", "http://127.0.0.1:4010/v1"],
    ["$(rm -rf /)", "'$(rm -rf /)'"],
  ])("quotes %j as %j", (word, quoted) => {
    expect(shellWord(word)).toBe(quoted);
  });

  it("carries this run's connection flags, on one line", () => {
    expect(suggestedCommand({ "base-url": "http://127.0.0.1:4010/v1", "allow-insecure-http": true }, ["delete", "key_a", "--yes"])).toBe(
      "admin-keys delete key_a --yes --base-url http://127.0.0.1:4010/v1 --allow-insecure-http",
    );
    expect(suggestedCommand({}, ["rotate", "key\nnext"])).toBe("admin-keys rotate 'key\uFFFDnext'");
  });
});
