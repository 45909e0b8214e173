// Reading a request body with a size limit. A body over the limit is not read to its end: the
// server stops taking data and answers 413 at once. A client that goes away mid-body is not an
// error for the server, only a request that ends without an answer.

import type { IncomingMessage } from "node:http";
import { type ErrorReply, invalidParam } from "./errors.js";

export type BodyResult =
  | { readonly kind: "complete"; readonly text: string }
  | { readonly kind: "too-large" }
  | { readonly kind: "aborted" };

/** Reads the whole body as UTF-8 text, unless it is larger than `limit` bytes. */
export function readBody(request: IncomingMessage, limit: number): Promise<BodyResult> {
  const declared = Number(request.headers["content-length"]);
  if (declared > limit) return Promise.resolve({ kind: "too-large" });
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (result: BodyResult): void => {
      request.off("data", onData);
      request.off("end", onEnd);
      request.off("close", onClose);
      resolve(result);
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > limit) {
        request.pause();
        finish({ kind: "too-large" });
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = (): void => finish({ kind: "complete", text: Buffer.concat(chunks, size).toString("utf8") });
    const onClose = (): void => finish({ kind: "aborted" });
    request.on("data", onData);
    request.on("end", onEnd);
    request.on("close", onClose);
  });
}

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
