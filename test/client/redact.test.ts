// The one redactor, on its own: what it hides, what it leaves, and the copies an error keeps.

import { describe, expect, it } from "vitest";
import { hideSecrets } from "../../src/index.js";
import { excerpt, redactedCause, redactedHeaders, redactSecretTokens, secretRedactor } from "../../src/redact.js";

describe("hideSecrets", () => {
  it("hides each secret and its percent-encoded form, every time it appears, and nothing else", () => {
    expect(hideSecrets("a sk-admin-x/1 b sk-admin-x%2F1 c sk-admin-x/1", ["sk-admin-x/1"])).toBe("a *** b *** c ***");
    expect(hideSecrets("nothing here", ["sk-admin-x/1"])).toBe("nothing here");
    expect(hideSecrets("keeps text when a secret is empty", [""])).toBe("keeps text when a secret is empty");
    expect(hideSecrets("two: k1-secret, k2-secret", ["k1-secret", "k2-secret"])).toBe("two: ***, ***");
  });
});

describe("secretRedactor", () => {
  it("hides the client's key even without the sk- prefix, and any sk- token", () => {
    const redact = secretRedactor("plainkey.ABC~123");
    expect(redact("Bearer plainkey.ABC~123 and sk-admin-other_9")).toBe("Bearer *** and sk-***");
    expect(redactSecretTokens("sk-a sk-b-c")).toBe("sk-*** sk-***");
  });
});

describe("redactedHeaders", () => {
  it("copies every header with its name and value redacted, and drops a name redaction would break", () => {
    const live = new Headers({ "x-echo": "Bearer sk-admin-1", "sk-admin-2": "named", "x-plain": "ok" });
    const copy = redactedHeaders(live, (text) => redactSecretTokens(text).replace("x-drop", "bad name"));
    expect(copy).not.toBe(live);
    expect(copy.get("x-echo")).toBe("Bearer sk-***");
    expect(copy.get("sk-***")).toBe("named");
    expect(copy.get("x-plain")).toBe("ok");
    const dropped = redactedHeaders(new Headers({ "x-drop": "v" }), (text) => text.replace("x-drop", "bad name"));
    let names = 0;
    dropped.forEach(() => names++);
    expect(names).toBe(0);
  });
});

describe("redactedCause", () => {
  it("keeps name, message, code and stack, redacted, and the first error of an AggregateError as the cause", () => {
    const inner = Object.assign(new Error("inner sk-admin-1"), { code: "ECONNREFUSED" });
    const copy = redactedCause(new AggregateError([inner], "all sk-admin-2"), redactSecretTokens) as Error & { code?: string; cause?: unknown };
    expect(copy.name).toBe("AggregateError");
    expect(copy.message).toBe("all sk-***");
    expect((copy.cause as Error & { code?: string }).code).toBe("ECONNREFUSED");
    expect((copy.cause as Error).message).toBe("inner sk-***");
    expect(copy.stack).toContain("all sk-***");
  });

  it.each<[string, unknown, string]>([
    ["an array", ["sk-admin-1"], "an array"],
    ["an object without a message", { reason: "sk-admin-1" }, "an object"],
    ["an object whose message is not text", { message: 7 }, "an object"],
  ])("names %s by its kind, keeping none of its contents", (_label, thrown, message) => {
    const copy = redactedCause(thrown, redactSecretTokens) as Error;
    expect(copy).toBeInstanceOf(Error);
    expect(copy.name).toBe("Error");
    expect(copy.message).toBe(message);
  });

  it.each<[string, unknown, string]>([
    ["text", "ECONNRESET", "ECONNRESET"],
    ["a number", 104, "104"],
    ["an array", ["sk-admin-1"], "an array"],
    ["an object", { errno: 104 }, "an object"],
    ["a function", () => "sk-admin-1", "a function"],
  ])("keeps a code that is %s as text", (_label, code, kept) => {
    const copy = redactedCause(Object.assign(new Error("reset"), { code }), redactSecretTokens) as Error & { code?: string };
    expect(copy.message).toBe("reset");
    expect(copy.code).toBe(kept);
  });

  it.each<[string, unknown, string]>([
    ["true", true, "true"],
    ["a bigint", 10n, "10"],
    ["null", null, "null"],
    ["undefined", undefined, "undefined"],
    ["a symbol", Symbol("sk-admin-1"), "a symbol"],
    ["a function, whose source is not shown", () => "sk-admin-1", "a function"],
  ])("turns %s into text", (_label, thrown, text) => {
    expect(redactedCause(thrown, redactSecretTokens)).toBe(text);
  });

  it("keeps an error's own stack, redacted, and gives a copy of something else a stack of its own", () => {
    const original = new Error("boom sk-admin-1");
    const copy = redactedCause(original, redactSecretTokens) as Error;
    expect(copy.stack).toBe(redactSecretTokens(original.stack ?? ""));
    expect(copy.stack).toContain("boom sk-***");
    // Only an Error's stack is frames; the "stack" of anything else is just a field, and not kept.
    const fromObject = redactedCause({ name: "Odd", message: "odd", stack: "made-up frames" }, redactSecretTokens) as Error;
    expect(fromObject.name).toBe("Odd");
    expect(fromObject.message).toBe("odd");
    expect(typeof fromObject.stack).toBe("string");
    expect(fromObject.stack).toContain("odd");
    expect(fromObject.stack).not.toContain("made-up frames");
  });

  it("has no cause at all when the original had none, and no code when it had none", () => {
    const copy = redactedCause(new Error("alone"), redactSecretTokens) as Error & { code?: string };
    expect(copy.message).toBe("alone");
    expect(Object.hasOwn(copy, "cause")).toBe(false);
    expect(copy.code).toBeUndefined();
  });

  it("copies a cause chain eight links deep and says where it was cut", () => {
    let chain: Error = new Error("link 10");
    for (let link = 9; link >= 0; link--) chain = new Error(`link ${link}`, { cause: chain });
    let copy: unknown = redactedCause(chain, redactSecretTokens);
    const messages: string[] = [];
    while (copy instanceof Error) {
      messages.push(copy.message);
      copy = copy.cause;
    }
    expect(messages).toEqual(["link 0", "link 1", "link 2", "link 3", "link 4", "link 5", "link 6", "link 7"]);
    expect(copy).toBe("(cause chain cut at depth 8)");
  });

  it("turns a primitive into redacted text and cuts a loop", () => {
    expect(redactedCause("str sk-admin-1", redactSecretTokens)).toBe("str sk-***");
    expect(redactedCause(42, redactSecretTokens)).toBe("42");
    const a: { message: string; cause?: unknown } = { message: "a" };
    a.cause = a;
    const copy = redactedCause(a, redactSecretTokens) as Error;
    expect(copy.cause).toBe("(cause chain cut at depth 1)");
  });
});

describe("excerpt", () => {
  it("folds whitespace, trims, and cuts at exactly max characters with an ellipsis", () => {
    expect(excerpt("  a \n\t b  ")).toBe("a b");
    expect(excerpt("x".repeat(80))).toBe("x".repeat(80));
    expect(excerpt("x".repeat(81))).toBe(`${"x".repeat(80)}…`);
    expect(excerpt("abcdef", 3)).toBe("abc…");
  });
});
