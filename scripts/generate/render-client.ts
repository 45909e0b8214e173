// Renders generated/client.ts with ts-morph: a named alias per schema, parameter aliases per
// operation, the constraint table, and one function per operation whose signature names concrete
// types, so a consumer's type checker never has to infer through `paths`.

import type * as TsMorph from "ts-morph";
import type {
  CodeBlockWriter,
  StatementStructures,
  TypeAliasDeclarationStructure,
  WriterFunction,
} from "ts-morph";
import { CALL_DECLARATIONS, PARSE_JSON, PARSE_NOTHING, readConstraintModel } from "./client-declarations.js";
import type { FieldConstraint } from "./constraint-model.js";
import { literal } from "./literal.js";
import { requireCommonJs } from "../require-commonjs.js";
import { isReservedTypeName, propertyKey, schemaTypeName } from "./names.js";
import type { OpenApiDocument } from "./openapi.js";
import type { OperationModel, ParameterModel } from "./operations.js";

const { IndentationText, NewLineKind, Project, QuoteKind, StructureKind } = requireCommonJs("ts-morph") as typeof TsMorph;

/** The body of generated/client.ts (without the header line). */
export function renderClient(document: OpenApiDocument, operations: readonly OperationModel[]): string {
  const schemaAliases = Object.entries(document.components?.schemas ?? {}).map(([name, schema]) =>
    typeAlias(
      schemaTypeName(name),
      `components["schemas"][${JSON.stringify(name)}]`,
      schemaDoc(name, schema.description),
    ),
  );
  const operationAliases = operations.flatMap(parameterAliases);
  assertUniqueNames([...schemaAliases, ...operationAliases].map((alias) => alias.name));

  const project = new Project({
    useInMemoryFileSystem: true,
    manipulationSettings: {
      indentationText: IndentationText.TwoSpaces,
      newLineKind: NewLineKind.LineFeed,
      quoteKind: QuoteKind.Double,
      useTrailingCommas: true,
    },
  });
  const model = readConstraintModel(project);
  const blankLine: WriterFunction = (writer) => writer.blankLine();
  const statements: (string | WriterFunction | StatementStructures)[] = [
    ...imports(schemaAliases.length > 0, operations),
    blankLine,
    ...schemaAliases,
    blankLine,
    ...operationAliases,
    blankLine,
    `${CALL_DECLARATIONS}\n\n${model.declarations}`,
    blankLine,
    (writer) => writeConstraintTable(writer, operations, model.fieldKeys),
    ...(operations.some((operation) => operation.success.contentType) ? [blankLine, PARSE_JSON] : []),
    ...(operations.some((operation) => !operation.success.contentType) ? [blankLine, PARSE_NOTHING] : []),
    ...operations.flatMap((operation): WriterFunction[] => [
      blankLine,
      (writer) => writeOperationFunction(writer, operation),
    ]),
  ];
  // One structure → text pass: ts-morph prints everything at once instead of editing node by node.
  const text = project.createSourceFile("client.ts", { statements }).getFullText();
  // ts-morph adds its own blank line after some statements; keep one between any two.
  return text.replace(/\n{3,}/g, "\n\n");
}

function imports(hasSchemas: boolean, operations: readonly OperationModel[]): string[] {
  const schemaImports = [
    ...(hasSchemas ? ["components"] : []),
    ...(operations.some(usesOperationsType) ? ["operations"] : []),
    ...(operations.length > 0 ? ["paths"] : []),
  ];
  return [
    ...(operations.length > 0 ? ['import type { Client } from "openapi-fetch";'] : []),
    ...(schemaImports.length > 0 ? [`import type { ${schemaImports.join(", ")} } from "./schema.js";`] : []),
  ];
}

const usesOperationsType = (operation: OperationModel): boolean =>
  operation.pathParams.length > 0 || operation.queryParams.length > 0 ||
  (operation.body !== null && operation.body.namedType === undefined) ||
  (operation.success.contentType !== undefined && operation.success.namedType === undefined);

function typeAlias(name: string, type: string, doc: string): TypeAliasDeclarationStructure {
  return { kind: StructureKind.TypeAlias, isExported: true, name, type, docs: [doc] };
}

function schemaDoc(name: string, description: string | undefined): string {
  const text = commentSafe(description?.trim() || `The \`${name}\` schema of the spec.`);
  const renamed = schemaTypeName(name);
  if (renamed === name) return text;
  const why = renamed === `${name}Schema` ? `\`${name}\` would shadow the global` : `\`${name}\` is not an identifier`;
  return `${text} (Named \`${renamed}\`: ${why}.)`;
}

const endpoint = (operation: OperationModel): string => `\`${operation.method} ${operation.path}\``;
const operationType = (operation: OperationModel): string => `operations[${JSON.stringify(operation.operationId)}]`;

function parameterAliases(operation: OperationModel): TypeAliasDeclarationStructure[] {
  const aliases: TypeAliasDeclarationStructure[] = [];
  const op = operationType(operation);
  const prefix = operation.aliasPrefix;
  if (operation.queryParams.length > 0) {
    const query = `NonNullable<${op}["parameters"]["query"]>`;
    aliases.push(typeAlias(`${prefix}Query`, query, `Query parameters of ${endpoint(operation)}.`));
  }
  if (operation.pathParams.length > 0) {
    const path = `${op}["parameters"]["path"]`;
    aliases.push(typeAlias(`${prefix}Path`, path, `Path parameters of ${endpoint(operation)}.`));
  }
  if (operation.body && operation.body.namedType === undefined) {
    const content = `NonNullable<${op}["requestBody"]>["content"][${JSON.stringify(operation.body.contentType)}]`;
    aliases.push(typeAlias(`${prefix}Body`, content, `JSON body of ${endpoint(operation)}.`));
  }
  const { success } = operation;
  if (success.contentType !== undefined && success.namedType === undefined) {
    const content = `${op}["responses"][${JSON.stringify(success.status)}]["content"][${JSON.stringify(success.contentType)}]`;
    aliases.push(typeAlias(`${prefix}Response`, content, `The ${success.status} body of ${endpoint(operation)}.`));
  }
  return aliases;
}

function assertUniqueNames(names: readonly string[]): void {
  const seen = new Set<string>();
  for (const name of names) {
    if (seen.has(name) || isReservedTypeName(name)) {
      throw new Error(
        `generated/client.ts would declare the type ${name} twice (or shadow a global); ` +
          "rename the schema or operation that produces it",
      );
    }
    seen.add(name);
  }
}

/** `{ required: true, type: "string", minLength: 1 }`, keys in the order FieldConstraint declares them. */
function constraintLiteral(constraint: FieldConstraint, keys: readonly string[]): string {
  return literal(Object.fromEntries(keys.map((key) => [key, Reflect.get(constraint, key)])));
}

function writeFields(writer: CodeBlockWriter, fields: readonly (readonly [string, FieldConstraint])[], keys: readonly string[]): void {
  if (fields.length === 0) {
    writer.write("{}");
    return;
  }
  writer.inlineBlock(() => {
    for (const [name, constraint] of fields) {
      writer.writeLine(`${propertyKey(name)}: ${constraintLiteral(constraint, keys)},`);
    }
  });
}

const asFields = (parameters: readonly ParameterModel[]): [string, FieldConstraint][] =>
  parameters.map((parameter) => [parameter.name, parameter.constraint]);

function writeConstraintTable(writer: CodeBlockWriter, operations: readonly OperationModel[], keys: readonly string[]): void {
  writeDoc(writer, "The spec's constraints, one entry per operation, keyed by the generated function's name.");
  writer.write("export const operationConstraints = ").inlineBlock(() => {
    for (const operation of operations) {
      writer.write(`${operation.fnName}: `).inlineBlock(() => {
        writer.writeLine(`operationId: ${JSON.stringify(operation.operationId)},`);
        writer.writeLine(`method: ${JSON.stringify(operation.method)},`);
        writer.writeLine(`path: ${JSON.stringify(operation.path)},`);
        writer.writeLine(`paginated: ${operation.paginated},`);
        writer.write("path_params: ");
        writeFields(writer, asFields(operation.pathParams), keys);
        writer.write(",").newLine().write("query: ");
        writeFields(writer, asFields(operation.queryParams), keys);
        writer.write(",").newLine().write("body: ");
        const { body } = operation;
        if (body === null) writer.write("null");
        else {
          writer.inlineBlock(() => {
            writer.writeLine(`required: ${body.required},`).write("fields: ");
            writeFields(writer, body.fields, keys);
            writer.write(",").newLine();
          });
        }
        writer.write(",").newLine();
      });
      writer.write(",").newLine();
    }
  });
  writer.write(" as const satisfies Record<string, OperationConstraints>;").newLine();
}

interface Argument {
  readonly name: "path" | "query" | "body";
  readonly type: string;
  readonly optional: boolean;
  readonly example: unknown;
}

/** Example values for the TSDoc: the spec's examples, and a stand-in for a required one without. */
function exampleOf(parameters: readonly ParameterModel[]): Record<string, unknown> {
  const standIn = { string: "…", integer: 1, number: 1, boolean: true, array: [], object: {} };
  const shown = parameters.filter((parameter) => parameter.example !== undefined || parameter.constraint.required);
  return Object.fromEntries(shown.map((parameter) => [parameter.name, parameter.example ?? standIn[parameter.constraint.type]]));
}

function operationArguments(operation: OperationModel): Argument[] {
  const prefix = operation.aliasPrefix;
  const args: Argument[] = [];
  if (operation.pathParams.length > 0) {
    args.push({ name: "path", type: `${prefix}Path`, optional: false, example: exampleOf(operation.pathParams) });
  }
  if (operation.queryParams.length > 0) {
    const optional = !operation.queryParams.some((parameter) => parameter.constraint.required);
    args.push({ name: "query", type: `${prefix}Query`, optional, example: exampleOf(operation.queryParams) });
  }
  if (operation.body) {
    const { namedType, required, example } = operation.body;
    args.push({ name: "body", type: namedType ?? `${prefix}Body`, optional: !required, example });
  }
  return args;
}

function resultType(operation: OperationModel): string {
  const { success } = operation;
  if (success.contentType === undefined) return "undefined";
  return success.namedType ?? `${operation.aliasPrefix}Response`;
}

function writeOperationFunction(writer: CodeBlockWriter, operation: OperationModel): void {
  const args = operationArguments(operation);
  const result = resultType(operation);
  // `query?` may not precede a required `body`; there it stays positional as `T | undefined`.
  const parameters = args.map((arg, index) => {
    const canBeOmitted = arg.optional && args.slice(index + 1).every((later) => later.optional);
    const type = arg.optional && !canBeOmitted ? `${arg.type} | undefined` : arg.type;
    return `${arg.name}${canBeOmitted ? "?" : ""}: ${type}`;
  });
  const params = args.filter((arg) => arg.name !== "body").map((arg) => arg.name);

  writeDoc(writer, functionDoc(operation, args));
  writer.writeLine(`export async function ${operation.fnName}(`);
  writer.indent(() => {
    for (const parameter of ["client: Client<paths>", ...parameters, "init?: CallInit"]) writer.writeLine(`${parameter},`);
  });
  writer.write(`): Promise<CallResult<${result}>> `).block(() => {
    const call = `client.${operation.method}(${JSON.stringify(operation.path)}, `;
    writer.write(`const { data, response } = await ${call}`).inlineBlock(() => {
      if (params.length > 0) writer.writeLine(`params: { ${params.join(", ")} },`);
      if (operation.body) writer.writeLine("body,");
      writer.writeLine('parseAs: "stream",');
      writer.writeLine("...init,");
    });
    writer.write(");").newLine();
    const parse = result === "undefined" ? "parseNothing" : `parseJson<${result}>`;
    writer.writeLine(`return { response, body: data ?? null, parse: ${parse} };`);
  });
}

/** A TSDoc comment: one line when the text is one line, else a ` * `-prefixed block. */
function writeDoc(writer: CodeBlockWriter, text: string): void {
  const lines = commentSafe(text).split("\n");
  if (lines.length === 1) {
    writer.writeLine(`/** ${lines[0]} */`);
    return;
  }
  writer.writeLine("/**");
  for (const line of lines) writer.writeLine(line === "" ? " *" : ` * ${line}`);
  writer.writeLine(" */");
}

function functionDoc(operation: OperationModel, args: readonly Argument[]): string {
  const lines: string[] = [];
  if (operation.summary?.trim()) lines.push(operation.summary.trim(), "");
  if (operation.description?.trim()) lines.push(operation.description.trim(), "");
  lines.push(`${endpoint(operation)} (operation \`${operation.operationId}\`)`, "");
  const exampleArgs = args.map((arg) => (arg.example === undefined ? "{}" : literal(arg.example)));
  lines.push(
    "@example",
    "```ts",
    `const { response, body, parse } = await ${operation.fnName}(${["client", ...exampleArgs].join(", ")});`,
    "if (response.ok) console.log(parse(await new Response(body).text()));",
    "```",
  );
  return lines.join("\n");
}

/** Text inside a `/** … *\/` comment must not close it early. */
const commentSafe = (text: string): string => text.replace(/\*\//g, "*\\/");
