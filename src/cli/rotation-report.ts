// How `rotate` tells what happened: each step as it is done, the plan of a dry run, and, when a
// step failed, the state of the organization (which keys exist, where the secret is) and the
// commands that finish or undo the rotation, built from the library's RotationError state.
// Values from a server pass `clean`; commands come from suggest.ts, ready to paste.

import type { RotationError, RotationRemedy, RotationState, RotationStep, RotationStepName } from "../index.js";
import type { Flags } from "./args.js";
import { clean } from "./format.js";
import { describeFailure } from "./report.js";
import { suggestedCommand } from "./suggest.js";

const STEP_NUMBERS: Readonly<Record<RotationStepName, number>> = { retrieve: 1, create: 2, deliver: 3, verify: 4, delete: 5 };

/**
 * One step as a line: `  4. verify    key_new retrieved its own record with its own secret`.
 *
 * @example
 * ```ts
 * io.stdout(stepLine({ step: "delete", summary: "deleted key_old" })); // "  5. delete    deleted key_old\n"
 * ```
 */
export function stepLine(step: Pick<RotationStep, "step" | "summary">): string {
  return `  ${STEP_NUMBERS[step.step]}. ${step.step.padEnd(9)} ${clean(step.summary)}\n`;
}

/**
 * A rotation that stopped at one of its five steps. A confirmation that said no (step `confirm`)
 * is a cancellation, not a failure: nothing exists to report, and rotate says so in its own words.
 */
export type StepFailure = RotationError & { readonly step: RotationStepName };

/**
 * Whether a RotationError stopped at a step (rather than at the confirmation).
 *
 * @example
 * ```ts
 * if (!stoppedAtStep(error)) return cancelled();
 * io.stderr(rotationFailureText(error, flags, retryWords));
 * ```
 */
export function stoppedAtStep(error: RotationError): error is StepFailure {
  return error.step !== "confirm";
}

/**
 * Why a step failed: its cause as the CLI describes failures (a server's status and request id
 * included). The library keeps what failed as the cause of every step's failure; only a value
 * thrown as `undefined` would leave none, and then the rotation's own words stand.
 */
function failureWords(error: StepFailure): string {
  return describeFailure(error.cause ?? error);
}

/** The command a remedy stands for, with this run's connection flags. */
function remedyCommand(remedy: RotationRemedy, flags: Flags, retryWords: readonly string[]): string {
  switch (remedy.action) {
    case "delete":
      // Stryker disable next-line StringLiteral: the library names the key of every delete remedy (rotate-key.ts: the new key, the old one, or a possible duplicate); the fallback only satisfies the optional type
      return suggestedCommand(flags, ["delete", remedy.keyId ?? "", "--yes"]);
    case "rotate":
      return suggestedCommand(flags, retryWords);
    case "list":
      return suggestedCommand(flags, ["list", "--all", "--order", "desc"]);
  }
}

function oldKeyLine(state: RotationState, step: string): string {
  const id = clean(state.oldKey.id);
  switch (state.oldKey.presence) {
    case "absent":
      return `  ${id}  does not exist`;
    case "unknown":
      return step === "delete" ? `  ${id}  may or may not have been deleted (the delete's outcome is unknown)` : `  ${id}  could not be read`;
    case "exists":
      return step === "delete" ? `  ${id}  still exists (the old key; not deleted)` : `  ${id}  exists, unchanged (the old key)`;
  }
}

/**
 * A failed rotation, for stderr: the failure, the state of the organization, and what to run next.
 *
 * @example
 * ```ts
 * io.stderr(rotationFailureText(error, flags, ["rotate", "key_old", "--expires-in", "30d"]));
 * ```
 */
export function rotationFailureText(error: StepFailure, flags: Flags, retryWords: readonly string[]): string {
  const { state, step } = error;
  const lines = [`error: rotating ${clean(state.oldKey.id)} stopped at step ${STEP_NUMBERS[step]} of 5 (${step}): ${failureWords(error)}`, "State of the organization now:", oldKeyLine(state, step)];
  if (state.newKey !== undefined) {
    // The library gives the secret's location once the secret is delivered, and only then.
    const secret = state.secretLocation === undefined ? "nobody holds its secret" : `its secret: ${clean(state.secretLocation)}`;
    lines.push(`  ${clean(state.newKey.id)}  exists (the new key); ${secret}`);
  }
  for (const id of state.possibleNewKeyIds ?? []) lines.push(`  ${clean(id)}  may have been made by the failed create; nobody holds its secret`);
  if (state.newKey === undefined) {
    if (state.possibleNewKeyIds === undefined && state.secret === "lost") lines.push("  a new key may have been made by the failed create; the search for it failed, and nobody holds its secret");
    else if ((state.possibleNewKeyIds ?? []).length === 0) lines.push("  no new key was created");
  }
  if (state.remedies.length > 0) {
    lines.push("What to do:");
    for (const remedy of state.remedies) lines.push(`  to ${remedy.purpose.padEnd(6)} ${remedyCommand(remedy, flags, retryWords)}    (${clean(remedy.why)})`);
  }
  return `${lines.join("\n")}\n`;
}

/**
 * The state as JSON for `rotate --json`, the commands included.
 *
 * @example
 * ```ts
 * io.stdout(jsonText({ rotated: false, ...rotationStateJson(error, flags, retryWords) }, 2));
 * ```
 */
export function rotationStateJson(error: StepFailure, flags: Flags, retryWords: readonly string[]): Record<string, unknown> {
  const { state } = error;
  return {
    failed_step: error.step,
    error: failureWords(error),
    state: {
      old_key: state.oldKey,
      new_key: state.newKey ?? null,
      possible_new_key_ids: state.possibleNewKeyIds ?? null,
      secret: state.secret,
      secret_location: state.secretLocation ?? null,
    },
    next: state.remedies.map((remedy) => ({ purpose: remedy.purpose, command: remedyCommand(remedy, flags, retryWords), why: remedy.why })),
    steps: error.steps,
  };
}
