// Day two, rotation: replace an admin key by a new one without a moment where nobody holds a
// working key. The steps run in an order that keeps that true: retrieve the old key, create the
// new one, hand its secret over, prove the secret works by calling the API with it, and only then
// delete the old key. A step that fails stops the rotation, and the error says what exists now,
// who holds which secret, and what would finish or undo it. A failed verification never deletes.

import type { AdminApiKey, AdminApiKeyCreateRequest, AdminApiKeyCreateResponse } from "../generated/client.js";
import { type AdminKeysClient, createAdminKeysClient } from "./client.js";
import { createOutcomeUnknown, findKeysFromUnknownCreate } from "./create-recovery.js";
import { AdminKeysError, APIError, InvalidParameterError, NotFoundError } from "./errors.js";
import type { ClientOptions } from "./client-options.js";
import { redactSecretTokens, redactedCause, secretRedactor } from "./redact.js";

/**
 * The steps of a rotation, in order.
 *
 * @example
 * ```ts
 * const verified = report.steps.some((step) => step.step === ("verify" satisfies RotationStepName) && step.outcome === "done");
 * ```
 */
export type RotationStepName = "retrieve" | "create" | "deliver" | "verify" | "delete";

/**
 * One step of a rotation as it went: `done`, `skipped` (the old key kept, with `keepOld`) or
 * `planned` (a dry run).
 *
 * @example
 * ```ts
 * for (const step of report.steps) console.log(step.step, step.outcome, step.summary);
 * ```
 */
export interface RotationStep {
  readonly step: RotationStepName;
  readonly outcome: "done" | "skipped" | "planned";
  /** What the step did (or would do), in words. */
  readonly summary: string;
}

/**
 * How {@link rotateKey} rotates.
 *
 * @example
 * ```ts
 * const options: RotateKeyOptions = {
 *   clientOptions: { baseUrl: process.env.ADMIN_API_BASE_URL },
 *   deliver: async (secret, key) => (await vault.write(`admin-keys/${key.id}`, secret)).path,
 *   expiresInSeconds: 30 * 86_400,
 * };
 * ```
 */
export interface RotateKeyOptions {
  /**
   * The options of the client that proves the new key works: give the same `baseUrl`, `fetch` and
   * transport settings as the client passed to {@link rotateKey}. Its `apiKey` is the new secret.
   */
  readonly clientOptions: Omit<ClientOptions, "apiKey">;
  /**
   * Hands the new secret over (a vault, a file) and resolves to where it went, in words. Called
   * once, right after the create and before the verification; the secret is not kept anywhere else.
   * If it throws, the rotation stops: the new key exists and nobody holds its secret.
   */
  readonly deliver: (secret: string, key: AdminApiKey) => string | Promise<string>;
  /** The new key's name. Default: the old key's. */
  readonly name?: string | undefined;
  /** The new key's lifetime in seconds. Default: it never expires. */
  readonly expiresInSeconds?: number | undefined;
  /** Keep the old key once the new one is verified. Default false: it is deleted. */
  readonly keepOld?: boolean | undefined;
  /** Only retrieve the old key and report the plan: nothing is created, delivered or deleted. */
  readonly dryRun?: boolean | undefined;
  /**
   * Asked once the old key is known and before anything is created, when it would be deleted.
   * Resolving to false stops the rotation with nothing created (a RotationError at step `confirm`).
   */
  readonly confirm?: ((oldKey: AdminApiKey) => boolean | Promise<boolean>) | undefined;
  /** Told of each step as soon as it is done (or planned), e.g. to log the rotation as it goes. */
  readonly onStep?: ((step: RotationStep) => void) | undefined;
  /** The clock in milliseconds, for the window of a create whose outcome is unknown. Default `Date.now`. */
  readonly now?: (() => number) | undefined;
}

/**
 * What a rotation did (or, in a dry run, would do).
 *
 * @example
 * ```ts
 * const report = await rotateKey(client, "key_old", options);
 * console.log(`${report.newKey?.id} replaces ${report.oldKey.id}; secret: ${report.secretLocation}`);
 * ```
 */
export interface RotationReport {
  readonly dryRun: boolean;
  /** The old key as it was retrieved in step 1. */
  readonly oldKey: AdminApiKey;
  /** What the create asks for (in a dry run, would ask for). */
  readonly newKeyParams: AdminApiKeyCreateRequest;
  /** The new key as the create returned it, without its secret; undefined in a dry run. */
  readonly newKey: AdminApiKey | undefined;
  /** Where `deliver` said the secret went; undefined in a dry run. */
  readonly secretLocation: string | undefined;
  /** True once a request made with the new secret succeeded. */
  readonly verified: boolean;
  readonly oldKeyDeleted: boolean;
  readonly steps: readonly RotationStep[];
}

/**
 * Whether a key exists now: `unknown` after a create or delete whose outcome is unknown.
 *
 * @example
 * ```ts
 * const presence: KeyPresence = error.state.oldKey.presence; // "exists" after a failed verification
 * ```
 */
export type KeyPresence = "exists" | "absent" | "unknown";

/**
 * Something that would finish or undo a stopped rotation: delete a key, rotate again, or list the
 * keys to see what a request of unknown outcome did.
 *
 * @example
 * ```ts
 * for (const remedy of error.state.remedies) console.log(remedy.purpose, remedy.action, remedy.keyId, remedy.why);
 * ```
 */
export interface RotationRemedy {
  readonly purpose: "undo" | "finish" | "retry" | "check";
  readonly action: "delete" | "rotate" | "list";
  /** The key to delete or rotate; undefined for `list`. */
  readonly keyId: string | undefined;
  readonly why: string;
}

/**
 * The organization's state where a rotation stopped.
 *
 * @example
 * ```ts
 * if (error.state.newKey?.presence === "exists" && error.state.secret === "lost") await client.adminApiKeys.delete(error.state.newKey.id);
 * ```
 */
export interface RotationState {
  readonly oldKey: { readonly id: string; readonly presence: KeyPresence };
  /** The new key, once the create answered; undefined when none was made or its outcome is unknown. */
  readonly newKey: { readonly id: string; readonly presence: KeyPresence } | undefined;
  /**
   * After a create whose outcome is unknown: the ids of keys with the new key's name created during
   * the attempt (nobody holds their secrets). Undefined when there was no such create, or when the
   * search for them failed too.
   */
  readonly possibleNewKeyIds: readonly string[] | undefined;
  /** `none`: no secret was made; `lost`: a key exists whose secret nobody holds; `delivered`: `deliver` has it. */
  readonly secret: "none" | "lost" | "delivered";
  readonly secretLocation: string | undefined;
  readonly remedies: readonly RotationRemedy[];
}

/**
 * Where a rotation stopped: one of its steps, or `confirm` when the confirmation said no.
 *
 * @example
 * ```ts
 * const cancelled = error instanceof RotationError && error.step === ("confirm" satisfies RotationFailedStep);
 * ```
 */
export type RotationFailedStep = RotationStepName | "confirm";

/**
 * A rotation stopped. `step` says where, `state` what exists now and what would finish or undo
 * it, `steps` what was done before, `cause` why (redacted: it holds no secret).
 *
 * @example
 * ```ts
 * try {
 *   await rotateKey(client, "key_old", options);
 * } catch (error) {
 *   if (!(error instanceof RotationError)) throw error;
 *   console.error(error.message); // "Rotating key_old stopped at verify: … key_old was not deleted …"
 *   alert(error.state.remedies);
 * }
 * ```
 */
export class RotationError extends AdminKeysError {
  readonly step: RotationFailedStep;
  readonly state: RotationState;
  readonly steps: readonly RotationStep[];

  constructor(message: string, details: { step: RotationFailedStep; state: RotationState; steps: readonly RotationStep[]; cause?: unknown }) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.step = details.step;
    this.state = details.state;
    this.steps = details.steps;
  }

  /** A plain summary for structured logs. */
  toJSON(): Record<string, unknown> {
    return { name: this.name, message: this.message, step: this.step, state: this.state };
  }
}
RotationError.prototype.name = "RotationError";

function lifetime(seconds: number | undefined): string {
  return seconds === undefined ? "never expires" : `expires ${seconds} seconds after it is made`;
}

/**
 * When the new key expires, in words. The time comes from the server, after the key exists: one
 * no Date can hold (a year past 275760, or no number at all) must not throw and lose the secret
 * the answer carries.
 */
function expiry(expiresAt: number | null): string {
  if (expiresAt === null) return "never expires";
  const at = new Date(expiresAt * 1000);
  return Number.isNaN(at.getTime()) ? `expires at a time that is not a date (${JSON.stringify(expiresAt) ?? String(expiresAt)})` : `expires at ${at.toISOString()}`;
}

/** The failure in one line, as safe as the errors the client makes. */
function reason(error: unknown, redact: (text: string) => string): string {
  if (error instanceof APIError && error.status !== undefined) return redact(`${error.status} ${error.name}: ${error.message}`);
  if (error instanceof Error) return redact(`${error.name}: ${error.message}`);
  return redact(String(error));
}

/** What an error of ours may keep as its cause: the client's own errors are safe copies already. */
function safeCause(error: unknown, redact: (text: string) => string): unknown {
  return error instanceof AdminKeysError ? error : redactedCause(error, redact);
}

function redactedState(state: RotationState, redact: (text: string) => string): RotationState {
  const key = <K extends { readonly id: string }>(entry: K): K => ({ ...entry, id: redact(entry.id) });
  return {
    ...state,
    oldKey: key(state.oldKey),
    newKey: state.newKey === undefined ? undefined : key(state.newKey),
    possibleNewKeyIds: state.possibleNewKeyIds?.map(redact),
    secretLocation: state.secretLocation === undefined ? undefined : redact(state.secretLocation),
    remedies: state.remedies.map((remedy) => ({ ...remedy, keyId: remedy.keyId === undefined ? undefined : redact(remedy.keyId), why: redact(remedy.why) })),
  };
}

/**
 * Rotates an admin key: (1) retrieves the old key, (2) creates a new one with the same name (or
 * `name`) and the lifetime asked for, (3) hands its secret to `deliver`, (4) proves the secret
 * works by retrieving the new key's own record with a client made from `clientOptions` and the
 * new secret, (5) deletes the old key unless `keepOld`. Resolves to a report of each step; rejects
 * with a {@link RotationError} carrying the state when a step fails (an `InvalidParameterError`
 * when an option is wrong, before anything is created). A failed verification never deletes.
 *
 * @example
 * ```ts
 * import { createAdminKeysClient, rotateKey, RotationError } from "openai-admin-keys";
 *
 * const client = createAdminKeysClient();
 * const report = await rotateKey(client, "key_abc", {
 *   clientOptions: {},
 *   expiresInSeconds: 30 * 86_400,
 *   deliver: async (secret) => { await secrets.put("openai-admin", secret); return "secrets/openai-admin"; },
 * });
 * console.log(report.steps.map((step) => `${step.step}: ${step.summary}`).join("\n"));
 * ```
 */
export async function rotateKey(client: AdminKeysClient, keyId: string, options: RotateKeyOptions): Promise<RotationReport> {
  if (typeof options !== "object" || options === null) throw new InvalidParameterError("options", "rotateKey() needs options with clientOptions and deliver");
  if (typeof options.deliver !== "function") throw new InvalidParameterError("deliver", "deliver must be a function that hands the new secret over and says where it went");
  if (typeof options.clientOptions !== "object" || options.clientOptions === null) {
    throw new InvalidParameterError("clientOptions", "clientOptions must be the options of the client (baseUrl, fetch …), for the client that verifies the new key");
  }
  const now = options.now ?? Date.now;
  const keepOld = options.keepOld === true;
  const steps: RotationStep[] = [];
  // Until there is a new secret, only `sk-…` tokens need hiding; then the secret itself, whatever its form.
  let redact: (text: string) => string = redactSecretTokens;
  const record = (...done: RotationStep[]): void => {
    for (const step of done) {
      // Summaries quote the server's ids and names, which a server could make of the new secret.
      const safe = { ...step, summary: redact(step.summary) };
      steps.push(safe);
      options.onStep?.(safe);
    }
  };
  // Everything the error holds is redacted, the ids in its state included: a hostile server could
  // make an id out of the new secret, and an error must hold no secret (a real id is never one).
  const stop = (step: RotationFailedStep, words: string, state: RotationState, cause?: unknown): RotationError =>
    new RotationError(redact(`Rotating ${keyId} stopped at ${step}: ${words}`), {
      step,
      state: redactedState(state, redact),
      steps: [...steps],
      cause: cause === undefined ? undefined : safeCause(cause, redact),
    });
  const untouched = (remedies: readonly RotationRemedy[] = []): RotationState => ({
    oldKey: { id: keyId, presence: "exists" },
    newKey: undefined,
    possibleNewKeyIds: undefined,
    secret: "none",
    secretLocation: undefined,
    remedies,
  });
  const retry: RotationRemedy = { purpose: "retry", action: "rotate", keyId, why: `nothing was created; rotate ${keyId} again once the cause is fixed` };

  // 1. retrieve
  let oldKey: AdminApiKey;
  try {
    oldKey = await client.adminApiKeys.retrieve(keyId);
  } catch (error) {
    if (error instanceof InvalidParameterError) throw error;
    const missing = error instanceof NotFoundError;
    const state: RotationState = { ...untouched(missing ? [] : [retry]), oldKey: { id: keyId, presence: missing ? "absent" : "unknown" } };
    const words = missing ? `no admin key has the id ${keyId}. Nothing was created.` : `could not retrieve ${keyId} (${reason(error, redact)}). Nothing was created.`;
    throw stop("retrieve", words, state, error);
  }
  record({ step: "retrieve", outcome: "done", summary: `found ${oldKey.id}${oldKey.name ? ` (${oldKey.name})` : ""}` });

  // The old key's record came from a server: a name there that is empty or no string is no name to take over.
  const name = options.name ?? (typeof oldKey.name === "string" && oldKey.name !== "" ? oldKey.name : undefined);
  if (name === undefined) throw new InvalidParameterError("name", `name is required: ${keyId} has no name for the new key to take over`);
  const params: AdminApiKeyCreateRequest = options.expiresInSeconds === undefined ? { name } : { name, expires_in_seconds: options.expiresInSeconds };

  if (options.dryRun === true) {
    const planned = (step: RotationStepName, summary: string): RotationStep => ({ step, outcome: "planned", summary });
    record(
      planned("create", `create a key named ${JSON.stringify(name)} that ${lifetime(options.expiresInSeconds)}`),
      planned("deliver", "hand its secret over"),
      planned("verify", "retrieve the new key's own record with the new secret"),
      keepOld ? { step: "delete", outcome: "skipped", summary: `keep ${keyId}` } : planned("delete", `delete ${keyId}`),
    );
    return { dryRun: true, oldKey, newKeyParams: params, newKey: undefined, secretLocation: undefined, verified: false, oldKeyDeleted: false, steps };
  }

  if (!keepOld && options.confirm !== undefined && !(await options.confirm(oldKey))) {
    throw stop("confirm", `the rotation was not confirmed. Nothing was created; ${keyId} is unchanged.`, untouched());
  }

  /** The error for a create whose outcome is unknown, naming the keys it may have made. */
  const unknownCreate = async (error: unknown, attempt: { name: string; startedAt: number; endedAt: number }): Promise<RotationError> => {
    const why = `the create's outcome is unknown (${reason(error, redact)}): the key may exist without anyone holding its secret.`;
    const quoted = JSON.stringify(attempt.name);
    let ids: string[];
    try {
      ids = (await findKeysFromUnknownCreate(client, { ...attempt, excludeIds: [keyId] })).map((key) => key.id);
    } catch (thrown) {
      const since = new Date(attempt.startedAt).toISOString();
      const check: RotationRemedy = { purpose: "check", action: "list", keyId: undefined, why: `look for keys named ${quoted} created since ${since}, and delete them` };
      const words = `${why} Listing the keys to find out failed too (${reason(thrown, redact)}); ${keyId} is unchanged.`;
      return stop("create", words, { ...untouched([check]), secret: "lost" }, error);
    }
    const found =
      ids.length === 0
        ? `No key named ${quoted} was created meanwhile, so none seems to have been made; ${keyId} is unchanged.`
        : `Keys named ${quoted} created meanwhile, whose secrets nobody holds: ${ids.join(", ")}. ${keyId} is unchanged.`;
    const remedies: RotationRemedy[] = [
      ...ids.map((id): RotationRemedy => ({ purpose: "undo", action: "delete", keyId: id, why: `${id} may have been made by the failed create; nobody holds its secret` })),
      { ...retry, why: ids.length === 0 ? retry.why : `once the keys above are deleted, rotate ${keyId} again` },
    ];
    return stop("create", `${why} ${found}`, { ...untouched(remedies), possibleNewKeyIds: ids, secret: ids.length === 0 ? "none" : "lost" }, error);
  };

  // 2. create
  const startedAt = now();
  let created: AdminApiKeyCreateResponse;
  try {
    created = await client.adminApiKeys.create(params);
  } catch (error) {
    if (error instanceof InvalidParameterError) throw error;
    if (!createOutcomeUnknown(error)) {
      throw stop("create", `creating the new key failed (${reason(error, redact)}). Nothing was created; ${keyId} is unchanged.`, untouched([retry]), error);
    }
    throw await unknownCreate(error, { name, startedAt, endedAt: now() });
  }
  const { value: secret, ...newKey } = created;
  const createDone: RotationStep = { step: "create", outcome: "done", summary: `created ${newKey.id} (${name}), which ${expiry(newKey.expires_at)}` };
  const undoNew: RotationRemedy = { purpose: "undo", action: "delete", keyId: newKey.id, why: `${newKey.id} is the new key; deleting it leaves ${keyId} as it was` };

  // 3. deliver
  // The new key exists from here on: retrying means deleting it first.
  const retryAfterUndo: RotationRemedy = { ...retry, why: `once ${newKey.id} is deleted, rotate ${keyId} again` };
  const lostSecret: RotationState = { ...untouched([undoNew, retryAfterUndo]), newKey: { id: newKey.id, presence: "exists" }, secret: "lost" };
  // The answer came from a server: a create without a usable secret leaves a key nobody can use,
  // and there is no secret to hide beyond `sk-…` tokens.
  if (typeof secret !== "string" || secret === "") {
    record(createDone);
    const cause = new Error(`the server's answer to the create holds no secret (no "value")`);
    throw stop("deliver", `${newKey.id} was created, but ${cause.message}. Nobody holds its secret; ${keyId} is unchanged.`, lostSecret, cause);
  }
  // From here on the new secret is hidden wherever it appears, starting with the create's summary.
  redact = secretRedactor(secret);
  record(createDone);
  let secretLocation: string;
  try {
    secretLocation = await options.deliver(secret, newKey);
  } catch (error) {
    throw stop("deliver", `${newKey.id} was created, but handing its secret over failed (${reason(error, redact)}). Nobody holds its secret; ${keyId} is unchanged.`, lostSecret, error);
  }
  record({ step: "deliver", outcome: "done", summary: `secret handed over: ${secretLocation}` });
  const delivered = (remedies: readonly RotationRemedy[], oldPresence: KeyPresence = "exists"): RotationState => ({
    oldKey: { id: keyId, presence: oldPresence },
    newKey: { id: newKey.id, presence: "exists" },
    possibleNewKeyIds: undefined,
    secret: "delivered",
    secretLocation,
    remedies,
  });
  const finish: RotationRemedy = { purpose: "finish", action: "delete", keyId, why: `${keyId} is the old key; ${newKey.id} replaces it` };

  // 4. verify, with the new secret
  try {
    const verifier = createAdminKeysClient({ ...options.clientOptions, apiKey: secret });
    const seen = await verifier.adminApiKeys.retrieve(newKey.id);
    // The record came from a server: its id is redacted like any text an error holds.
    if (seen.id !== newKey.id) throw new AdminKeysError(redact(`the server answered with the record of ${String(seen.id)}, not ${newKey.id}`));
  } catch (error) {
    const state = delivered([undoNew, { ...finish, why: `once ${newKey.id}'s secret is known to work; ${keyId} is the old key` }]);
    throw stop(
      "verify",
      `${newKey.id} was created and its secret handed over (${redact(secretLocation)}), but a request made with the new secret failed (${reason(error, redact)}). ${keyId} was not deleted; both keys exist.`,
      state,
      error,
    );
  }
  record({ step: "verify", outcome: "done", summary: `${newKey.id} retrieved its own record with its own secret` });

  // 5. delete
  if (keepOld) {
    record({ step: "delete", outcome: "skipped", summary: `kept ${keyId}` });
    return { dryRun: false, oldKey, newKeyParams: params, newKey, secretLocation, verified: true, oldKeyDeleted: false, steps };
  }
  const deleteFailed = (error: unknown, unknown: boolean): RotationError => {
    const words = unknown ? `${keyId} may or may not have been deleted` : `${keyId} was not deleted; both keys exist`;
    return stop("delete", `${newKey.id} is in place and verified, its secret handed over (${redact(secretLocation)}), but deleting ${keyId} failed (${reason(error, redact)}): ${words}.`, delivered([finish], unknown ? "unknown" : "exists"), error);
  };
  let deletion: { readonly deleted: unknown } | undefined;
  try {
    deletion = await client.adminApiKeys.delete(keyId);
  } catch (error) {
    // Gone already (deleted by someone else meanwhile): what this step was for has happened.
    if (!(error instanceof NotFoundError)) throw deleteFailed(error, error instanceof APIError && (error.status === undefined || error.status >= 500));
  }
  // The answer came from a server: only `deleted: true` says the old key is gone.
  if (deletion !== undefined && deletion.deleted !== true) {
    throw deleteFailed(new AdminKeysError(`the server's answer does not confirm it (deleted: ${JSON.stringify(deletion.deleted) ?? "missing"})`), true);
  }
  record({ step: "delete", outcome: "done", summary: deletion === undefined ? `${keyId} was already deleted` : `deleted ${keyId}` });
  return { dryRun: false, oldKey, newKeyParams: params, newKey, secretLocation, verified: true, oldKeyDeleted: true, steps };
}
