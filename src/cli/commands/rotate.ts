// admin-keys rotate <id>: the library's rotateKey, with the CLI's delivery (a --secret-file, or
// the secret printed once), its confirmation (asked on a terminal; elsewhere only --yes), and its
// report: each step as it is done, and on failure the state and the commands that finish or undo
// it (rotation-report.ts). Everything that can refuse is checked before anything is created.

import { RotationError, type RotationReport, type RotationStep } from "../../index.js";
import { type Flags, parseDuration, stringFlag } from "../args.js";
import type { CommandContext } from "../context.js";
import { clean, keyName, relativeTime } from "../format.js";
import type { CliIo } from "../io.js";
import { jsonText } from "../json.js";
import { CliError, EXIT_FAILURE, EXIT_USAGE } from "../report.js";
import { rotationFailureText, rotationStateJson, stepLine, stoppedAtStep } from "../rotation-report.js";
import { checkSecretFileTarget, writeSecretFile } from "../secret-file.js";

/** The words of `admin-keys rotate …` that would run this rotation again (without --yes or --dry-run). */
function retryWords(id: string, flags: Flags): string[] {
  const words = ["rotate", id];
  for (const flag of ["name", "expires-in", "secret-file"]) {
    const value = stringFlag(flags, flag);
    if (value !== undefined) words.push(`--${flag}`, value);
  }
  if (flags["keep-old"] === true) words.push("--keep-old");
  return words;
}

function secretBlock(secret: string): string {
  return `\n    ${clean(secret)}\n\n  This is the new key's secret. Store it now: it will not be shown again.\n\n`;
}

function planText(report: RotationReport, io: CliIo, target: string | undefined, flags: Flags): string {
  const { oldKey, newKeyParams } = report;
  const now = io.now();
  const lifetime = newKeyParams.expires_in_seconds === undefined ? "never expires" : `expires ${relativeTime(now / 1000 + newKeyParams.expires_in_seconds, now)}`;
  const oldId = clean(oldKey.id);
  const deletion =
    flags["keep-old"] === true ? `would keep ${oldId} (--keep-old)` : `would delete ${oldId}${flags["yes"] === true ? "" : ", after asking (--yes: without asking)"}`;
  const lines: [RotationStep["step"], string][] = [
    ["retrieve", `found ${oldId} (${keyName(oldKey)}, created ${relativeTime(oldKey.created_at, now)})`],
    ["create", `would create a key named ${clean(JSON.stringify(newKeyParams.name))} that ${lifetime}`],
    ["deliver", target === undefined ? "would print its secret once" : `would write its secret to ${clean(target)} (mode 0600; checked: it does not exist, its folder is writable)`],
    ["verify", "would retrieve the new key's own record with the new secret"],
    ["delete", deletion],
  ];
  const body = lines.map(([step, summary]) => stepLine({ step, summary })).join("");
  return `Dry run: rotating ${oldId} would take these steps; nothing was created or deleted.\n${body}`;
}

/**
 * `admin-keys rotate <id>`: replaces a key by a new one, verified with its own secret before the
 * old one is deleted.
 *
 * @example
 * ```ts
 * const code = await rotate(commandContext(io, { "secret-file": "new.key", yes: true }, ["key_old"], COMMANDS.rotate.usage));
 * ```
 */
export async function rotate(context: CommandContext): Promise<number> {
  const { flags, io, usage } = context;
  // Stryker disable next-line StringLiteral: parseCommandLine (args.ts) runs rotate only with exactly one positional (its spec's <id>), so the default never applies; it only makes `id` a string for TypeScript
  const [id = ""] = context.positionals;
  const json = flags["json"] === true;
  const dryRun = flags["dry-run"] === true;
  const keepOld = flags["keep-old"] === true;
  const expiresIn = stringFlag(flags, "expires-in");
  const expiresInSeconds = expiresIn === undefined ? undefined : parseDuration(expiresIn, usage);
  const secretFile = stringFlag(flags, "secret-file");
  // Every refusal comes before the create: afterwards it would leave a key nobody holds or wants.
  const target = secretFile === undefined ? undefined : await checkSecretFileTarget(secretFile);
  const mustAsk = !dryRun && !keepOld && flags["yes"] !== true;
  if (mustAsk && !io.stdinIsTTY) {
    throw new CliError(
      `Not rotating ${clean(id)}: it would be deleted at the end, and standard input is not a terminal, so nobody can confirm. Pass --yes to delete it without asking, or --keep-old to keep it.`,
      EXIT_USAGE,
    );
  }
  const keys = context.keys();
  let held: string | undefined;

  let report: RotationReport;
  try {
    report = await keys.rotate(id, {
      name: stringFlag(flags, "name"),
      expiresInSeconds,
      keepOld,
      dryRun,
      confirm: mustAsk
        ? async (oldKey) => {
            const question = `Rotate admin key ${clean(oldKey.id)} (${keyName(oldKey)}, created ${relativeTime(oldKey.created_at, io.now())})? A new key is created, and ${clean(oldKey.id)} is deleted once the new secret is verified. [y/N] `;
            return /^y(es)?$/i.test((await io.prompt(question)).trim());
          }
        : undefined,
      onStep(step) {
        if (!json && !dryRun) io.stdout(stepLine(step));
      },
      async deliver(secret) {
        if (target !== undefined) {
          await writeSecretFile(target, secret);
          return `written to ${target} (mode 0600)`;
        }
        if (json) {
          held = secret;
          return "in this run's JSON output, once";
        }
        io.stdout(secretBlock(secret));
        return "printed above, once";
      },
    });
  } catch (error) {
    if (!(error instanceof RotationError)) throw error;
    if (!stoppedAtStep(error)) {
      io.stderr(`Cancelled; nothing was created and ${clean(id)} is unchanged.\n`);
      return EXIT_FAILURE;
    }
    // The new secret is hidden in what a failure says (a server may echo it into an error); it is
    // printed only where it is handed over: above, or in the JSON below.
    if (json) {
      const document = keys.hiddenCopy({ rotated: false, ...rotationStateJson(error, flags, retryWords(id, flags)) });
      // The secret was held for this output; a rotation that stopped after it was made must still hand it over.
      // Before that, `held` is undefined, and JSON leaves the field out.
      io.stdout(`${jsonText({ ...document, new_key_value: held }, 2)}\n`);
    }
    io.stderr(keys.hiddenText(rotationFailureText(error, flags, retryWords(id, flags))));
    return EXIT_FAILURE;
  }

  if (report.dryRun) {
    io.stdout(json ? `${jsonText({ rotated: false, dry_run: true, old_key: report.oldKey, plan: report.steps, secret_file: target ?? null }, 2)}\n` : planText(report, io, target, flags));
    return 0;
  }
  const newKey = report.newKey;
  if (json) {
    // The secret, when it was held for this output; else undefined, which JSON leaves out.
    const shownKey = { ...newKey, value: held };
    io.stdout(`${jsonText({ rotated: true, dry_run: false, old_key: report.oldKey, new_key: shownKey, secret_file: target ?? null, old_key_deleted: report.oldKeyDeleted, steps: report.steps }, 2)}\n`);
    return 0;
  }
  // Stryker disable next-line OptionalChaining,StringLiteral: every report that is not a dry run has its new key (rotate-key.ts); the fallback only satisfies the type, which the dry run's report shares
  const newId = clean(newKey?.id ?? "");
  io.stdout(report.oldKeyDeleted ? `Rotated: ${newId} replaces ${clean(report.oldKey.id)}.\n` : `Rotated: ${newId} is verified; ${clean(report.oldKey.id)} was kept (--keep-old).\n`);
  return 0;
}
