// The watch loop's docs server, on 127.0.0.1 only: the pages in docs/ as the docs build wrote
// them, each HTML page with a few lines of script added on the way out (never on disk: docs/
// stays what `npm run docs` would publish) that listen on /__dev/events, a server-sent event
// stream, and reload the page when a save was built. A refused save is sent too, and the page
// logs its problems to the console, so a reader looking at the docs knows they are stale.

import { readFile } from "node:fs/promises";
import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join } from "node:path";

export const EVENTS_PATH = "/__dev/events";

const RELOAD_SCRIPT = `<script>/* added by npm run dev; not in docs/ */
(() => {
  const events = new EventSource(${JSON.stringify(EVENTS_PATH)});
  events.addEventListener("reload", () => location.reload());
  events.addEventListener("refused", (event) => console.warn("npm run dev: the last save was refused; these docs are the last good ones.\\n" + JSON.parse(event.data).problems.join("\\n")));
})();
</script>`;

const TYPES: Readonly<Record<string, string>> = { ".html": "text/html; charset=utf-8", ".md": "text/markdown; charset=utf-8", ".json": "application/json", ".svg": "image/svg+xml" };

export interface DevServer {
  readonly url: string;
  /** Sends an event to every page listening; returns how many were. */
  send(event: "reload" | "refused", data: unknown): number;
  close(): Promise<void>;
}

/** Adds the reload script to a page, before </body> when it has one. */
export function withReloadScript(html: string): string {
  const at = html.lastIndexOf("</body>");
  return at < 0 ? `${html}\n${RELOAD_SCRIPT}\n` : `${html.slice(0, at)}${RELOAD_SCRIPT}\n${html.slice(at)}`;
}

export async function startDevServer(docsDir: string, port: number): Promise<DevServer> {
  const listeners = new Set<ServerResponse>();
  const server = createServer((request, response) => {
    let path: string;
    try {
      path = decodeURIComponent((request.url ?? "/").split("?")[0] ?? "/");
    } catch {
      response.writeHead(400, { "content-type": "text/plain" }).end("Bad request: the path is not valid percent-encoding.\n");
      return;
    }
    if (request.method !== "GET" && request.method !== "HEAD") {
      response.writeHead(405, { allow: "GET, HEAD" }).end();
      return;
    }
    if (path === EVENTS_PATH) {
      response.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-store", connection: "keep-alive" });
      // The comment tells a client it is connected; `retry` makes a page reconnect quickly after a restart.
      response.write("retry: 1000\n: connected\n\n");
      listeners.add(response);
      request.once("close", () => listeners.delete(response));
      return;
    }
    const name = path === "/" ? "index.html" : path.slice(1);
    // Files directly in docs/, by plain names only: nothing outside it can be asked for.
    if (!/^[\w][\w.-]*$/.test(name)) {
      response.writeHead(404, { "content-type": "text/plain" }).end("Not found: the docs are at /\n");
      return;
    }
    readFile(join(docsDir, name)).then(
      (body) => {
        const type = TYPES[extname(name)] ?? "application/octet-stream";
        const served = type.startsWith("text/html") ? withReloadScript(body.toString("utf8")) : body;
        response.writeHead(200, { "content-type": type, "cache-control": "no-store" });
        response.end(request.method === "HEAD" ? undefined : served);
      },
      () => {
        const missing = name === "index.html" ? "No docs yet: the first good save builds them; this page reloads then.\n" : "Not found.\n";
        const body = name === "index.html" ? withReloadScript(`<!doctype html><title>npm run dev</title><p>${missing}</p>`) : missing;
        response.writeHead(404, { "content-type": name === "index.html" ? TYPES[".html"] : "text/plain" }).end(body);
      },
    );
  });
  // Keeps intermediaries and idle timeouts from closing a quiet event stream.
  const heartbeat = setInterval(() => {
    for (const listener of listeners) listener.write(": ping\n\n");
  }, 15_000);
  heartbeat.unref();

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  const { port: actual } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${actual}/`,
    send(event, data) {
      for (const listener of listeners) listener.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
      return listeners.size;
    },
    async close() {
      clearInterval(heartbeat);
      for (const listener of listeners) listener.end();
      listeners.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
