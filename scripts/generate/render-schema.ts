// Renders generated/schema.ts (`paths`, `components`, `operations`) with openapi-typescript's Node
// API. Its output is the type source everything else names; we only re-indent it.

import type * as OpenapiTypescript from "openapi-typescript";
import type { OpenAPI3 } from "openapi-typescript";
import { halveIndentation } from "./indent.js";
import type { OpenApiDocument } from "./openapi.js";
import { requireCommonJs } from "../require-commonjs.js";

const { default: openapiTS, astToString } = requireCommonJs("openapi-typescript") as typeof OpenapiTypescript;

/** The body of generated/schema.ts (without the header line). */
export async function renderSchema(document: OpenApiDocument, cwd: string): Promise<string> {
  // The already-parsed document: openapi-typescript then skips reading and parsing the file.
  // Our loose reading type and its strict one describe the same linted document.
  const nodes = await openapiTS(document as unknown as OpenAPI3, { cwd, silent: true });
  return halveIndentation(astToString(nodes));
}
