// The type check on its own: the generated types of two documents, compared at named spots.

import { beforeAll, describe, expect, it } from "vitest";
import { typesDiffer } from "../../scripts/spec-diff/confirm-types.js";
import type { JsonObject } from "../../scripts/spec/json-value.js";
import { LIST, loadSpec, mutated } from "./helpers.js";

const query = (name: string) => ["paths", LIST, "get", "parameters", "query", name];
const listedKey = (name: string) => ["paths", LIST, "get", "responses", 200, "content", "application/json", "data", { items: true } as const, name];

let base: JsonObject;
beforeAll(async () => {
  base = await loadSpec();
});

describe("typesDiffer", () => {
  it("tells which spots of the generated types changed, and which did not", async () => {
    const after = mutated(base, (spec) => {
      spec.get("components", "parameters", "Limit", "schema").type = "string";
      spec.property("AdminApiKey", "name").type = "string";
      spec.get("components", "parameters", "Order", "schema").maximum = 3;
    });
    const [verdicts] = await typesDiffer([
      {
        before: base,
        after,
        probes: [query("limit"), query("after"), query("order"), listedKey("name"), listedKey("id"), ["operations", "admin-api-keys-list"], ["operations", "admin-api-keys-delete"]].map((steps) => ({
          before: steps,
          after: steps,
        })),
      },
    ]);
    expect(verdicts).toEqual([true, false, false, true, false, true, false]);
  });

  it("sees a property moved to another name even when every property is optional", async () => {
    const after = mutated(base, (spec) => {
      spec.parameter("After").name = "starting_after";
    });
    const [verdicts] = await typesDiffer([{ before: base, after, probes: [{ before: ["paths", LIST, "get", "parameters", "query"], after: ["paths", LIST, "get", "parameters", "query"] }] }]);
    expect(verdicts).toEqual([true]);
  });

  it("answers several comparisons in one pass, in order", async () => {
    const renamed = mutated(base, (spec) => {
      spec.get("paths", LIST, "get").operationId = "list-keys";
    });
    const probe = { before: ["operations", "admin-api-keys-list"], after: ["operations", "admin-api-keys-list"] };
    const verdicts = await typesDiffer([
      { before: base, after: base, probes: [probe] },
      { before: base, after: renamed, probes: [probe, { before: ["operations", "admin-api-keys-list"], after: ["operations", "list-keys"] }] },
    ]);
    expect(verdicts).toEqual([[false], [true, false]]);
  });
});
