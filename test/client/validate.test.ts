// src/validate.ts on its own, with constraint shapes the current spec does not use yet (the
// generator may emit any of them): every type, bound, length, pattern and enum, and the wording.

import { describe, expect, it } from "vitest";
import type { FieldConstraint } from "../../generated/client.js";
import { InvalidParameterError } from "../../src/errors.js";
import { checkFields, checkValue } from "../../src/validate.js";

function message(value: unknown, constraint: FieldConstraint): string | undefined {
  try {
    checkValue("p", value, constraint);
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidParameterError);
    expect((error as InvalidParameterError).param).toBe("p");
    return (error as InvalidParameterError).message;
  }
}

describe("checkValue", () => {
  it.each<[FieldConstraint, unknown, string | undefined]>([
    [{ required: false, type: "number" }, 1.5, undefined],
    [{ required: false, type: "number", minimum: 0 }, -1, "p must be a number of at least 0; got -1"],
    [{ required: false, type: "number", maximum: 1 }, 2, "p must be a number of at most 1; got 2"],
    [{ required: false, type: "number" }, Number.POSITIVE_INFINITY, "p must be a number; got Infinity"],
    [{ required: false, type: "number", minimum: 0 }, "5", 'p must be a number of at least 0; got "5"'],
    [{ required: false, type: "integer" }, 3, undefined],
    [{ required: false, type: "integer" }, 3.1, "p must be an integer; got 3.1"],
    [{ required: false, type: "boolean" }, false, undefined],
    [{ required: false, type: "boolean" }, "true", 'p must be a boolean; got "true"'],
    [{ required: false, type: "array" }, [], undefined],
    [{ required: false, type: "array" }, {}, "p must be an array; got an object"],
    [{ required: false, type: "object" }, {}, undefined],
    [{ required: false, type: "object" }, [], "p must be an object; got an array"],
    [{ required: false, type: "object" }, null, "p must be an object; got null"],
    [{ required: false, type: "object" }, "{}", 'p must be an object; got "{}"'],
    [{ required: false, type: "object" }, 5, "p must be an object; got 5"],
    [{ required: false, type: "object" }, true, "p must be an object; got true"],
    [{ required: false, type: "array" }, "[]", 'p must be an array; got "[]"'],
    [{ required: false, type: "string" }, "", undefined],
    [{ required: false, type: "string", minLength: 3 }, "ab", 'p must be a string of at least 3 characters; got "ab"'],
    [{ required: false, type: "string", minLength: 2, maxLength: 4 }, "abcde", 'p must be a string of 2 to 4 characters; got "abcde"'],
    [{ required: false, type: "string", maxLength: 2 }, "abc", 'p must be a string of at most 2 characters; got "abc"'],
    // Lengths count code points, as JSON Schema does: one emoji is one character.
    [{ required: false, type: "string", maxLength: 1 }, "😀", undefined],
    [{ required: false, type: "string", maxLength: 1 }, "😀😀", 'p must be a string of at most 1 characters; got "😀😀"'],
    // The first and the last high surrogate (U+D800, U+DBFF) each begin one character.
    [{ required: false, type: "string", maxLength: 1 }, "\u{10000}", undefined],
    [{ required: false, type: "string", maxLength: 1 }, "\u{10FFFF}", undefined],
    // Characters above the surrogates (U+E000–U+FFFF) are one code unit each, and one character.
    [{ required: false, type: "string", maxLength: 2 }, "\uFF21\uFF22", undefined],
    [{ required: false, type: "string", maxLength: 2 }, "\uFF21\uFF22\uFFFD", 'p must be a string of at most 2 characters; got "\uFF21\uFF22\uFFFD"'],
    [{ required: false, type: "string", minLength: 2 }, "\uFFFD", 'p must be a string of at least 2 characters; got "\uFFFD"'],
    [{ required: false, type: "string", minLength: 2 }, "\uFFFD\uE000", undefined],
    [{ required: false, type: "string", minLength: 1 }, "", 'p must be a non-empty string; got ""'],
    // "non-empty" already says the minimum of 1, so only the maximum is added.
    [{ required: false, type: "string", minLength: 1, maxLength: 5 }, "", 'p must be a non-empty string of at most 5 characters; got ""'],
    [{ required: false, type: "string", pattern: "^key_[a-z]+$" }, "key_abc", undefined],
    // Patterns are read with Unicode semantics, as JSON Schema's are: "." is one code point.
    [{ required: false, type: "string", pattern: "^.$" }, "😀", undefined],
    [{ required: false, type: "string", pattern: "^key_[a-z]+$" }, "nope", 'p must be a string matching /^key_[a-z]+$/; got "nope"'],
    [{ required: false, type: "string", pattern: "^key_[a-z]+$" }, "still-nope", 'p must be a string matching /^key_[a-z]+$/; got "still-nope"'],
    [{ required: false, type: "integer", enum: [1, 2] }, 3, "p must be one of 1, 2; got 3"],
    [{ required: false, type: "boolean", enum: [true] }, true, undefined],
    [{ required: true, type: "string" }, undefined, "p is required and must be a string; got undefined"],
    [{ required: false, type: "string" }, undefined, undefined],
    [{ required: false, type: "string" }, Symbol("s"), "p must be a string; got a symbol"],
    [{ required: false, type: "string", nullable: true }, null, undefined],
    [{ required: true, type: "integer", nullable: true, minimum: 1 }, 0, "p must be an integer of at least 1 or null; got 0"],
  ])("%j with %s", (constraint, value, expected) => {
    expect(message(value, constraint)).toBe(expected);
  });

  it("shortens a long value and hides secrets in it", () => {
    const long = message(`sk-admin-${"x".repeat(100)}`, { required: false, type: "string", maxLength: 10 });
    expect(long).toBe('p must be a string of at most 10 characters; got "sk-***"');
    const longPlain = message("y".repeat(100), { required: false, type: "string", maxLength: 10 });
    expect(longPlain).toBe(`p must be a string of at most 10 characters; got "${"y".repeat(60)}…"`);
  });
});

describe("checkFields", () => {
  const fields = { a: { required: true, type: "string" }, b: { required: false, type: "integer" } } as const;

  it("passes known fields that fit", () => {
    expect(() => checkFields("op()", { a: "x", b: 2 }, fields)).not.toThrow();
  });

  it("names an unknown field and lists the known ones", () => {
    expect(() => checkFields("op()", { a: "x", c: 1 }, fields)).toThrow('op() has no parameter "c"; allowed: a, b');
  });

  it("checks every known field, required ones included", () => {
    expect(() => checkFields("op()", { b: 2 }, fields)).toThrow("a is required and must be a string; got undefined");
  });
});
