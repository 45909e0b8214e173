// Every response body that any startMockServer sends during the whole test run (in any worker or
// child process) is appended to one log file; when the run ends, each is validated against the
// response schema of its operation and status in spec/openapi.yaml. A server that drifts from the
// spec fails the run, naming the operation, the status and the validation error.
import { mkdtempSync, readFileSync, rmSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { MockResponseRecord } from "../../src/testing/index.js";
import { RESPONSE_LOG_ENV } from "../../src/testing/index.js";
import { assertMatchesSpec } from "../testing/spec.js";

let folder = "";
let logFile = "";

export function setup(): void {
  folder = mkdtempSync(join(tmpdir(), "admin-keys-responses-"));
  logFile = join(folder, "responses.jsonl");
  process.env[RESPONSE_LOG_ENV] = logFile;
}

/** Validates each logged response; throws one error that lists every mismatch. */
export function checkResponseLog(file: string): { checked: number; failures: string[] } {
  const failures: string[] = [];
  let checked = 0;
  if (!existsSync(file)) return { checked, failures };
  for (const line of readFileSync(file, "utf8").split("\n")) {
    if (line === "") continue;
    const record = JSON.parse(line) as MockResponseRecord;
    // A `malformed` fault sends a broken body on purpose, to test the client.
    if (record.fault === "malformed") continue;
    checked++;
    try {
      assertMatchesSpec(record);
    } catch (error) {
      failures.push(error instanceof Error ? error.message : String(error));
    }
  }
  return { checked, failures };
}

export function teardown(): void {
  try {
    const { checked, failures } = checkResponseLog(logFile);
    if (failures.length > 0) {
      // Vitest reports an error thrown here but does not fail the run for it; the exit code does.
      process.exitCode = 1;
      const shown = [...new Set(failures)].slice(0, 20).map((failure) => `  - ${failure}`).join("\n");
      throw new Error(`${failures.length} of ${checked} responses from the local server break spec/openapi.yaml:\n${shown}`);
    }
    console.log(`Checked ${checked} local-server responses against spec/openapi.yaml: all match.`);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
