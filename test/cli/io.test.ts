import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { processIo } from "../../src/cli/io.js";

function collect(stream: PassThrough): () => string {
  let text = "";
  stream.on("data", (chunk: Buffer) => (text += chunk.toString()));
  return () => text;
}

describe("processIo", () => {
  it("writes to the given streams, asks on stderr and reads the answer from stdin", async () => {
    const stdin = Object.assign(new PassThrough(), { isTTY: true });
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    const out = collect(stdout);
    const err = collect(stderr);
    const io = processIo({ stdin, stdout, stderr }, { OPENAI_ADMIN_KEY: "k" });
    expect(io.stdinIsTTY).toBe(true);
    expect(io.env["OPENAI_ADMIN_KEY"]).toBe("k");
    io.stdout("data\n");
    io.stderr("note\n");
    const answer = io.prompt("Sure? ");
    stdin.write("yes\n");
    expect(await answer).toBe("yes");
    expect(out()).toBe("data\n");
    expect(err()).toBe("note\nSure? ");
    expect(Math.abs(io.now() - Date.now())).toBeLessThan(1000);
  });

  it("uses the real process by default and sees a pipe as no terminal", () => {
    const io = processIo();
    expect(io.env).toBe(process.env);
    expect(io.stdinIsTTY).toBe(process.stdin.isTTY === true);
  });
});
