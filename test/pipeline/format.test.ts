import { describe, expect, it } from "vitest";
import { halveIndentation, indentByBrackets } from "../../scripts/generate/indent.js";

describe("indentByBrackets", () => {
  it("indents one level per open bracket and dedents lines that start by closing", () => {
    const code = ["function f(data){", "if(data){", "return [", "1,", "];", "}", "else {", "g();", "}", "}"].join("\n");
    expect(indentByBrackets(code)).toBe(
      ["function f(data){", "  if(data){", "    return [", "      1,", "    ];", "  }", "  else {", "    g();", "  }", "}"].join("\n"),
    );
  });

  it("ignores brackets inside string literals, escaped quotes included", () => {
    const code = ['const a = {"d":"path {key_id} \\" } ("};', "b();"].join("\n");
    expect(indentByBrackets(code)).toBe(code);
  });
});

describe("halveIndentation", () => {
  it("turns 4-space levels into 2-space levels and keeps the JSDoc star aligned", () => {
    const code = ["a {", "    b: {", "        /**", "         *     wrapped", "         */", "        c: 1;", "    };", "}"].join("\n");
    expect(halveIndentation(code)).toBe(["a {", "  b: {", "    /**", "     *     wrapped", "     */", "    c: 1;", "  };", "}"].join("\n"));
  });
});
