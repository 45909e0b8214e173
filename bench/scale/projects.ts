// One throw-away project per size under .tmp/bench/scale/<operations>/: the synthetic spec as
// YAML (as this project keeps its spec), the project's redocly.yaml and package.json, and links
// to scripts/ (redocly.yaml loads its plugin from there) and node_modules/. Every command of the
// figure runs in such a directory, as it would in a project of that size.

import { copyFileSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { JsonObject } from "../../scripts/spec/json-value.js";
import { parseSpecText } from "../../scripts/spec/load.js";
import { requireCommonJs } from "../../scripts/require-commonjs.js";
import { ROOT } from "../harness.js";
import { syntheticSpec } from "./synthetic-spec.js";

export const SCALE_DIR = join(ROOT, ".tmp", "bench", "scale");

interface JsYamlDump {
  dump(value: unknown, options: { lineWidth: number; noRefs: boolean }): string;
}

export interface ScaleProject {
  readonly operations: number;
  readonly dir: string;
  /** Bytes of its spec/openapi.yaml. */
  readonly specBytes: number;
}

export function fragment(): JsonObject {
  const text = readFileSync(join(ROOT, "spec", "openapi.yaml"), "utf8");
  return parseSpecText(text, "spec/openapi.yaml").data as JsonObject;
}

export function writeProject(base: JsonObject, operations: number): ScaleProject {
  const dir = join(SCALE_DIR, String(operations));
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, "spec"), { recursive: true });
  const yaml = (requireCommonJs("js-yaml") as JsYamlDump).dump(syntheticSpec(base, operations), { lineWidth: -1, noRefs: true });
  writeFileSync(join(dir, "spec", "openapi.yaml"), yaml);
  copyFileSync(join(ROOT, "redocly.yaml"), join(dir, "redocly.yaml"));
  copyFileSync(join(ROOT, "package.json"), join(dir, "package.json"));
  symlinkSync(join(ROOT, "scripts"), join(dir, "scripts"), "dir");
  symlinkSync(join(ROOT, "node_modules"), join(dir, "node_modules"), "dir");
  return { operations, dir, specBytes: Buffer.byteLength(yaml) };
}
