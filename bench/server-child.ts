// The child side of server-process.ts: a startMockServer seeded with argv[2] keys, answering the
// parent's questions over IPC until the parent disconnects.

import { startMockServer } from "../src/testing/index.js";
import type { ServerAnswer, ServerQuestion } from "./server-process.js";

const keys = Number(process.argv[2] ?? 0);
// recordLimit 0: counts stay exact, but no request records pile up over 100,000 requests.
const server = await startMockServer({ seed: keys, recordLimit: 0 });

function answer(message: ServerAnswer): void {
  process.send?.(message);
}

process.on("message", (question: ServerQuestion) => {
  switch (question.op) {
    case "ids":
      answer({ op: "ids", ids: server.store.list().slice(0, question.count).map((key) => key.id) });
      break;
    case "count":
      answer({ op: "count", count: server.requests.count(question.route) });
      break;
    case "reset":
      server.requests.clear();
      answer({ op: "reset" });
      break;
  }
});
process.on("disconnect", () => void server.close().then(() => process.exit(0)));
answer({ op: "ready", url: server.url, apiKey: server.apiKey, keys: server.store.size });
