// Progress of a long listing (`list --all`, `audit`) on a terminal: one status line on stderr,
// redrawn in place after each page and cleared at the end, so it never mixes with the data.
//
// Why it takes this path: everything the CLI writes passes the output sink, which turns control
// characters into U+FFFD, so a `\r` or an escape written as text could never move the cursor. The
// status line goes through `io.status` instead, a narrow channel whose text the sink sanitizes
// like any other and whose in-place escapes are one constant added below the sink, by processIo,
// only when stderr is a terminal. The text itself is built here from counts alone: no name, id or
// message from a server is ever part of it.

import type { CliIo } from "./io.js";

/** What the status line counts. */
export interface ProgressCounts {
  readonly pages: number;
  readonly keys: number;
  /** Shown when given (audit). */
  readonly findings?: number;
}

/** A listing's status line. */
export interface ListingProgress {
  /** Takes the line away, before data is printed (stdout and stderr share the terminal). */
  hide(): void;
  /** Shows the counts so far. */
  show(counts: ProgressCounts): void;
  /** Clears the line for good; safe to call twice. */
  end(): void;
}

const grouped = new Intl.NumberFormat("en-US");

function line(verb: string, counts: ProgressCounts): string {
  const findings = counts.findings === undefined ? "" : `, ${grouped.format(counts.findings)} finding${counts.findings === 1 ? "" : "s"}`;
  return `${verb}: page ${grouped.format(counts.pages)}, ${grouped.format(counts.keys)} key${counts.keys === 1 ? "" : "s"}${findings} so far…`;
}

/**
 * The status line of a listing, or one that does nothing when stderr is not a terminal (a log
 * file or a pipe would only collect the half-lines).
 *
 * @example
 * ```ts
 * const progress = listingProgress(io, "listing");
 * for await (const page of keys.pages(query)) {
 *   progress.hide();
 *   writer.page(page.data);
 *   progress.show({ pages: ++pages, keys: (total += page.data.length) });
 * }
 * progress.end();
 * ```
 */
export function listingProgress(io: CliIo, verb: "listing" | "auditing"): ListingProgress {
  let shown = false;
  const hide = (): void => {
    if (!shown) return;
    io.status("");
    shown = false;
  };
  if (!io.stderrIsTTY) return { hide() {}, show() {}, end() {} };
  return {
    hide,
    show(counts) {
      io.status(line(verb, counts));
      shown = true;
    },
    end: hide,
  };
}
