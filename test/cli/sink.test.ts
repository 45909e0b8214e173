// The output sink and the JSON writer, on their own: what is replaced, what passes unchanged, and
// that JSON survives the sink exactly.
import { describe, expect, it } from "vitest";
import type { CliIo } from "../../src/cli/io.js";
import { jsonText } from "../../src/cli/json.js";
import { outputSink, terminalSafe } from "../../src/cli/sink.js";
import { clean, keyTable } from "../../src/cli/format.js";
import type { AdminApiKey } from "../../src/index.js";

function key(id: string, name: string): AdminApiKey {
  const owner = { type: "user" as const, object: "organization.user" as const, id: "user_1", name: "Ada", created_at: 1, role: "owner" };
  return { object: "organization.admin_api_key", id, name, redacted_value: "sk-admin...abc", created_at: 1711471533, expires_at: null, last_used_at: null, owner };
}

const C0 = Array.from({ length: 0x20 }, (_, code) => String.fromCharCode(code)).filter((character) => character !== "\n");
const C1 = Array.from({ length: 0x20 }, (_, code) => String.fromCharCode(0x80 + code));
const BIDI = ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069"];
const LONE = ["\ud800", "\udbff", "\udc00", "\udfff"];
const UNSAFE = [...C0, "\u007f", ...C1, ...BIDI, ...LONE];

describe("terminalSafe", () => {
  it.each(UNSAFE.map((character) => [`U+${character.charCodeAt(0).toString(16).padStart(4, "0")}`, character]))("replaces %s with U+FFFD", (_name, character) => {
    expect(terminalSafe(`a${character}b`)).toBe("a\uFFFDb");
  });

  it("lets newlines, printable text, other Unicode and whole surrogate pairs through unchanged", () => {
    const text = "ID  NAME\nkey_1  Zoë 😀 日本語 … → ‎ \u00a0\n";
    expect(terminalSafe(text)).toBe(text);
  });

  it("changes nothing in a table the CLI prints from ordinary keys", () => {
    const table = keyTable([key("key_1", "CI deploy"), key("key_2", "Zoë's laptop")], Date.UTC(2025, 0, 1));
    expect(terminalSafe(table)).toBe(table);
  });
});

describe("jsonText", () => {
  // Joined with "|", so that no two lone surrogates make a pair.
  const hostile = { name: `x${UNSAFE.join("|")}\u2028\u2029y`, nested: [{ id: "\u001b[2J\u009b\u202e" }] };

  it("escapes every character the sink would replace, so the sink finds nothing to change", () => {
    const text = jsonText(hostile, 2);
    expect(terminalSafe(text)).toBe(text);
    expect(text).toMatch(/^[\x20-\x7e\n]*$/);
    expect(text).toContain("\\u001b[2J\\u009b\\u202e");
  });

  it("is lossless: JSON.parse gives back the very same strings", () => {
    expect(JSON.parse(jsonText(hostile))).toEqual(hostile);
    expect(JSON.parse(jsonText(hostile, 2))).toEqual(hostile);
  });

  it("is JSON.stringify for ordinary values", () => {
    const value = { a: [1, "two", null, true], b: { c: "Zoë 😀" } };
    expect(jsonText(value, 2)).toBe(JSON.stringify(value, null, 2));
  });
});

describe("clean, the one-line layer", () => {
  it("also replaces what the sink lets through: newlines and the Unicode line separators", () => {
    expect(clean("a\nb\u2028c\u2029d")).toBe("a\uFFFDb\uFFFDc\uFFFDd");
  });
});

function recordingIo(env: CliIo["env"] = {}): { io: CliIo; out: string[]; err: string[]; questions: string[]; statuses: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  const questions: string[] = [];
  const statuses: string[] = [];
  const io: CliIo = {
    stdout: (text) => void out.push(text),
    stderr: (text) => void err.push(text),
    drain: async () => {},
    env,
    stdinIsTTY: true,
    stderrIsTTY: true,
    status: (text) => void statuses.push(text),
    prompt: async (question) => {
      questions.push(question);
      return "y";
    },
    now: () => 0,
    stopSignal: () => Promise.resolve("SIGINT"),
  };
  return { io, out, err, questions, statuses };
}

describe("outputSink", () => {
  it("sanitizes stdout, stderr and prompts alike", async () => {
    const world = recordingIo();
    const io = outputSink(world.io);
    io.stdout("a\u001bb\n");
    io.stderr("c\u009bd\n");
    expect(await io.prompt("e\u202ef? ")).toBe("y");
    expect(world.out).toEqual(["a\uFFFDb\n"]);
    expect(world.err).toEqual(["c\uFFFDd\n"]);
    expect(world.questions).toEqual(["e\uFFFDf? "]);
  });

  it("hides the admin key, and its percent-encoded form, in everything written", () => {
    const key = "sk-admin-abc/def+ghi";
    const world = recordingIo({ OPENAI_ADMIN_KEY: ` ${key} ` });
    const io = outputSink(world.io);
    io.stdout(`Bearer ${key}\n`);
    io.stderr(`?after=${encodeURIComponent(key)}\n`);
    expect(world.out).toEqual(["Bearer ***\n"]);
    expect(world.err).toEqual(["?after=***\n"]);
  });

  it("leaves text alone for a 'key' too short to be one", () => {
    const world = recordingIo({ OPENAI_ADMIN_KEY: "k" });
    outputSink(world.io).stdout("keys\n");
    expect(world.out).toEqual(["keys\n"]);
  });

  it("passes drain, env, the terminal and the clock through", async () => {
    let drained = 0;
    const world = recordingIo({ A: "b" });
    const io = outputSink({ ...world.io, drain: async () => void drained++, now: () => 42 });
    await io.drain();
    expect(drained).toBe(1);
    expect(io.env).toEqual({ A: "b" });
    expect(io.stdinIsTTY).toBe(true);
    expect(io.stderrIsTTY).toBe(true);
    expect(io.now()).toBe(42);
    expect(await io.stopSignal()).toBe("SIGINT");
  });

  it("sanitizes the status line like any text and keeps it on one line", () => {
    const world = recordingIo({ OPENAI_ADMIN_KEY: "sk-admin-status-secret" });
    const io = outputSink(world.io);
    io.status("page 1\u001b[2J\nsk-admin-status-secret\r");
    expect(world.statuses).toEqual(["page 1\uFFFD[2J\uFFFD***\uFFFD"]);
  });
});
