// Where a change is written: the pointer's node in the text, a parameter by its name in its
// array, and for something removed its nearest ancestor still written.

import { describe, expect, it } from "vitest";
import { placeOf } from "../../scripts/spec-diff/locate.js";
import { parseSpecText } from "../../scripts/spec/load.js";

const TEXT = [
  "openapi: 3.1.0", // 1
  "paths:", // 2
  "  /things:", // 3
  "    get:", // 4
  "      parameters:", // 5
  "        - name: limit", // 6
  "          in: query", // 7
  "          schema:", // 8
  "            type: integer", // 9
  "        - name: order", // 10
  "          in: query", // 11
  "      responses: {}", // 12
  "components:", // 13
  "  schemas:", // 14
  "    Thing:", // 15
  "      properties:", // 16
  "        id: { type: string }", // 17
].join("\n");
const spec = parseSpecText(TEXT, "spec/openapi.yaml");

describe("placeOf", () => {
  it("finds a keyword, and a parameter named by name", () => {
    expect(placeOf(spec, "/components/schemas/Thing/properties/id")).toEqual({ file: "spec/openapi.yaml", line: 17, col: 9 });
    expect(placeOf(spec, "/paths/~1things/get/parameters/order")).toMatchObject({ line: 10, col: 11 });
    expect(placeOf(spec, "/paths/~1things/get/parameters/limit/schema/type")).toMatchObject({ line: 9, col: 13 });
  });

  it("puts something removed on its nearest ancestor still written", () => {
    expect(placeOf(spec, "/components/schemas/Thing/properties/name")).toMatchObject({ line: 16, col: 7 });
    expect(placeOf(spec, "/paths/~1things/get/parameters/after")).toMatchObject({ line: 5, col: 7 });
    expect(placeOf(spec, "/paths/~1things/delete")).toMatchObject({ line: 3, col: 3 });
  });
});
