// The generator's structural checks, in-process: each problem at the line and column of what
// causes it (bad-spec.test.ts runs the commands on broken copies of the real spec).

import { describe, expect, it } from "vitest";
import { checkStructure } from "../../scripts/generate/check-spec.js";
import { parseSpecText } from "../../scripts/spec/load.js";

const SPEC = [
  "openapi: 3.1.0",
  "paths:",
  "  /a:",
  "    get:",
  "      operationId: things",
  "      responses:",
  "        '200':",
  "          $ref: '#/components/responses/Missing'",
  "    post:",
  "      operationId: things",
  "  /b:",
  "    get:",
  "      summary: no id",
  "components:",
  "  schemas:",
  "    LoopA:",
  "      $ref: '#/components/schemas/LoopB'",
  "    LoopB:",
  "      $ref: '#/components/schemas/LoopA'",
  "    Outside:",
  "      $ref: 'other.yaml#/Thing'",
  "    Fine:",
  "      type: object",
  "      properties:",
  "        self:",
  "          $ref: '#/components/schemas/Fine'",
  "      example:",
  "        $ref: not a reference, an example value",
].join("\n");

describe("checkStructure", () => {
  const problems = checkStructure(parseSpecText(SPEC, "spec.yaml")).map(({ line, col, message }) => `${line}:${col} ${message}`);

  it("finds every broken reference, at its $ref, and leaves recursion through properties and examples alone", () => {
    expect(problems.filter((problem) => problem.includes("$ref"))).toEqual([
      '8:11 unresolvable $ref "#/components/responses/Missing": nothing exists at components.responses.Missing',
      '17:7 circular $ref "#/components/schemas/LoopB": it leads back to itself',
      '19:7 circular $ref "#/components/schemas/LoopA": it leads back to itself',
      '21:7 unsupported $ref "other.yaml#/Thing": only references inside this file ("#/...") are supported',
    ]);
  });

  it("finds a missing and a repeated operationId, naming the line of the first use", () => {
    expect(problems.filter((problem) => problem.includes("operationId"))).toEqual([
      '10:7 duplicate operationId "things" (POST /a); line 5 already uses it, and each operationId must be unique',
      "12:5 GET /b has no operationId; the generator names its function after it",
    ]);
  });
});
