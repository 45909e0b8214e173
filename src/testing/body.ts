// Reading a request body with a size limit, from a Fetch Request (whichever adapter made it). A
// body over the limit is not read to its end: a declared Content-Length over it is refused before
// any byte is read, and a body without one is cancelled as soon as it passes the limit, so the
// emulator answers 413 at once. A body that cannot be read to its end (the client went away
// mid-body, the stream failed) is not an error for the emulator, only a request without an answer.

import { type ErrorReply, invalidParam } from "./mock-errors.js";

export type BodyResult =
  | { readonly kind: "complete"; readonly text: string }
  | { readonly kind: "too-large" }
  | { readonly kind: "unreadable"; readonly cause: unknown };

function ignore(): void {}

/** Reads the whole body as UTF-8 text, unless it is larger than `limit` bytes. */
export async function readBody(request: Request, limit: number): Promise<BodyResult> {
  const body = request.body;
  const declared = Number(request.headers.get("content-length"));
  if (declared > limit) {
    // Cancelling tells the source (the node adapter's socket) that no byte of it will be read.
    body?.cancel().catch(ignore);
    return { kind: "too-large" };
  }
  if (body === null) return { kind: "complete", text: "" };
  let size = 0;
  // Counted as it streams through; erroring the stream past the limit cancels the source too,
  // which is how the node adapter learns to stop reading the socket.
  const counted = body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        size += chunk.byteLength;
        if (size > limit) controller.error(TOO_LARGE);
        else controller.enqueue(chunk);
      },
    }),
  );
  let bytes: ArrayBuffer;
  try {
    bytes = await new Response(counted).arrayBuffer();
  } catch (cause) {
    return cause === TOO_LARGE ? { kind: "too-large" } : { kind: "unreadable", cause };
  }
  // Buffer rather than TextDecoder or Response.text(), which would drop a leading BOM: a body
  // starting with one is not JSON, and is refused as invalid_json as it always was.
  return { kind: "complete", text: Buffer.from(bytes).toString("utf8") };
}

const TOO_LARGE = Symbol("request body too large");

/** True when a Content-Type header names JSON (`application/json`, any parameters). */
export function isJsonContentType(header: string | undefined): boolean {
  if (header === undefined) return false;
  const semicolon = header.indexOf(";");
  const mediaType = (semicolon === -1 ? header : header.slice(0, semicolon)).trim().toLowerCase();
  return mediaType === "application/json" || (mediaType.startsWith("application/") && mediaType.endsWith("+json"));
}

/** The JSON value of a body that should be JSON, or the 400 to answer: wrong type, empty, or not JSON. */
export function parseJsonBody(contentType: string | undefined, text: string): { readonly value: unknown } | ErrorReply {
  if (!isJsonContentType(contentType)) {
    const got = contentType === undefined ? "no Content-Type" : `Content-Type ${JSON.stringify(contentType.slice(0, 60))}`;
    return invalidParam(null, `Send the request body as JSON with Content-Type: application/json; got ${got}.`, "unsupported_content_type");
  }
  if (text.trim() === "") return invalidParam(null, "The request body is empty; send a JSON object.", "invalid_body");
  try {
    return { value: JSON.parse(text) };
  } catch {
    // The parser's message quotes the body, which is not ours to echo.
    return invalidParam(null, "The request body is not valid JSON.", "invalid_json");
  }
}
