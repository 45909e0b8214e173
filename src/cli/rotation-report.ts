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
 * io.stdout(stepLine({ step: "delete", outcome: "done", summary: "deleted key_old" })); // "  5. delete    deleted key_old\n"
 * ```
 */
export function stepLine(step: RotationStep, summary = step.summary): string {
  return `  ${STEP_NUMBERS[step.step]}. ${step.step.padEnd(9)} ${clean(summary)}\n`;
}

/** The command a remedy stands for, with this run's connection flags. */
function remedyCommand(remedy: RotationRemedy, flags: Flags, retryWords: readonly string[]): string {
  switch (remedy.action) {
    case "delete":
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
export function rotationFailureText(error: RotationError, flags: Flags, retryWords: readonly string[]): string {
  const { state, step } = error;
  const where = step === "confirm" ? "before anything was created" : `at step ${STEP_NUMBERS[step]} of 5 (${step})`;
  const cause = error.cause === undefined ? clean(error.message) : describeFailure(error.cause);
  const lines = [`error: rotating ${clean(state.oldKey.id)} stopped ${where}: ${cause}`, "State of the organization now:", oldKeyLine(state, step)];
  if (state.newKey !== undefined) {
    const secret = state.secret === "delivered" ? `its secret: ${clean(state.secretLocation ?? "delivered")}` : "nobody holds its secret";
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
export function rotationStateJson(error: RotationError, flags: Flags, retryWords: readonly string[]): Record<string, unknown> {
  const { state } = error;
  return {
    failed_step: error.step,
    error: error.cause === undefined ? error.message : describeFailure(error.cause),
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
