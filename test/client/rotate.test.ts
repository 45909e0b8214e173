// rotateKey against the real local server: the happy path counted on the server (one create, one
// verification made with the new key, one delete), and a stop at each step leaving exactly the
// state the RotationError reports, checked in the server's store.
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import {
  type AdminKeysClient,
  InvalidParameterError,
  type RotateKeyOptions,
  RotationError,
  type RotationStep,
  createAdminKeysClient,
  rotateKey,
} from "../../src/index.js";
import type { MockServer } from "../../src/testing/index.js";
import { closedPort, sendJson, startServer } from "../helpers/scripted-server.js";
import { serverFactory } from "../testing/helpers.js";

const start = serverFactory();
const OLD = { id: "key_old", name: "CI pipeline", created_at: 1_700_000_000 };

function clientFor(server: MockServer): AdminKeysClient {
  return createAdminKeysClient({ apiKey: server.apiKey, baseUrl: server.url, maxRetries: 0 });
}

/** Options that deliver into `delivered` and verify against the same server. */
function optionsFor(server: MockServer, delivered: string[], more: Partial<RotateKeyOptions> = {}): RotateKeyOptions {
  return {
    clientOptions: { baseUrl: server.url, maxRetries: 0 },
    deliver: (secret) => {
      delivered.push(secret);
      return "the test's vault";
    },
    ...more,
  };
}

async function rotationError(promise: Promise<unknown>): Promise<RotationError> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(RotationError);
  if (!(error instanceof RotationError)) throw new Error("not a RotationError");
  return error;
}

/** Neither the admin key nor a created secret in anything the error would show. */
function expectNoSecretIn(error: RotationError, secrets: readonly string[]): void {
  const shown = [error.message, inspect(error, { depth: 10, showHidden: true }), JSON.stringify(error), error.stack ?? ""].join("\n");
  for (const secret of secrets) expect(shown).not.toContain(secret);
}

describe("rotateKey", () => {
  it("retrieves, creates, delivers, verifies with the new secret, then deletes: counted on the server", async () => {
    const server = await start({ keys: [OLD] });
    const delivered: string[] = [];
    const seen: RotationStep[] = [];
    const report = await rotateKey(clientFor(server), "key_old", optionsFor(server, delivered, { expiresInSeconds: 30 * 86_400, onStep: (step) => seen.push(step) }));

    expect(server.requests.count("admin-api-keys-create")).toBe(1);
    expect(server.requests.count("admin-api-keys-delete")).toBe(1);
    expect(server.requests.count("admin-api-keys-get")).toBe(2);
    const newId = report.newKey?.id ?? "";
    // The verification is the GET of the new key's own record, and the server saw the new key
    // authenticate it: only a request made with its secret sets its last_used_at.
    expect(server.requests.all("admin-api-keys-get").map((request) => request.params["key_id"])).toEqual(["key_old", newId]);
    expect(server.store.get(newId)?.last_used_at).toEqual(expect.any(Number));
    expect(server.store.has("key_old")).toBe(false);
    expect(server.store.get(newId)).toMatchObject({ name: "CI pipeline" });
    const created = server.store.get(newId);
    expect((created?.expires_at ?? 0) - (created?.created_at ?? 0)).toBe(30 * 86_400);

    expect(delivered).toHaveLength(1);
    expect(delivered[0]).toMatch(/^sk-admin-/);
    expect(report).toMatchObject({ dryRun: false, verified: true, oldKeyDeleted: true, secretLocation: "the test's vault", oldKey: { id: "key_old" } });
    expect(report.newKey).not.toHaveProperty("value");
    expect(JSON.stringify(report)).not.toContain(delivered[0]);
    expect(report.steps.map((step) => `${step.step} ${step.outcome}`)).toEqual(["retrieve done", "create done", "deliver done", "verify done", "delete done"]);
    expect(seen).toEqual(report.steps);
    const expiresAt = new Date((created?.expires_at ?? 0) * 1000).toISOString();
    expect(report.steps).toEqual([
      { step: "retrieve", outcome: "done", summary: "found key_old (CI pipeline)" },
      { step: "create", outcome: "done", summary: `created ${newId} (CI pipeline), which expires at ${expiresAt}` },
      { step: "deliver", outcome: "done", summary: "secret handed over: the test's vault" },
      { step: "verify", outcome: "done", summary: `${newId} retrieved its own record with its own secret` },
      { step: "delete", outcome: "done", summary: "deleted key_old" },
    ]);
  });

  it("takes another name when asked, and keeps the old key with keepOld", async () => {
    const server = await start({ keys: [OLD] });
    const report = await rotateKey(clientFor(server), "key_old", optionsFor(server, [], { name: "CI pipeline v2", keepOld: true }));
    expect(server.store.has("key_old")).toBe(true);
    expect(server.requests.count("admin-api-keys-delete")).toBe(0);
    expect(server.store.get(report.newKey?.id ?? "")?.name).toBe("CI pipeline v2");
    expect(report.steps.at(-1)).toEqual({ step: "delete", outcome: "skipped", summary: "kept key_old" });
    expect(report).toMatchObject({ dryRun: false, verified: true, oldKeyDeleted: false });
  });

  it("in a dry run only reads: the old key, and the plan", async () => {
    const server = await start({ keys: [OLD] });
    const delivered: string[] = [];
    const report = await rotateKey(clientFor(server), "key_old", optionsFor(server, delivered, { dryRun: true, confirm: () => Promise.reject(new Error("not asked")) }));
    expect(server.requests.count()).toBe(1);
    expect(server.requests.count("admin-api-keys-get")).toBe(1);
    expect(delivered).toEqual([]);
    expect(report).toMatchObject({ dryRun: true, newKey: undefined, verified: false, oldKeyDeleted: false, newKeyParams: { name: "CI pipeline" } });
    expect(report.steps.map((step) => `${step.step} ${step.outcome}`)).toEqual(["retrieve done", "create planned", "deliver planned", "verify planned", "delete planned"]);
  });

  it.each([
    ["no lifetime", {}, 'create a key named "CI pipeline" that never expires', { name: "CI pipeline" }],
    ["a lifetime", { expiresInSeconds: 86_400 }, 'create a key named "CI pipeline" that expires 86400 seconds after it is made', { name: "CI pipeline", expires_in_seconds: 86_400 }],
  ])("in a dry run with %s, the planned create says how long the key will live, and the params ask for just that", async (_case, more, summary, params) => {
    const server = await start({ keys: [OLD] });
    const report = await rotateKey(clientFor(server), "key_old", optionsFor(server, [], { dryRun: true, ...more }));
    expect(report.steps.find((step) => step.step === "create")).toEqual({ step: "create", outcome: "planned", summary });
    // Strict: without a lifetime the params have no expires_in_seconds at all, not an undefined one.
    expect(report.newKeyParams).toStrictEqual(params);
  });

  it.each([
    [false, { step: "delete", outcome: "planned", summary: "delete key_old" }],
    [true, { step: "delete", outcome: "skipped", summary: "keep key_old" }],
  ])("in a dry run with keepOld %s, the plan says each step in words", async (keepOld, deleteStep) => {
    const server = await start({ keys: [OLD] });
    const report = await rotateKey(clientFor(server), "key_old", optionsFor(server, [], { dryRun: true, keepOld }));
    expect(report.steps).toEqual([
      { step: "retrieve", outcome: "done", summary: "found key_old (CI pipeline)" },
      { step: "create", outcome: "planned", summary: 'create a key named "CI pipeline" that never expires' },
      { step: "deliver", outcome: "planned", summary: "hand its secret over" },
      { step: "verify", outcome: "planned", summary: "retrieve the new key's own record with the new secret" },
      deleteStep,
    ]);
    expect(server.requests.count()).toBe(1);
  });

  it("asks before creating anything, and stops with nothing created when the answer is no", async () => {
    const server = await start({ keys: [OLD] });
    const asked: string[] = [];
    const error = await rotationError(rotateKey(clientFor(server), "key_old", optionsFor(server, [], { confirm: (key) => (asked.push(key.id), false) })));
    expect(asked).toEqual(["key_old"]);
    expect(error.step).toBe("confirm");
    expect(server.requests.count("admin-api-keys-create")).toBe(0);
    expect(error.state).toMatchObject({ oldKey: { id: "key_old", presence: "exists" }, newKey: undefined, secret: "none", remedies: [] });
    // Nothing failed, so there is no cause, not even an undefined one (util.inspect would show it).
    expect("cause" in error).toBe(false);
    // Its JSON for structured logs: what happened and the state, nothing else.
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      name: "RotationError",
      message: "Rotating key_old stopped at confirm: the rotation was not confirmed. Nothing was created; key_old is unchanged.",
      step: "confirm",
      state: { oldKey: { id: "key_old", presence: "exists" }, secret: "none", remedies: [] },
    });
  });

  it("stops at retrieve when the server cannot be reached, naming the failure by its class (it has no status)", async () => {
    const unreachable = createAdminKeysClient({ apiKey: "sk-admin-x", baseUrl: `http://127.0.0.1:${await closedPort()}/v1`, maxRetries: 0 });
    const error = await rotationError(rotateKey(unreachable, "key_old", { clientOptions: {}, deliver: () => "nowhere" }));
    expect(error.step).toBe("retrieve");
    expect(error.message).toMatch(/^Rotating key_old stopped at retrieve: could not retrieve key_old \(APIConnectionError: [^)]+\)\. Nothing was created\.$/);
    expect(error.state).toMatchObject({ oldKey: { id: "key_old", presence: "unknown" }, secret: "none" });
    expect(error.state.remedies.map((remedy) => `${remedy.purpose} ${remedy.action}`)).toEqual(["retry rotate"]);
    expect(error.cause).toMatchObject({ name: "APIConnectionError" });
  });

  it("stops at retrieve for a key that does not exist: nothing created", async () => {
    const server = await start();
    const error = await rotationError(rotateKey(clientFor(server), "key_gone", optionsFor(server, [])));
    expect(error.step).toBe("retrieve");
    expect(error.message).toBe("Rotating key_gone stopped at retrieve: no admin key has the id key_gone. Nothing was created.");
    expect(error.state).toMatchObject({ oldKey: { id: "key_gone", presence: "absent" }, newKey: undefined, secret: "none" });
    expect(server.requests.count("admin-api-keys-create")).toBe(0);
    expect(error.cause).toMatchObject({ name: "NotFoundError", status: 404 });
  });

  it("refuses a key without a name to take over, unless a name is given, before creating", async () => {
    const server = await start({ keys: [{ id: "key_nameless" }] });
    await expect(rotateKey(clientFor(server), "key_nameless", optionsFor(server, []))).rejects.toBeInstanceOf(InvalidParameterError);
    expect(server.requests.count("admin-api-keys-create")).toBe(0);
    const report = await rotateKey(clientFor(server), "key_nameless", optionsFor(server, [], { name: "named now" }));
    expect(report.steps[0]).toEqual({ step: "retrieve", outcome: "done", summary: "found key_nameless" });
    expect(server.store.has("key_nameless")).toBe(false);
  });

  it.each([42, { first: "CI" }, ""])("takes an old key's name of %j for no name, and asks for one before creating", async (name) => {
    const record = { object: "organization.admin_api_key", id: "key_old", name, redacted_value: "sk-admin...abc", created_at: 1_700_000_000, expires_at: null, last_used_at: null, owner: { type: "user", object: "organization.user", id: "user_ada", name: "Ada", role: "owner" } };
    const server = await startServer((_req, res) => sendJson(res, 200, record));
    try {
      const client = createAdminKeysClient({ apiKey: "sk-admin-x", baseUrl: server.baseUrl, maxRetries: 0 });
      const error = await rotateKey(client, "key_old", { clientOptions: { baseUrl: server.baseUrl }, deliver: () => "vault" }).catch((thrown: unknown) => thrown);
      expect(error).toBeInstanceOf(InvalidParameterError);
      expect(error).toMatchObject({ param: "name", message: "name is required: key_old has no name for the new key to take over" });
      expect(server.requests.map((request) => request.method)).toEqual(["GET"]);
    } finally {
      await server.close();
    }
  });

  it("stops at create when the create is refused: nothing created, the old key unchanged", async () => {
    const server = await start({ keys: [OLD] });
    server.faults.add("admin-api-keys-create", { kind: "status", status: 403 });
    const error = await rotationError(rotateKey(clientFor(server), "key_old", optionsFor(server, [])));
    expect(error.step).toBe("create");
    expect(error.message).toMatch(/^Rotating key_old stopped at create: creating the new key failed \(403 PermissionDeniedError: .*\)\. Nothing was created; key_old is unchanged\.$/);
    expect(error.state).toMatchObject({ oldKey: { presence: "exists" }, newKey: undefined, possibleNewKeyIds: undefined, secret: "none" });
    expect(error.state.remedies).toEqual([expect.objectContaining({ purpose: "retry", action: "rotate", keyId: "key_old" })]);
    expect(server.store.createdCount).toBe(0);
    expect(server.store.size).toBe(1);
  });

  it("after a create whose outcome is unknown, names the key it made (commit-then-fail)", async () => {
    const server = await start({ keys: [OLD, { id: "key_same_name_older", name: "CI pipeline", created_at: 1_700_000_100 }] });
    server.faults.add("admin-api-keys-create", { kind: "commit-then-fail" });
    const error = await rotationError(rotateKey(clientFor(server), "key_old", optionsFor(server, [])));
    const made = server.store.list().filter((key) => key.id !== "key_old" && key.id !== "key_same_name_older");
    expect(made).toHaveLength(1);
    expect(error.step).toBe("create");
    expect(error.state.possibleNewKeyIds).toEqual([made[0]?.id]);
    expect(error.state).toMatchObject({ oldKey: { presence: "exists" }, newKey: undefined, secret: "lost" });
    expect(error.state.remedies.map((remedy) => `${remedy.purpose} ${remedy.action} ${remedy.keyId}`)).toEqual([`undo delete ${made[0]?.id}`, "retry rotate key_old"]);
    expect(error.message).toContain(`whose secrets nobody holds: ${made[0]?.id}.`);
    // The search reads the newest page only: one list request.
    expect(server.requests.count("admin-api-keys-list")).toBe(1);
  });

  it("after a create whose outcome is unknown that made nothing (a plain 500), finds no key and says so", async () => {
    const server = await start({ keys: [OLD] });
    server.faults.add("admin-api-keys-create", { kind: "status", status: 500 });
    const error = await rotationError(rotateKey(clientFor(server), "key_old", optionsFor(server, [])));
    expect(server.store.createdCount).toBe(0);
    expect(server.store.size).toBe(1);
    expect(error.step).toBe("create");
    expect(error.message).toMatch(
      /^Rotating key_old stopped at create: the create's outcome is unknown \(500 InternalServerError: .*\): the key may exist without anyone holding its secret\. No key named "CI pipeline" was created meanwhile, so none seems to have been made; key_old is unchanged\.$/,
    );
    expect(error.state).toEqual({
      oldKey: { id: "key_old", presence: "exists" },
      newKey: undefined,
      possibleNewKeyIds: [],
      secret: "none",
      secretLocation: undefined,
      remedies: [{ purpose: "retry", action: "rotate", keyId: "key_old", why: "nothing was created; rotate key_old again once the cause is fixed" }],
    });
    expect(server.requests.count("admin-api-keys-list")).toBe(1);
  });

  it("after a create whose outcome is unknown, names each key of that name made meanwhile, but never the key being rotated", async () => {
    // One clock for the server and the rotation: the old key and a twin were made seconds before,
    // within the window (and its slack) the search looks in.
    const at = Date.UTC(2026, 0, 1);
    const seconds = at / 1000;
    const server = await start({
      now: () => at,
      keys: [
        { id: "key_old", name: "CI pipeline", created_at: seconds - 30 },
        { id: "key_twin", name: "CI pipeline", created_at: seconds - 10 },
      ],
    });
    server.faults.add("admin-api-keys-create", { kind: "commit-then-fail", error: { message: "the create broke" } });
    const error = await rotationError(rotateKey(clientFor(server), "key_old", optionsFor(server, [], { now: () => at })));
    const made = server.store.list().find((key) => key.created_at === seconds)?.id ?? "";
    expect(made).toMatch(/^key_/);
    // Newest first; key_old has the name and the date, yet it is the key being rotated.
    expect(error.state.possibleNewKeyIds).toEqual([made, "key_twin"]);
    expect(error.state.secret).toBe("lost");
    expect(error.state.remedies).toEqual([
      { purpose: "undo", action: "delete", keyId: made, why: `${made} may have been made by the failed create; nobody holds its secret` },
      { purpose: "undo", action: "delete", keyId: "key_twin", why: "key_twin may have been made by the failed create; nobody holds its secret" },
      { purpose: "retry", action: "rotate", keyId: "key_old", why: "once the keys above are deleted, rotate key_old again" },
    ]);
    expect(error.message).toBe(
      `Rotating key_old stopped at create: the create's outcome is unknown (500 InternalServerError: the create broke): the key may exist without anyone holding its secret. Keys named "CI pipeline" created meanwhile, whose secrets nobody holds: ${made}, key_twin. key_old is unchanged.`,
    );
  });

  it("after a create whose outcome is unknown and a list that fails too, says where to look", async () => {
    const at = Date.UTC(2026, 0, 1);
    const server = await start({ now: () => at, keys: [OLD] });
    server.faults.add("admin-api-keys-create", { kind: "status", status: 500, error: { message: "the create broke" } });
    server.faults.add("admin-api-keys-list", { kind: "status", status: 503, error: { message: "the list is down" } });
    const error = await rotationError(rotateKey(clientFor(server), "key_old", optionsFor(server, [], { now: () => at })));
    expect(error.step).toBe("create");
    expect(error.message).toBe(
      "Rotating key_old stopped at create: the create's outcome is unknown (500 InternalServerError: the create broke): the key may exist without anyone holding its secret. Listing the keys to find out failed too (503 InternalServerError: the list is down); key_old is unchanged.",
    );
    expect(error.state).toEqual({
      oldKey: { id: "key_old", presence: "exists" },
      newKey: undefined,
      possibleNewKeyIds: undefined,
      secret: "lost",
      secretLocation: undefined,
      remedies: [{ purpose: "check", action: "list", keyId: undefined, why: 'look for keys named "CI pipeline" created since 2026-01-01T00:00:00.000Z, and delete them' }],
    });
    // The cause is the create's failure, not the list's.
    expect(error.cause).toMatchObject({ status: 500, message: "the create broke" });
  });

  it.each([
    ["no value", {}],
    ["an empty value", { value: "" }],
    ["a value that is no string", { value: null }],
  ])("stops at deliver when the server's create answer holds %s: the key exists, nobody holds a secret", async (_case, value) => {
    const record = { object: "organization.admin_api_key", name: "CI pipeline", redacted_value: "sk-admin...abc", created_at: 1_700_000_000, expires_at: null, last_used_at: null, owner: { type: "user", object: "organization.user", id: "user_ada", name: "Ada", role: "owner" } };
    const server = await startServer((req, res) => (req.method === "POST" ? sendJson(res, 200, { ...record, id: "key_new", ...value }) : sendJson(res, 200, { ...record, id: "key_old" })));
    try {
      const delivered: string[] = [];
      const client = createAdminKeysClient({ apiKey: "sk-admin-x", baseUrl: server.baseUrl, maxRetries: 0 });
      const error = await rotationError(rotateKey(client, "key_old", { clientOptions: { baseUrl: server.baseUrl }, deliver: (secret) => (delivered.push(secret), "vault") }));
      expect(error.step).toBe("deliver");
      expect(error.message).toBe(
        'Rotating key_old stopped at deliver: key_new was created, but the server\'s answer to the create holds no secret (no "value"). Nobody holds its secret; key_old is unchanged.',
      );
      expect(error.cause).toMatchObject({ message: 'the server\'s answer to the create holds no secret (no "value")' });
      expect(error.state).toMatchObject({ oldKey: { presence: "exists" }, newKey: { id: "key_new", presence: "exists" }, secret: "lost" });
      expect(error.steps).toEqual([
        { step: "retrieve", outcome: "done", summary: "found key_old (CI pipeline)" },
        { step: "create", outcome: "done", summary: "created key_new (CI pipeline), which never expires" },
      ]);
      expect(delivered).toEqual([]);
      // Nothing after the create: no verification, no delete.
      expect(server.requests.map((request) => request.method)).toEqual(["GET", "POST"]);
    } finally {
      await server.close();
    }
  });

  it.each([
    ["a time no Date can hold", 1e20, "expires at a time that is not a date (100000000000000000000)"],
    ["no number", { at: "soon" }, 'expires at a time that is not a date ({"at":"soon"})'],
    ["a time in range", 1_800_000_000, "expires at 2027-01-15T08:00:00.000Z"],
  ])("goes on after a create whose expires_at is %s: the secret is delivered, nothing is lost", async (_case, expiresAt, words) => {
    const secret = "sk-admin-FAR-FUTURE-5K8M";
    const record = { object: "organization.admin_api_key", name: "CI pipeline", redacted_value: "sk-admin...abc", created_at: 1_700_000_000, expires_at: null, last_used_at: null, owner: { type: "user", object: "organization.user", id: "user_ada", name: "Ada", role: "owner" } };
    const server = await startServer((req, res) =>
      req.method === "POST"
        ? sendJson(res, 200, { ...record, id: "key_new", expires_at: expiresAt, value: secret })
        : req.method === "DELETE"
          ? sendJson(res, 200, { object: "organization.admin_api_key.deleted", id: "key_old", deleted: true })
          : sendJson(res, 200, { ...record, id: req.url?.endsWith("/key_new") === true ? "key_new" : "key_old" }),
    );
    try {
      const delivered: string[] = [];
      const client = createAdminKeysClient({ apiKey: "sk-admin-x", baseUrl: server.baseUrl, maxRetries: 0 });
      const report = await rotateKey(client, "key_old", { clientOptions: { baseUrl: server.baseUrl }, deliver: (value) => (delivered.push(value), "vault") });
      expect(delivered).toEqual([secret]);
      expect(report.steps[1]).toEqual({ step: "create", outcome: "done", summary: `created key_new (CI pipeline), which ${words}` });
      expect(server.requests.map((request) => request.method)).toEqual(["GET", "POST", "GET", "DELETE"]);
    } finally {
      await server.close();
    }
  });

  it("names a deliver failure that is not an Error by its text", async () => {
    const server = await start({ keys: [OLD] });
    const error = await rotationError(
      rotateKey(clientFor(server), "key_old", {
        clientOptions: { baseUrl: server.url },
        // A callback may throw anything, not only an Error.
        deliver: () => {
          throw "the vault is sealed";
        },
      }),
    );
    const newId = error.state.newKey?.id ?? "";
    expect(error.message).toBe(`Rotating key_old stopped at deliver: ${newId} was created, but handing its secret over failed (the vault is sealed). Nobody holds its secret; key_old is unchanged.`);
  });

  it("stops at deliver when handing the secret over fails: the new key exists, nobody holds its secret", async () => {
    const server = await start({ keys: [OLD] });
    let secret = "";
    const error = await rotationError(
      rotateKey(clientFor(server), "key_old", {
        clientOptions: { baseUrl: server.url },
        deliver: (value) => {
          secret = value;
          throw new Error(`vault refused ${value}`);
        },
      }),
    );
    const newId = error.state.newKey?.id ?? "";
    expect(error.step).toBe("deliver");
    expect(server.store.has(newId)).toBe(true);
    expect(server.store.has("key_old")).toBe(true);
    expect(error.state).toMatchObject({ oldKey: { presence: "exists" }, newKey: { presence: "exists" }, secret: "lost" });
    expect(error.state.remedies).toEqual([
      { purpose: "undo", action: "delete", keyId: newId, why: `${newId} is the new key; deleting it leaves key_old as it was` },
      expect.objectContaining({ purpose: "retry", action: "rotate", why: `once ${newId} is deleted, rotate key_old again` }),
    ]);
    expect(error.message).toContain("vault refused ***");
    expectNoSecretIn(error, [secret, server.apiKey]);
    expect(server.requests.count("admin-api-keys-delete")).toBe(0);
  });

  it("against a server that makes the new key's id of its secret, hides it in the remedies too, and names the deliver's error by name and message", async () => {
    const secret = "sk-admin-HOSTILE-ID-7Q2WX9";
    const record = { object: "organization.admin_api_key", name: "CI pipeline", redacted_value: "sk-admin...abc", created_at: 1_700_000_000, expires_at: null, last_used_at: null, owner: { type: "user", object: "organization.user", id: "user_ada", name: "Ada", role: "owner" } };
    const hostile = await startServer((req, res) =>
      req.method === "POST" ? sendJson(res, 200, { ...record, id: `key_${secret}`, value: secret }) : sendJson(res, 200, { ...record, id: "key_old" }),
    );
    try {
      class VaultSealed extends Error {
        override name = "VaultSealed";
        override toString(): string {
          return "a vault error; see the vault's log";
        }
      }
      const client = createAdminKeysClient({ apiKey: "sk-admin-x", baseUrl: hostile.baseUrl, maxRetries: 0 });
      const error = await rotationError(
        rotateKey(client, "key_old", {
          clientOptions: { baseUrl: hostile.baseUrl },
          deliver: () => {
            throw new VaultSealed("the vault is sealed");
          },
        }),
      );
      expect(error.step).toBe("deliver");
      expect(error.message).toContain("(VaultSealed: the vault is sealed)");
      const [undo] = error.state.remedies;
      expect(undo).toMatchObject({ purpose: "undo", action: "delete" });
      expect(undo?.keyId).toMatch(/^key_\S+$/);
      expect(undo?.why).toBe(`${undo?.keyId ?? ""} is the new key; deleting it leaves key_old as it was`);
      expectNoSecretIn(error, [secret]);
      expect(hostile.requests.map((request) => request.method)).toEqual(["GET", "POST"]);
    } finally {
      await hostile.close();
    }
  });

  it("stops at verify when the new secret does not work, and never deletes the old key", async () => {
    const server = await start({ keys: [OLD] });
    // The first GET is step 1's; the second, the verification, is refused.
    server.faults.add("admin-api-keys-get", { kind: "delay", ms: 0 });
    server.faults.add("admin-api-keys-get", { kind: "status", status: 401 });
    const delivered: string[] = [];
    const error = await rotationError(rotateKey(clientFor(server), "key_old", optionsFor(server, delivered)));
    const newId = error.state.newKey?.id ?? "";
    expect(error.step).toBe("verify");
    expect(server.requests.count("admin-api-keys-delete")).toBe(0);
    expect(server.store.has("key_old")).toBe(true);
    expect(server.store.has(newId)).toBe(true);
    expect(error.state).toMatchObject({ oldKey: { presence: "exists" }, newKey: { presence: "exists" }, secret: "delivered", secretLocation: "the test's vault" });
    expect(error.state.remedies).toEqual([
      { purpose: "undo", action: "delete", keyId: newId, why: `${newId} is the new key; deleting it leaves key_old as it was` },
      { purpose: "finish", action: "delete", keyId: "key_old", why: `once ${newId}'s secret is known to work; key_old is the old key` },
    ]);
    expect(error.message).toMatch(/a request made with the new secret failed \(401 AuthenticationError: .*\)\. key_old was not deleted; both keys exist\.$/);
    expectNoSecretIn(error, [...delivered, server.apiKey]);
  });

  it("stops at verify when the new secret retrieves another key's record: nothing is deleted", async () => {
    const record = { object: "organization.admin_api_key", name: "CI pipeline", redacted_value: "sk-admin...abc", created_at: 1_700_000_000, expires_at: null, last_used_at: null, owner: { type: "user", object: "organization.user", id: "user_ada", name: "Ada", role: "owner" } };
    // Every GET answers with the old key's record, the verification's too.
    const server = await startServer((req, res) => sendJson(res, 200, req.method === "POST" ? { ...record, id: "key_new", value: "sk-admin-NEW-6Y3P" } : { ...record, id: "key_old" }));
    try {
      const client = createAdminKeysClient({ apiKey: "sk-admin-x", baseUrl: server.baseUrl, maxRetries: 0 });
      const error = await rotationError(rotateKey(client, "key_old", { clientOptions: { baseUrl: server.baseUrl }, deliver: () => "vault" }));
      expect(error.step).toBe("verify");
      expect(error.cause).toMatchObject({ name: "AdminKeysError", message: "the server answered with the record of key_old, not key_new" });
      expect(server.requests.map((request) => request.method)).toEqual(["GET", "POST", "GET"]);
    } finally {
      await server.close();
    }
  });

  it("verifies with a client made from clientOptions: the wrong server fails the verification", async () => {
    const server = await start({ keys: [OLD] });
    const elsewhere = await start();
    const error = await rotationError(rotateKey(clientFor(server), "key_old", { clientOptions: { baseUrl: elsewhere.url, maxRetries: 0 }, deliver: () => "kept" }));
    expect(error.step).toBe("verify");
    expect(elsewhere.requests.count("admin-api-keys-get")).toBe(1);
    expect(server.store.has("key_old")).toBe(true);
  });

  it("stops at delete when the old key cannot be deleted: both keys exist, the new one verified", async () => {
    const server = await start({ keys: [OLD] });
    server.faults.add("admin-api-keys-delete", { kind: "status", status: 403, error: { message: "not allowed to delete" } });
    const error = await rotationError(rotateKey(clientFor(server), "key_old", optionsFor(server, [])));
    const newId = error.state.newKey?.id ?? "";
    expect(error.step).toBe("delete");
    expect(server.store.has("key_old")).toBe(true);
    expect(server.store.get(newId)?.last_used_at).toEqual(expect.any(Number));
    expect(error.state).toMatchObject({ oldKey: { presence: "exists" }, newKey: { presence: "exists" }, secret: "delivered" });
    expect(error.state.remedies).toEqual([{ purpose: "finish", action: "delete", keyId: "key_old", why: `key_old is the old key; ${newId} replaces it` }]);
    expect(error.steps.map((step) => step.step)).toEqual(["retrieve", "create", "deliver", "verify"]);
    expect(error.cause).toMatchObject({ name: "PermissionDeniedError", status: 403, message: "not allowed to delete" });
    expect(error.message).toBe(
      `Rotating key_old stopped at delete: ${newId} is in place and verified, its secret handed over (the test's vault), but deleting key_old failed (403 PermissionDeniedError: not allowed to delete): key_old was not deleted; both keys exist.`,
    );
  });

  it("after a delete whose connection broke (no status), says the old key may or may not exist", async () => {
    const server = await start({ keys: [OLD] });
    server.faults.add("admin-api-keys-delete", { kind: "drop" });
    const error = await rotationError(rotateKey(clientFor(server), "key_old", optionsFor(server, [])));
    expect(error.step).toBe("delete");
    expect(error.cause).toMatchObject({ name: "APIConnectionError", status: undefined });
    expect(error.state).toMatchObject({ oldKey: { id: "key_old", presence: "unknown" }, newKey: { presence: "exists" }, secret: "delivered" });
    expect(error.message).toMatch(/but deleting key_old failed \(APIConnectionError: [^)]+\): key_old may or may not have been deleted\.$/);
  });

  it.each([500, 502])("after a delete answered %i, says the old key may or may not exist", async (status) => {
    const server = await start({ keys: [OLD] });
    server.faults.add("admin-api-keys-delete", { kind: "status", status });
    const error = await rotationError(rotateKey(clientFor(server), "key_old", optionsFor(server, [])));
    expect(error.step).toBe("delete");
    expect(error.state.oldKey).toEqual({ id: "key_old", presence: "unknown" });
    expect(error.message).toContain("key_old may or may not have been deleted");
  });

  it.each([
    ["deleted: false", { deleted: false }, "false"],
    ["no deleted field", {}, "missing"],
  ])("after a delete answered with %s, stops there: the old key may or may not exist", async (_case, answer, shown) => {
    const record = { object: "organization.admin_api_key", name: "CI pipeline", redacted_value: "sk-admin...abc", created_at: 1_700_000_000, expires_at: null, last_used_at: null, owner: { type: "user", object: "organization.user", id: "user_ada", name: "Ada", role: "owner" } };
    const server = await startServer((req, res) =>
      req.method === "POST"
        ? sendJson(res, 200, { ...record, id: "key_new", value: "sk-admin-NEW-2R7T" })
        : req.method === "DELETE"
          ? sendJson(res, 200, { object: "organization.admin_api_key.deleted", id: "key_old", ...answer })
          : sendJson(res, 200, { ...record, id: req.url?.endsWith("/key_new") === true ? "key_new" : "key_old" }),
    );
    try {
      const client = createAdminKeysClient({ apiKey: "sk-admin-x", baseUrl: server.baseUrl, maxRetries: 0 });
      const error = await rotationError(rotateKey(client, "key_old", { clientOptions: { baseUrl: server.baseUrl }, deliver: () => "vault" }));
      expect(error.step).toBe("delete");
      expect(error.message).toBe(
        `Rotating key_old stopped at delete: key_new is in place and verified, its secret handed over (vault), but deleting key_old failed (AdminKeysError: the server's answer does not confirm it (deleted: ${shown})): key_old may or may not have been deleted.`,
      );
      expect(error.state).toMatchObject({ oldKey: { id: "key_old", presence: "unknown" }, newKey: { id: "key_new", presence: "exists" }, secret: "delivered" });
      expect(error.steps.map((step) => step.step)).toEqual(["retrieve", "create", "deliver", "verify"]);
    } finally {
      await server.close();
    }
  });

  it("after a delete whose outcome is unknown, says the old key may or may not exist", async () => {
    const server = await start({ keys: [OLD] });
    server.faults.add("admin-api-keys-delete", { kind: "commit-then-fail", status: 503 });
    const error = await rotationError(rotateKey(clientFor(server), "key_old", optionsFor(server, [])));
    expect(error.state.oldKey.presence).toBe("unknown");
    expect(error.message).toContain("key_old may or may not have been deleted");
    expect(server.store.has("key_old")).toBe(false);
  });

  it("counts an old key someone else deleted meanwhile as deleted", async () => {
    const server = await start({ keys: [OLD] });
    const client = clientFor(server);
    const report = await rotateKey(client, "key_old", {
      clientOptions: { baseUrl: server.url },
      deliver: async () => {
        await client.adminApiKeys.delete("key_old");
        return "kept";
      },
    });
    expect(report.oldKeyDeleted).toBe(true);
    expect(report.steps.at(-1)).toEqual({ step: "delete", outcome: "done", summary: "key_old was already deleted" });
  });

  const CLIENT_OPTIONS_MESSAGE = "clientOptions must be the options of the client (baseUrl, fetch …), for the client that verifies the new key";
  it.each<[string, Record<string, unknown>, string, string]>([
    ["without deliver", { clientOptions: {} }, "deliver", "deliver must be a function that hands the new secret over and says where it went"],
    ["with a deliver that is no function", { clientOptions: {}, deliver: "vault" }, "deliver", "deliver must be a function that hands the new secret over and says where it went"],
    ["without clientOptions", { deliver: () => "x" }, "clientOptions", CLIENT_OPTIONS_MESSAGE],
    ["with clientOptions null", { clientOptions: null, deliver: () => "x" }, "clientOptions", CLIENT_OPTIONS_MESSAGE],
    ["with clientOptions a string", { clientOptions: "http://localhost", deliver: () => "x" }, "clientOptions", CLIENT_OPTIONS_MESSAGE],
  ])("refuses options %s, naming the option, before sending anything", async (_case, options, param, message) => {
    const server = await start({ keys: [OLD] });
    // Callers without TypeScript can pass anything.
    const error = await rotateKey(clientFor(server), "key_old", options as unknown as RotateKeyOptions).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(InvalidParameterError);
    expect(error).toMatchObject({ name: "InvalidParameterError", param, message });
    expect(server.requests.count()).toBe(0);
  });

  it.each([
    ["an empty key id", "", {}, { param: "keyId", message: 'keyId must be a non-empty string; got ""' }, 0],
    ["a lifetime the API refuses", "key_old", { expiresInSeconds: -1 }, { param: "expires_in_seconds", message: "expires_in_seconds must be an integer from 1 to 31536000; got -1" }, 1],
  ])("passes the client's own refusal of %s through as it is, with nothing created", async (_case, keyId, more, refusal, requests) => {
    const server = await start({ keys: [OLD] });
    const error = await rotateKey(clientFor(server), keyId, optionsFor(server, [], more)).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(InvalidParameterError);
    expect(error).toMatchObject({ name: "InvalidParameterError", ...refusal });
    // Only the old key's GET, if that: the refusal comes before anything is sent for it.
    expect(server.requests.count()).toBe(requests);
    expect(server.store.createdCount).toBe(0);
  });

  it("checks its own options before sending anything", async () => {
    const server = await start({ keys: [OLD] });
    const client = clientFor(server);
    for (const options of [null, undefined, "fast"]) {
      const error = await rotateKey(client, "key_old", options as unknown as RotateKeyOptions).catch((thrown: unknown) => thrown);
      expect(error).toBeInstanceOf(InvalidParameterError);
      expect(error).toMatchObject({ param: "options", message: "rotateKey() needs options with clientOptions and deliver" });
    }
    expect(server.requests.count()).toBe(0);
  });
});
