// generate lints in a worker thread while it renders: the worker must find exactly what the
// in-process lint (npm run lint) finds, warnings and errors, at the same places.

import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { lintSpec, lintSpecInWorker } from "../../scripts/generate/lint-spec.js";
import { ROOT } from "./project-copy.js";

const SPEC = join(ROOT, "spec/openapi.yaml");
const CONFIG = join(ROOT, "redocly.yaml");

describe("lintSpecInWorker", () => {
  it("reports what lintSpec reports, on a spec with problems", async () => {
    const good = await readFile(SPEC, "utf8");
    const text = good.replace("operationId: admin-api-keys-get", "operationId: admin-api-keys-list").replace("summary: Retrieve a single organization API key", "summary: x");
    const inWorker = await lintSpecInWorker({ path: SPEC, text }, CONFIG);
    expect(inWorker.some((problem) => problem.rule === "operation-operationId-unique" && problem.severity === "error" && problem.line > 0)).toBe(true);
    expect(inWorker).toEqual(await lintSpec({ path: SPEC, text }, CONFIG));
  }, 30_000);

  it("rejects, naming the cause, when Redocly cannot run", async () => {
    await expect(lintSpecInWorker({ path: SPEC, text: "openapi: 3.1.0\n" }, join(ROOT, "no-such-redocly.yaml"))).rejects.toThrow(/no-such-redocly\.yaml/);
  });
});
