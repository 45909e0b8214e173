// How the emulator's fetch fails when there is no answer to give, in the shape Node's own fetch
// (undici) gives a failed exchange: a TypeError "fetch failed" whose `cause` carries an error code.
// Code that tells network failures apart by `error.cause.code` (the client's retry rules do: a
// refused connection may be retried even for a create, a reset one may not) then sees in-process
// what it would see over a socket.

/** Why an exchange ended without an answer. */
export type MockNetworkFailureReason =
  /** A scripted `drop` fault: the connection is reset after the request arrived. */
  | "dropped"
  /** The emulator closed while the request was waiting (a delay, or a drop's delayMs). */
  | "closed"
  /** The emulator had closed before the request: nothing is listening. */
  | "refused";

const CAUSES: Readonly<Record<MockNetworkFailureReason, { readonly code: string; readonly message: string }>> = {
  dropped: { code: "UND_ERR_SOCKET", message: "other side closed (the mock API dropped the connection: a scripted drop fault)" },
  closed: { code: "UND_ERR_SOCKET", message: "other side closed (the mock API was closed while the request waited)" },
  refused: { code: "ECONNREFUSED", message: "connect ECONNREFUSED (the mock API is closed)" },
};

/** The error a socket-level failure surfaces as. `reason` says which, for the adapters and tests. */
export class MockNetworkFailure extends TypeError {
  readonly reason: MockNetworkFailureReason;

  constructor(reason: MockNetworkFailureReason) {
    const { code, message } = CAUSES[reason];
    super("fetch failed", { cause: Object.assign(new Error(message), { code }) });
    this.reason = reason;
  }
}
MockNetworkFailure.prototype.name = "TypeError";

/**
 * A request body that could not be read to its end (its stream failed, or the client went away
 * mid-body): fetch rejects with a TypeError whose cause is the stream's own error.
 */
export function requestBodyFailure(cause: unknown): TypeError {
  return new TypeError("fetch failed: the request body could not be read", { cause });
}
