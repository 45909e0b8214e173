// Run as a child process (node --import tsx) with a base URL: makes the calls of the "leaves no
// timer behind" test and prints the process's timers before and after. Alone in its process, the
// client is the only thing that could add a timer, so the count measures the client's timers only.

import { createAdminKeysClient } from "../../src/index.js";

const baseUrl = process.argv[2] ?? "";
const timers = (): number => process.getActiveResourcesInfo().filter((kind) => kind === "Timeout").length;
const settled = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

const client = createAdminKeysClient({ apiKey: "sk-admin-timers", baseUrl, timeoutMs: 30_000, maxRetries: 0 });
// One call first, so whatever fetch sets up once per process is there before counting.
await client.adminApiKeys.retrieve("key_1");
await settled();
const before = timers();
await client.adminApiKeys.retrieve("key_1");
await client.adminApiKeys.retrieve("bad").catch(() => undefined);
await client.adminApiKeys.retrieve("key_1", { signal: new AbortController().signal });
await client.adminApiKeys.list().toArray();
await client.adminApiKeys.create({ name: "timers" }).catch(() => undefined);
await settled();
const during = timers();
process.stdout.write(`${JSON.stringify({ before, after: during })}\n`);
// A leaked timer would keep this process alive for 30 s; the parent is answered now either way.
process.exit(0);
