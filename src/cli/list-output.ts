// How `list` prints keys as they arrive, a page at a time, without holding more than the page in
// hand: as a table, as one JSON document, or as JSON Lines. Each writer is told about every page
// in turn and then that the listing is complete; a listing that fails halfway is never completed,
// so what was printed stays and nothing pretends to be whole (the JSON document stays unclosed).

import type { AdminApiKey } from "../index.js";
import type { CliIo } from "./io.js";
import { jsonText } from "./json.js";
import { KEY_TABLE_HEADER, columnWidths, keyRow, tableLine } from "./format.js";

/** Receives a listing page by page. */
export interface ListingWriter {
  /** Prints one page of keys, in one write. */
  page(keys: readonly AdminApiKey[]): void;
  /** Prints what follows the last page. Not called when the listing failed. */
  end(): void;
}

/** The forms `list` prints in. */
export type ListingFormat = "table" | "json" | "jsonl";

/**
 * An aligned table. Column widths come from the header and the first page that has keys, and stay
 * fixed: later pages are printed as they arrive, without the rows of the pages after them. A later
 * cell wider than its column (an unusually long name) is printed whole and shifts the rest of its
 * own line. With `count`, the end says how many keys there were.
 *
 * @example
 * ```ts
 * const writer = tableWriter(io, { count: true });
 * writer.page(page.data);
 * writer.end(); // "\n42 keys.\n"
 * ```
 */
export function tableWriter(io: CliIo, options: { readonly count: boolean }): ListingWriter {
  let widths: number[] | undefined;
  let total = 0;
  return {
    page(keys) {
      if (keys.length === 0) return;
      const rows = keys.map((key) => keyRow(key, io.now()));
      let text = "";
      if (widths === undefined) {
        widths = columnWidths(KEY_TABLE_HEADER, rows);
        text = `${tableLine(widths, KEY_TABLE_HEADER)}\n`;
      }
      const fixed = widths;
      text += rows.map((row) => `${tableLine(fixed, row)}\n`).join("");
      total += keys.length;
      io.stdout(text);
    },
    end() {
      if (total === 0) io.stdout("No admin API keys.\n");
      else if (options.count) io.stdout(`\n${total} key${total === 1 ? "" : "s"}.\n`);
    },
  };
}

/** A key as an element of the document's `data` array: indented as `JSON.stringify(document, null, 2)` would. */
function element(key: AdminApiKey): string {
  // JSON.stringify writes a newline only between tokens (one inside a string is escaped), so
  // indenting after each newline indents the structure and leaves the values alone.
  return `    ${jsonText(key, 2).replaceAll("\n", "\n    ")}`;
}

/**
 * One JSON document of every key, `{"object":"list","data":[…],"first_id":…,"last_id":…,"has_more":false}`,
 * written incrementally: the opening and each page's keys as they arrive, the closing with the
 * first and last IDs at the end. Byte for byte what `JSON.stringify(document, null, 2)` gives.
 *
 * @example
 * ```ts
 * const writer = jsonDocumentWriter(io);
 * for await (const page of client.adminApiKeys.list().pages()) writer.page(page.data);
 * writer.end();
 * ```
 */
export function jsonDocumentWriter(io: CliIo): ListingWriter {
  let opened = false;
  let anyKeys = false;
  // From a server, so checked: a key without a string id leaves the ID null, as JSON.stringify would.
  let firstId: string | null = null;
  let lastId: string | null = null;
  const open = (): string => {
    if (opened) return "";
    opened = true;
    return '{\n  "object": "list",\n  "data": [';
  };
  const idOf = (key: AdminApiKey): string | null => (typeof key.id === "string" ? key.id : null);
  return {
    page(keys) {
      const first = keys[0];
      // An empty page adds nothing.
      if (first === undefined) return;
      // A page with a first key has a last one; `?? first` only tells TypeScript so.
      const last = keys.at(-1) ?? first;
      const separator = anyKeys ? ",\n" : "\n";
      if (!anyKeys) firstId = idOf(first);
      lastId = idOf(last);
      anyKeys = true;
      io.stdout(`${open()}${separator}${keys.map(element).join(",\n")}`);
    },
    end() {
      const closing = `${anyKeys ? "\n  " : ""}],\n  "first_id": ${jsonText(firstId)},\n  "last_id": ${jsonText(lastId)},\n  "has_more": false\n}\n`;
      io.stdout(`${open()}${closing}`);
    },
  };
}

/**
 * JSON Lines: each key on a line of its own, as compact JSON. Nothing before or after the keys.
 *
 * @example
 * ```ts
 * jsonLinesWriter(io).page(page.data); // {"object":"organization.admin_api_key","id":"key_…",…}\n…
 * ```
 */
export function jsonLinesWriter(io: CliIo): ListingWriter {
  return {
    page(keys) {
      // A page without keys writes the empty string, which prints nothing.
      io.stdout(keys.map((key) => `${jsonText(key)}\n`).join(""));
    },
    end() {},
  };
}

/**
 * The writer for a format.
 *
 * @example
 * ```ts
 * const writer = listingWriter("jsonl", io, { count: false });
 * ```
 */
export function listingWriter(format: ListingFormat, io: CliIo, options: { readonly count: boolean }): ListingWriter {
  switch (format) {
    case "table":
      return tableWriter(io, options);
    case "json":
      return jsonDocumentWriter(io);
    case "jsonl":
      return jsonLinesWriter(io);
  }
}
