import { PassThrough, Writable } from "node:stream";
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

  it("stops reading stdin once the question is answered, so the process can end", async () => {
    const stdin = Object.assign(new PassThrough(), { isTTY: true });
    const io = processIo({ stdin, stdout: new PassThrough(), stderr: new PassThrough() }, {});
    const listeners = { data: stdin.listenerCount("data"), end: stdin.listenerCount("end") };
    const answer = io.prompt("Sure? ");
    expect(stdin.listenerCount("data")).toBe(listeners.data + 1);
    stdin.write("no\n");
    expect(await answer).toBe("no");
    expect({ data: stdin.listenerCount("data"), end: stdin.listenerCount("end") }).toEqual(listeners);
    expect(stdin.isPaused()).toBe(true);
  });

  it("uses the real process by default and sees a pipe as no terminal", () => {
    const io = processIo();
    expect(io.env).toBe(process.env);
    expect(io.stdinIsTTY).toBe(process.stdin.isTTY === true);
  });
});

describe("processIo's drain", () => {
  /** A stdout whose writes complete only when `release` is called, like a pipe nobody reads. */
  function fullStdout(): { stream: Writable; release(): void } {
    const held: (() => void)[] = [];
    const stream = new Writable({
      highWaterMark: 4,
      write(_chunk, _encoding, callback) {
        held.push(() => callback());
      },
    });
    return { stream, release: () => held.splice(0).forEach((callback) => callback()) };
  }

  it("resolves at once while stdout has room", async () => {
    const io = processIo({ stdin: new PassThrough(), stdout: new PassThrough(), stderr: new PassThrough() }, {});
    io.stdout("ok");
    await io.drain();
  });

  it("waits while stdout is full, and resolves once it has drained", async () => {
    const stdout = fullStdout();
    const io = processIo({ stdin: new PassThrough(), stdout: stdout.stream, stderr: new PassThrough() }, {});
    io.stdout("more than four bytes");
    let drained = false;
    const waiting = io.drain().then(() => (drained = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(drained).toBe(false);
    stdout.release();
    await waiting;
    expect(drained).toBe(true);
  });

  it("stops listening to stdout once it has drained, so waits do not pile listeners up", async () => {
    const stdout = fullStdout();
    const io = processIo({ stdin: new PassThrough(), stdout: stdout.stream, stderr: new PassThrough() }, {});
    const counts = (): number[] => ["drain", "close", "error"].map((event) => stdout.stream.listenerCount(event));
    const before = counts();
    io.stdout("more than four bytes");
    const waiting = io.drain();
    expect(counts()).toEqual(before.map((count) => count + 1));
    stdout.release();
    await waiting;
    expect(counts()).toEqual(before);
  });

  it("ends the wait when stdout fails without ever closing", async () => {
    const held: (() => void)[] = [];
    // emitClose: false, as some streams have: after the error, no close follows.
    const stream = new Writable({ highWaterMark: 4, emitClose: false, write: (_chunk, _encoding, callback) => void held.push(callback) });
    const io = processIo({ stdin: new PassThrough(), stdout: stream, stderr: new PassThrough() }, {});
    io.stdout("more than four bytes");
    const waiting = io.drain();
    const failure = new Error("write EPIPE");
    stream.destroy(failure);
    await waiting;
    expect(stream.errored).toBe(failure);
    expect(stream.listenerCount("error")).toBe(0);
  });

  it("does not wait forever for a stdout that closed or was destroyed instead", async () => {
    const stdout = fullStdout();
    const io = processIo({ stdin: new PassThrough(), stdout: stdout.stream, stderr: new PassThrough() }, {});
    io.stdout("more than four bytes");
    const waiting = io.drain();
    stdout.stream.destroy();
    await waiting;
    await io.drain();
  });
});

describe("processIo's status line", () => {
  it("on a terminal's stderr, writes the fixed reset sequence and the text, in place", () => {
    const stderr = Object.assign(new PassThrough(), { isTTY: true });
    const stdout = new PassThrough();
    const err = collect(stderr);
    const out = collect(stdout);
    const io = processIo({ stdin: new PassThrough(), stdout, stderr }, {});
    expect(io.stderrIsTTY).toBe(true);
    io.status("page 1, 100 keys so far…");
    io.status("");
    expect(err()).toBe("\r\u001b[2Kpage 1, 100 keys so far…\r\u001b[2K");
    expect(out()).toBe("");
  });

  it("writes nothing when stderr is not a terminal", () => {
    const stderr = new PassThrough();
    const err = collect(stderr);
    const io = processIo({ stdin: new PassThrough(), stdout: new PassThrough(), stderr }, {});
    expect(io.stderrIsTTY).toBe(false);
    io.status("page 1");
    expect(err()).toBe("");
  });
});

describe("processIo's stopSignal", () => {
  it.each(["SIGINT", "SIGTERM"] as const)("resolves with %s when it comes first, and stops listening to both then", async (signal) => {
    const io = processIo({ stdin: new PassThrough(), stdout: new PassThrough(), stderr: new PassThrough() }, {});
    const listeners = (): { SIGINT: number; SIGTERM: number } => ({ SIGINT: process.listenerCount("SIGINT"), SIGTERM: process.listenerCount("SIGTERM") });
    const before = listeners();
    const stopped = io.stopSignal();
    expect(listeners()).toEqual({ SIGINT: before.SIGINT + 1, SIGTERM: before.SIGTERM + 1 });
    process.emit(signal, signal);
    expect(await stopped).toBe(signal);
    expect(listeners()).toEqual(before);
  });
});
