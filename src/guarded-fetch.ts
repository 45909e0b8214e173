// The door every answer passes before the client uses it. The fetch handed to openapi-fetch for
// `adminApiKeys` lets only a 2xx through, with its body unread; anything else ends the attempt
// here with the error to throw: a redirect is refused (following it would carry the admin key and
// a create's body elsewhere), and an error answer is read under the size limit and turned into the
// error for its status. Bodies are read by `readBody`, which stops the download at the limit.

import type { APIError } from "./errors.js";
import {
  errorFromOversizedBody,
  errorFromStatus,
  errorFromUnexpectedStatus,
  errorFromUnreadableBody,
} from "./exchange-errors.js";
import type { Redact } from "./redact.js";
import type { Failure } from "./retry.js";

/**
 * Ends an attempt with a known outcome from inside openapi-fetch's call, which passes it on as
 * thrown. Internal: the attempt loop unwraps it and never lets it reach a caller.
 */
export class AttemptFailure extends Error {
  readonly error: APIError;
  readonly failure: Failure;

  constructor(error: APIError, failure: Failure) {
    super(error.message);
    this.error = error;
    this.failure = failure;
  }
}
AttemptFailure.prototype.name = "AttemptFailure";

const decoder = new TextDecoder();

// A body that came in one chunk is copied too: that costs about 0.2 µs for one key's JSON, and a
// page of keys arrives in several chunks anyway.
function concat(chunks: readonly Uint8Array[], size: number): Uint8Array {
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/**
 * Reads a body as UTF-8 text, at most `limitBytes` of it (counted after any content decoding).
 * Past the limit the stream is cancelled, which ends the download, and an {@link AttemptFailure}
 * with a `ResponseTooLargeError` is thrown; it is never retried. A body that breaks off or does
 * not decode keeps the status that arrived and is retried only as that status allows. When
 * `signal` has aborted (our timeout, the caller's abort) the read error is passed on as it is.
 */
export async function readBody(
  response: Response,
  body: ReadableStream<Uint8Array> | null,
  limitBytes: number,
  signal: AbortSignal,
  redact: Redact,
): Promise<string> {
  if (body === null) return "";
  if (declaredTooLarge(response, limitBytes)) {
    body.cancel().catch(ignore);
    throw new AttemptFailure(errorFromOversizedBody(response, limitBytes, redact), { kind: "refused" });
  }
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > limitBytes) {
        reader.cancel().catch(ignore);
        throw new AttemptFailure(errorFromOversizedBody(response, limitBytes, redact), { kind: "refused" });
      }
      chunks.push(value);
    }
  } catch (thrown) {
    if (thrown instanceof AttemptFailure || signal.aborted) throw thrown;
    const error = errorFromUnreadableBody(response, thrown, redact);
    throw new AttemptFailure(error, { kind: "status", status: response.status, headers: response.headers });
  }
  return decoder.decode(concat(chunks, size));
}

function ignore(): void {}

/** True when an unencoded body says up front that it is over the limit: then none of it is read. */
function declaredTooLarge(response: Response, limitBytes: number): boolean {
  const encoding = response.headers.get("content-encoding");
  // A missing Content-Length reads as Number(null), which is 0: never over a limit of at least 1 byte.
  return (encoding === null || encoding === "identity") && Number(response.headers.get("content-length")) > limitBytes;
}

// An empty body comes back as "", which errorFromStatus describes as an empty body.
function parseErrorBody(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** A fetch for openapi-fetch that resolves only with a 2xx, body unread; see the file's comment. */
export function guardedFetch(
  userFetch: (request: Request) => Promise<Response>,
  limitBytes: number,
  redact: Redact,
): (request: Request) => Promise<Response> {
  return async (request) => {
    const response = await userFetch(request);
    const { status } = response;
    if (response.ok && !response.redirected) return response;
    if (status < 400 || status > 599 || response.redirected) {
      response.body?.cancel().catch(ignore);
      throw new AttemptFailure(errorFromUnexpectedStatus(response, redact), { kind: "refused" });
    }
    const text = await readBody(response, response.body, limitBytes, request.signal, redact);
    const error = errorFromStatus(response, parseErrorBody(text), redact);
    throw new AttemptFailure(error, { kind: "status", status, headers: response.headers });
  };
}
