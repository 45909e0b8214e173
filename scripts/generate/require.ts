// The generator's heavy dependencies (ts-morph, openapi-typescript and the TypeScript compiler it
// brings, Redocly, ajv, yaml) are CommonJS. We load them with `require`, not `import`: importing
// CommonJS from ES modules makes Node scan each file's source for its export names first
// (cjs-module-lexer), and for these files that scan alone costs over half a second per run.
// Each caller keeps full typing with `as typeof import("…")`; only values go through here.

import { createRequire } from "node:module";

export const requireCommonJs = createRequire(import.meta.url);
