// The fixed part of generated/client.ts: the declarations that do not depend on the spec. The
// call types and parsers are written here as source text, because that is all they are to the
// generator; the constraint model is a real module (constraint-model.ts) that the generator
// itself is typed by, copied in from its source. The per-operation parts are built as ts-morph
// structures in client.ts.

import { readFileSync } from "node:fs";
import type { Project, SourceFile } from "ts-morph";
import { isReservedTypeName } from "./names.js";

/** CallInit and CallResult. */
export const CALL_DECLARATIONS = `/** Options passed through to openapi-fetch for one call. */
export interface CallInit {
  signal?: AbortSignal | undefined;
  headers?: Record<string, string> | undefined;
  /** The fetch for this call, instead of the client's. */
  fetch?: ((request: Request) => Promise<Response>) | undefined;
}

/**
 * One exchange whose status and headers have arrived, its body left unread (openapi-fetch's
 * \`parseAs: "stream"\`), so the caller decides how much of it to read. \`body\` is null when there
 * is none, or when openapi-fetch read it already (a non-2xx answer). \`parse\` turns the body's
 * text into the type the spec gives the success answer. Check \`response.ok\` first.
 */
export interface CallResult<T> {
  readonly response: Response;
  readonly body: ReadableStream<Uint8Array> | null;
  readonly parse: (text: string) => T;
}`;

/** The parsers behind \`CallResult.parse\`: JSON as the spec's type, or nothing for a bodiless answer. */
export const PARSE_JSON = `function parseJson<T>(text: string): T {
  return JSON.parse(text);
}`;

/** Emitted only when some operation's success answer has no body. */
export const PARSE_NOTHING = `function parseNothing(): undefined {
  return undefined;
}`;

const CONSTRAINT_MODEL = new URL("./constraint-model.ts", import.meta.url);

export interface ConstraintModel {
  /** FieldConstraint and OperationConstraints as constraint-model.ts declares them, TSDoc included. */
  readonly declarations: string;
  /** FieldConstraint's properties in declaration order: the key order of every table entry. */
  readonly fieldKeys: readonly string[];
}

/** Reads constraint-model.ts into `project`; refuses anything generated/client.ts could not hold. */
export function readConstraintModel(project: Project): ConstraintModel {
  const file = project.createSourceFile("constraint-model.ts", readFileSync(CONSTRAINT_MODEL, "utf8"));
  const problem = modelProblem(file);
  if (problem !== undefined) {
    throw new Error(`scripts/generate/constraint-model.ts ${problem}; it is copied into generated/client.ts as it is`);
  }
  return {
    declarations: file.getInterfaces().map((declaration) => declaration.getText(true)).join("\n\n"),
    fieldKeys: file.getInterfaceOrThrow("FieldConstraint").getProperties().map((property) => property.getName()),
  };
}

function modelProblem(file: SourceFile): string | undefined {
  const interfaces = file.getInterfaces();
  // An import or a value would need run-time code from scripts/ in generated/.
  if (file.getStatements().length !== interfaces.length) return "holds something besides interfaces";
  if (interfaces.some((declaration) => !declaration.isExported())) return "has an interface that is not exported";
  // A schema could otherwise be given the same name as one of them (see names.ts).
  if (interfaces.some((declaration) => !isReservedTypeName(declaration.getName()))) return "declares a name names.ts does not reserve";
  return undefined;
}
