// Request ids in the real API's shape: `req_` and 32 hex digits. A random prefix tells two
// emulators apart and a counter the requests of one, so no two responses share an id.

import { randomBytes } from "node:crypto";

/** The x-request-id source of one emulator, shared by its core and its node:http adapter. */
export class MockRequestIds {
  readonly #prefix = `req_${randomBytes(4).toString("hex")}`;
  #count = 0;

  next(): string {
    this.#count++;
    return `${this.#prefix}${this.#count.toString(16).padStart(24, "0")}`;
  }
}
