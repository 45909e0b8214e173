// admin-keys list: one page (or every page with --all) as a table or one JSON document.

import { operationConstraints } from "../../../generated/client.js";
import type { AdminApiKey, AdminApiKeyListParams } from "../../index.js";
import { UsageError, parseInteger, stringFlag } from "../args.js";
import type { CommandContext } from "../context.js";
import { keyTable } from "../format.js";

const ORDERS = operationConstraints.adminApiKeysList.query.order.enum;
type Order = (typeof ORDERS)[number];

function isOrder(value: string): value is Order {
  return ORDERS.some((allowed) => allowed === value);
}

export async function list(context: CommandContext): Promise<number> {
  const { flags, io, usage } = context;
  const query: AdminApiKeyListParams = {};
  const limit = stringFlag(flags, "limit");
  if (limit !== undefined) query.limit = parseInteger("limit", limit, usage);
  const order = stringFlag(flags, "order");
  if (order !== undefined) {
    if (!isOrder(order)) throw new UsageError(`--order must be one of ${ORDERS.join(", ")}; got ${JSON.stringify(order)}.`, usage);
    query.order = order;
  }
  const after = stringFlag(flags, "after");
  if (after !== undefined) query.after = after;
  const client = context.client();
  const json = flags["json"] === true;

  if (flags["all"] !== true) {
    const page = await client.adminApiKeys.list(query);
    if (json) {
      io.stdout(`${JSON.stringify(page, null, 2)}\n`);
      return 0;
    }
    io.stdout(page.data.length === 0 ? "No admin API keys.\n" : keyTable(page.data, io.now()));
    if (page.has_more) io.stdout(`\nMore keys follow: use --all, or --after ${page.last_id ?? ""} for the next page.\n`);
    return 0;
  }

  const keys: AdminApiKey[] = [];
  for await (const key of client.adminApiKeys.list(query)) keys.push(key);
  if (json) {
    const document = { object: "list", data: keys, first_id: keys[0]?.id ?? null, last_id: keys.at(-1)?.id ?? null, has_more: false };
    io.stdout(`${JSON.stringify(document, null, 2)}\n`);
    return 0;
  }
  io.stdout(keys.length === 0 ? "No admin API keys.\n" : `${keyTable(keys, io.now())}\n${keys.length} key${keys.length === 1 ? "" : "s"}.\n`);
  return 0;
}
