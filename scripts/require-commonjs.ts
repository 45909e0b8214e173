// How the pipeline's commands load their heavy dependencies (ts-morph, openapi-typescript and the
// TypeScript compiler it brings, Redocly, ajv, js-yaml), all CommonJS: with `require`, not
// `import`. Importing CommonJS from an ES module makes Node scan each file's source for its
// export names first (cjs-module-lexer); and for a package with an ESM build, `import` loads that
// build, through tsx's loader. Measured under tsx: openapi-typescript takes 0.34 s by require and
// 0.63 s by import. Each caller keeps full typing with `as typeof import("…")`; only values go
// through here. Callers that need a dependency only sometimes require it inside the function
// that uses it, or are themselves imported lazily (see generate/pipeline.ts).

import { createRequire } from "node:module";

export const requireCommonJs = createRequire(import.meta.url);
