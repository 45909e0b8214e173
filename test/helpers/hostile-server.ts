// Servers that speak the admin-keys API but put what a terminal must never see, or secrets, where
// a CLI prints: key names, owners, IDs, cursors, created and deleted IDs, error messages, status
// lines and headers. Built on the scripted node:http server (127.0.0.1, ephemeral port).

import type { ServerResponse } from "node:http";
import { type ScriptedServer, type SeenRequest, keyObject, sendJson, startServer } from "./scripted-server.js";

/** ESC [2J (clear screen), BEL, CSI (U+009B) 31m, a newline, RIGHT-TO-LEFT OVERRIDE, a lone surrogate. */
export const HOSTILE = "\u001b[2J\u0007\u009b31m\n\u202e\ud800";

/** HOSTILE as the CLI shows it on one line: every control U+FFFD, the printable rest unchanged. */
export const HOSTILE_SHOWN = "\uFFFD[2J\uFFFD\uFFFD31m\uFFFD\uFFFD\uFFFD";

/** What a cursor can hold and still be followed: HOSTILE without the lone surrogate (the client refuses one in `after`). */
export const HOSTILE_CURSOR = "\u001b[2J\u0007\u009b31m\n\u202e";

/** HOSTILE_CURSOR as the CLI shows it on one line. */
export const HOSTILE_CURSOR_SHOWN = "\uFFFD[2J\uFFFD\uFFFD31m\uFFFD\uFFFD";

/**
 * What a header or status line can carry to a client (fetch refuses C0 controls and DEL there, and
 * node:http characters above U+00FF): CSI (U+009B), a tab and NEL (U+0085). node:http sends them
 * as UTF-8; fetch reads a header as latin1 (so each C1 control arrives after an `Â`) and the status
 * line as UTF-8 (so it arrives as sent).
 */
export const HOSTILE_HEADER = "\u009b2J\t\u0085";

/** The Authorization header's token, as a hostile server would echo it. */
export function bearerOf(request: SeenRequest): string {
  const header = request.headers.authorization;
  return typeof header === "string" ? header : "";
}

/** What a hostile data server puts into the fields of its answers. */
export interface HostileData {
  /** Put into every name, owner, ID and message; it may depend on the request (an echo). */
  text(request: SeenRequest): string;
  /** Put into the first page's `last_id`, which `list --all` follows. Default: `text`. */
  cursor?(request: SeenRequest): string;
  /** The created key's secret. */
  readonly value: string;
  /** Put into the created key's ID and name besides `text`. Default: nothing. */
  createdExtra?: string;
}

/** The keys a hostile data server lists, for one request. */
export function hostileKeys(data: HostileData, request: SeenRequest): Record<string, unknown>[] {
  const text = data.text(request);
  return ["one", "two", "three"].map((label) => ({
    ...keyObject(`key_${label}${text}`, `name${text}${label}`),
    owner: { type: "user", object: "organization.user", id: `user${text}${label}`, name: `owner${text}${label}`, created_at: 1711471533, role: "owner" },
  }));
}

/** The key a hostile data server creates, for one request. */
export function hostileCreated(data: HostileData, request: SeenRequest): Record<string, unknown> {
  const text = data.text(request);
  const extra = data.createdExtra ?? "";
  return { ...keyObject(`key_new${text}${extra}`, `new${text}${extra}name`), value: data.value };
}

/** What a hostile data server answers a delete with, for one request. */
export function hostileDeleted(data: HostileData, request: SeenRequest): Record<string, unknown> {
  return { id: `key_gone${data.text(request)}`, object: "organization.admin_api_key.deleted", deleted: true };
}

const LIST_PATH = "/v1/organization/admin_api_keys";

/**
 * A server whose successful answers carry `data.text` in every field a CLI prints: two pages of
 * keys (the first's `last_id` is `data.cursor`), a key for any ID (a 404 whose message holds the
 * text for the demo's missing key), a created key and a deletion.
 */
export function startHostileDataServer(data: HostileData): Promise<ScriptedServer> {
  return startServer((request, res) => {
    const url = new URL(request.url, "http://127.0.0.1");
    const keys = hostileKeys(data, request);
    const cursor = `cursor${(data.cursor ?? data.text)(request)}`;
    if (url.pathname === LIST_PATH && request.method === "GET") {
      const after = url.searchParams.get("after");
      if (after === null) return sendJson(res, 200, { object: "list", data: keys.slice(0, 2), first_id: keys[0]?.["id"], last_id: cursor, has_more: true });
      if (after === cursor) return sendJson(res, 200, { object: "list", data: keys.slice(2), first_id: keys[2]?.["id"], last_id: keys[2]?.["id"], has_more: false });
      return sendJson(res, 400, { error: { message: `unknown cursor ${JSON.stringify(after)}`, type: "invalid_request_error", param: "after", code: null } });
    }
    if (url.pathname === LIST_PATH && request.method === "POST") return sendJson(res, 200, hostileCreated(data, request));
    if (url.pathname.startsWith(`${LIST_PATH}/`) && request.method === "GET") {
      if (url.pathname.endsWith("/key_admin_keys_demo_missing")) {
        return sendJson(res, 404, { error: { message: `No key here${data.text(request)}.`, type: "invalid_request_error", param: null, code: null } });
      }
      return sendJson(res, 200, keys[0]);
    }
    if (url.pathname.startsWith(`${LIST_PATH}/`) && request.method === "DELETE") return sendJson(res, 200, hostileDeleted(data, request));
    return sendJson(res, 404, { error: { message: "no such route", type: "invalid_request_error", param: null, code: null } });
  });
}

/** How a hostile error server fails every request. */
export interface HostileErrors {
  /** A status the client does not retry (4xx other than 408, 409 and 429). */
  readonly status: number;
  /** `json`: the documented error body; `text`: a text/plain body, so the message quotes the status line and body. */
  readonly body: "json" | "text";
  /** The error message (json) or the body (text). */
  message(request: SeenRequest): string;
  /** The status line's reason phrase (see HOSTILE_HEADER for what it can hold). */
  statusText(request: SeenRequest): string;
  /** The `x-request-id` and any other headers (see HOSTILE_HEADER for what they can hold). */
  headers(request: SeenRequest): Record<string, string>;
}

function sendFailure(res: ServerResponse, errors: HostileErrors, request: SeenRequest): void {
  const message = errors.message(request);
  const text = errors.body === "json" ? JSON.stringify({ error: { message, type: "invalid_request_error", param: null, code: null } }) : message;
  const contentType = errors.body === "json" ? "application/json" : "text/plain; charset=utf-8";
  res.writeHead(errors.status, errors.statusText(request), { "content-type": contentType, "content-length": Buffer.byteLength(text), ...errors.headers(request) });
  res.end(text);
}

/** A server that fails every request the way `errors` says. */
export function startHostileErrorServer(errors: HostileErrors): Promise<ScriptedServer> {
  return startServer((request, res) => sendFailure(res, errors, request));
}
