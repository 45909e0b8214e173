// One contender in a process of its own: the process the benchmark measures. Plain Node on the
// built package (dist/, imported by its public name like any user would), without the tsx loader,
// and with only this contender's code loaded, so no contender shares a JIT or a connection pool
// with another.
//
//   node bench/contender.mjs <contender> <baseUrl> <apiKey>            retrieve, commanded over IPC
//   node bench/contender.mjs <contender> <baseUrl> <apiKey> --list=100  list every key, report (over
//        IPC, or on stdout when started without it), exit
//   node bench/contender.mjs <contender> <baseUrl> <apiKey> --retrieve=N  N retrieves 16 in flight,
//        print the times, exit (for `node --cpu-prof`: see bench/profile.ts)
//
// Each contender does the same job a careful caller would: check the status, parse the JSON, hand
// back the key or every key across pages with `for await`.

const [name, baseUrl, apiKey, ...flags] = process.argv.slice(2);
const KEYS_PATH = "/organization/admin_api_keys";
// Node loads its fetch (undici) on first use of the global Request; some clients touch it when
// constructed, plain fetch only on its first call. Loading it here, before anything is measured,
// makes "RSS before listing" mean the same for every contender.
void globalThis.Request;

/** A retrieve function and a list iterable, for the contender named. Only its module is imported. */
async function makeContender(contender) {
  switch (contender) {
    case "plain fetch": {
      const headers = { authorization: `Bearer ${apiKey}` };
      const get = async (path) => {
        const response = await fetch(`${baseUrl}${path}`, { headers });
        if (!response.ok) throw new Error(`GET ${path}: HTTP ${response.status}`);
        return response.json();
      };
      return {
        retrieve: (id) => get(`${KEYS_PATH}/${encodeURIComponent(id)}`),
        async *list(limit) {
          for (let after = ""; ; ) {
            const page = await get(`${KEYS_PATH}?limit=${limit}${after}`);
            yield* page.data;
            if (!page.has_more) return;
            after = `&after=${encodeURIComponent(page.last_id)}`;
          }
        },
      };
    }
    case "plain fetch + timeout": {
      // What a timeout costs on its own: one AbortController and one timer per request.
      const headers = { authorization: `Bearer ${apiKey}` };
      const abort = (controller) => controller.abort();
      return {
        async retrieve(id) {
          const controller = new AbortController();
          const timer = setTimeout(abort, 60_000, controller);
          try {
            const response = await fetch(`${baseUrl}${KEYS_PATH}/${encodeURIComponent(id)}`, { headers, signal: controller.signal });
            if (!response.ok) throw new Error(`GET ${id}: HTTP ${response.status}`);
            return await response.json();
          } finally {
            clearTimeout(timer);
          }
        },
      };
    }
    case "bare openapi-fetch": {
      const { default: createClient } = await import("openapi-fetch");
      const client = createClient({ baseUrl, headers: { Authorization: `Bearer ${apiKey}` } });
      const settle = ({ data, error, response }) => {
        if (error !== undefined) throw new Error(`HTTP ${response.status}`);
        return data;
      };
      return {
        retrieve: async (id) => settle(await client.GET(`${KEYS_PATH}/{key_id}`, { params: { path: { key_id: id } } })),
        async *list(limit) {
          for (let after; ; ) {
            const page = settle(await client.GET(KEYS_PATH, { params: { query: { limit, after } } }));
            yield* page.data;
            if (!page.has_more) return;
            after = page.last_id;
          }
        },
      };
    }
    case "openai-admin-keys": {
      const { createAdminKeysClient } = await import("openai-admin-keys");
      const { adminApiKeys } = createAdminKeysClient({ apiKey, baseUrl });
      return { retrieve: (id) => adminApiKeys.retrieve(id), list: (limit) => adminApiKeys.list({ limit }) };
    }
    case "openai-admin-keys .withResponse()": {
      const { createAdminKeysClient } = await import("openai-admin-keys");
      const { adminApiKeys } = createAdminKeysClient({ apiKey, baseUrl });
      return { retrieve: async (id) => (await adminApiKeys.retrieve(id).withResponse()).data };
    }
    case "openai SDK": {
      const { default: OpenAI } = await import("openai");
      const { adminAPIKeys } = new OpenAI({ adminAPIKey: apiKey, baseURL: baseUrl }).admin.organization;
      return { retrieve: (id) => adminAPIKeys.retrieve(id), list: (limit) => adminAPIKeys.list({ limit }) };
    }
    default: {
      // An earlier build of ours (bench/versions.ts): "openai-admin-keys @<commit> (…)".
      const earlier = /^openai-admin-keys @([0-9a-f]+) /.exec(contender);
      if (earlier === null) throw new Error(`unknown contender ${JSON.stringify(contender)}`);
      const { pathToFileURL } = await import("node:url");
      const entry = new URL(`.tmp/bench/versions/${earlier[1]}/dist/src/index.js`, pathToFileURL(`${process.cwd()}/`));
      const { createAdminKeysClient } = await import(entry.href);
      const { adminApiKeys } = createAdminKeysClient({ apiKey, baseUrl });
      return { retrieve: (id) => adminApiKeys.retrieve(id), list: (limit) => adminApiKeys.list({ limit }) };
    }
  }
}

function cpuMicros(since) {
  const { user, system } = process.cpuUsage(since);
  return user + system;
}

/** `requests` retrieves over `ids`, `inFlight` at a time; the wall time and this process's CPU time. */
async function retrieveRun(contender, ids, requests, inFlight) {
  let next = 0;
  const worker = async () => {
    while (next < requests) {
      const id = ids[next++ % ids.length];
      const key = await contender.retrieve(id);
      if (key.id !== id) throw new Error(`asked for ${id}, got ${key.id}`);
    }
  };
  const cpu = process.cpuUsage();
  const started = performance.now();
  await Promise.all(Array.from({ length: inFlight }, worker));
  return { ms: performance.now() - started, cpuMicros: cpuMicros(cpu) };
}

/** Every key through `for await`; the wall time, CPU time, and memory before and at its peak. */
async function listRun(contender, limit) {
  const rssBefore = process.memoryUsage.rss();
  const cpu = process.cpuUsage();
  const started = performance.now();
  let keys = 0;
  for await (const key of contender.list(limit)) {
    if (typeof key.id === "string") keys++;
  }
  const ms = performance.now() - started;
  // maxRSS is in kibibytes: the peak resident set of this process over its whole life.
  return { keys, ms, cpuMicros: cpuMicros(cpu), rssBefore, peakRss: process.resourceUsage().maxRSS * 1024 };
}

const contender = await makeContender(name);
const listFlag = flags.find((flag) => flag.startsWith("--list="));
const retrieveFlag = flags.find((flag) => flag.startsWith("--retrieve="));
if (retrieveFlag !== undefined) {
  const page = await fetch(`${baseUrl}${KEYS_PATH}?limit=100`, { headers: { authorization: `Bearer ${apiKey}` } });
  const ids = (await page.json()).data.map((key) => key.id);
  console.log(JSON.stringify(await retrieveRun(contender, ids, Number(retrieveFlag.slice("--retrieve=".length)), 16)));
} else if (listFlag !== undefined) {
  const result = await listRun(contender, Number(listFlag.slice("--list=".length)));
  if (process.send) process.send(result, () => process.disconnect());
  else console.log(JSON.stringify(result));
} else {
  let ids = [];
  process.on("message", async (command) => {
    try {
      if (command.op === "ids") {
        ids = command.ids;
        process.send({ op: "ids" });
      } else if (command.op === "retrieve") {
        process.send({ op: "retrieve", ...(await retrieveRun(contender, ids, command.requests, command.inFlight)) });
      }
    } catch (error) {
      process.send({ op: "error", message: String(error?.stack ?? error) });
    }
  });
  process.on("disconnect", () => process.exit(0));
  process.send({ op: "ready" });
}
