// admin-keys list: one page (or every page with --all) as a table, one JSON document or JSON
// Lines. With --all each page is printed as it arrives and the next is fetched only once stdout
// has taken it, so memory holds one page however many keys there are and however slow the reader.

import type { AdminApiKeyListParams } from "../../index.js";
import { UsageError, parseInteger, stringFlag } from "../args.js";
import type { CommandContext } from "../context.js";
import { clean } from "../format.js";
import { type ListingFormat, listingWriter } from "../list-output.js";
import { jsonText } from "../json.js";
import { listingProgress } from "../progress.js";

function formatOf(context: CommandContext): ListingFormat {
  const { flags, usage } = context;
  if (flags["json"] === true && flags["jsonl"] === true) throw new UsageError("--json and --jsonl cannot be combined; pick one.", usage);
  if (flags["json"] === true) return "json";
  return flags["jsonl"] === true ? "jsonl" : "table";
}

/** The query the flags ask for. Only the notation is read here; what is allowed, the client checks. */
function queryOf(context: CommandContext): AdminApiKeyListParams {
  const { flags, usage } = context;
  // A flag not given stays undefined, which the client reads as not given.
  const query: AdminApiKeyListParams = { after: stringFlag(flags, "after") };
  const limit = stringFlag(flags, "limit");
  if (limit !== undefined) query.limit = parseInteger("limit", limit, usage);
  // The text goes to the client as typed: it knows the allowed orders (from the spec) and refuses
  // any other with an InvalidParameterError, which the reporter words as `--order must be …`.
  return Object.assign(query, { order: stringFlag(flags, "order") });
}

/**
 * `admin-keys list`: prints the page the flags name, or with --all every page as it arrives.
 *
 * @example
 * ```ts
 * const code = await list(commandContext(io, { all: true, jsonl: true }, [], COMMANDS.list.usage));
 * ```
 */
export async function list(context: CommandContext): Promise<number> {
  const { flags, io } = context;
  const format = formatOf(context);
  const query = queryOf(context);
  const keys = context.keys();

  if (flags["all"] !== true) {
    const page = await keys.page(query);
    if (format === "json") {
      io.stdout(`${jsonText(page, 2)}\n`);
      return 0;
    }
    // Stryker disable next-line ObjectLiteral: the writers only test `count` for truth, and {} leaves it undefined, which tests as false does
    const writer = listingWriter(format, io, { count: false });
    writer.page(page.data);
    writer.end();
    if (page.has_more) {
      // The cursor the client itself goes on from: the page's last_id, or its last key's id when the
      // server sent none or an empty one.
      // Stryker disable next-line OptionalChaining,StringLiteral: the client refuses a page that says has_more without keys or a cursor (PaginationError), so the last key and a non-empty cursor are always there
      const next = clean(page.last_id || page.data.at(-1)?.id || "");
      const hint = `More keys follow: use --all, or --after ${next} for the next page.\n`;
      // JSON Lines on stdout are data only; the hint is for the person reading the terminal.
      if (format === "jsonl") io.stderr(hint);
      else io.stdout(`\n${hint}`);
    }
    return 0;
  }

  const writer = listingWriter(format, io, { count: true });
  // On a terminal, stderr shows how far the listing has got; never on stdout, never in a pipe.
  const progress = listingProgress(io, "listing");
  let pages = 0;
  let total = 0;
  try {
    // pages() fetches the next page only when asked for it, after this one is written and drained.
    for await (const page of keys.pages(query)) {
      progress.hide();
      writer.page(page.data);
      await io.drain();
      progress.show({ pages: ++pages, keys: (total += page.data.length) });
    }
  } finally {
    progress.end();
  }
  writer.end();
  return 0;
}
