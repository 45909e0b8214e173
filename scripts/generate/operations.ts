// The spec's operations, read once into the shape the renderers need: names, parameters with
// their constraints and schemas, the body, the success type and whether the operation is a
// cursor page.

import type { FieldConstraint, OperationConstraints } from "./constraint-model.js";
import { fieldConstraint, isCursorPage, objectShape } from "./constraints.js";
import { aliasPrefix, functionName, schemaTypeName } from "./names.js";
import {
  asOpenApiDocument,
  deref,
  HTTP_METHODS,
  schemaRefName,
  type MediaTypeNode,
  type OpenApiDocument,
  type OperationNode,
  type ParameterNode,
  type ResponseNode,
  type SchemaNode,
} from "./openapi.js";
import type { LoadedSpec } from "../spec/load.js";
import type { PathSegment } from "../spec/positions.js";
import { SpecProblemsError, type SpecProblem } from "../spec/problems.js";

export type ClientMethod = OperationConstraints["method"];
/** Every ClientMethod, so the compiler holds this list to the declaration. */
const CLIENT_METHODS: Readonly<Record<ClientMethod, true>> = { GET: true, POST: true, PUT: true, PATCH: true, DELETE: true };
const isClientMethod = (method: string): method is ClientMethod => Object.hasOwn(CLIENT_METHODS, method);

export interface ParameterModel {
  readonly name: string;
  readonly constraint: FieldConstraint;
  /** The spec's own schema for it (`{}` when it gives none): what its validator checks. */
  readonly schema: SchemaNode;
  /** The spec's `example` for it, if any: used in the generated TSDoc example. */
  readonly example: unknown;
}

export interface OperationModel {
  readonly operationId: string;
  /** `adminApiKeysList`: the generated function and its key in `operationConstraints`. */
  readonly fnName: string;
  /** `AdminApiKeysList`: the prefix of its `…Query`, `…Path`, `…Body`, `…Response` aliases. */
  readonly aliasPrefix: string;
  readonly method: ClientMethod;
  readonly path: string;
  readonly summary: string | undefined;
  readonly description: string | undefined;
  readonly pathParams: readonly ParameterModel[];
  readonly queryParams: readonly ParameterModel[];
  readonly body: BodyModel | null;
  readonly success: SuccessModel;
  readonly paginated: boolean;
}

export interface BodyModel {
  readonly required: boolean;
  readonly contentType: string;
  /** The alias of the named schema the body `$ref`s, or undefined when it is inline. */
  readonly namedType: string | undefined;
  readonly fields: readonly (readonly [string, FieldConstraint])[];
  readonly example: unknown;
}

export interface SuccessModel {
  /** The 2xx status whose body the function returns. */
  readonly status: string;
  /** The JSON media type of that body, or undefined when the success response has none. */
  readonly contentType: string | undefined;
  /** The alias of the named schema it `$ref`s, or undefined when inline (or absent). */
  readonly namedType: string | undefined;
}

/** Reads every operation of the spec; unsupported constructs throw, each problem with its line. */
export function readOperations(spec: LoadedSpec): OperationModel[] {
  const document = asOpenApiDocument(spec.data);
  const operations: OperationModel[] = [];
  const problems: SpecProblem[] = [];

  for (const [path, item] of Object.entries(document.paths ?? {})) {
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (!operation) continue;
      const where: PathSegment[] = ["paths", path, method];
      const report = (message: string): void => {
        const { line, col } = spec.locate(where);
        problems.push({ line, col, severity: "error", message });
      };
      const parameters = [...(item.parameters ?? []), ...(operation.parameters ?? [])];
      const model = readOperation(document, path, method.toUpperCase(), operation, parameters, report);
      if (model) operations.push(model);
    }
  }
  if (problems.length > 0) throw new SpecProblemsError(spec.file, problems);
  return operations;
}

function readOperation(
  document: OpenApiDocument,
  path: string,
  method: string,
  operation: OperationNode,
  parameterNodes: readonly ParameterNode[],
  report: (message: string) => void,
): OperationModel | undefined {
  const label = `${method} ${path}`;
  if (!isClientMethod(method)) {
    report(`${label}: the generated client supports GET, POST, PUT, PATCH and DELETE, not ${method}`);
    return undefined;
  }
  const operationId = operation.operationId ?? "";
  const fnName = functionName(operationId);

  // Operation-level parameters override path-level ones with the same name and location.
  const parameters = new Map<string, ParameterNode>();
  for (const node of parameterNodes) {
    const parameter = deref(document, node);
    parameters.set(`${parameter.in}:${parameter.name}`, parameter);
  }
  const pathParams: ParameterModel[] = [];
  const queryParams: ParameterModel[] = [];
  for (const parameter of parameters.values()) {
    if (parameter.in === "header" || parameter.in === "cookie") {
      // Optional ones can be sent through `init.headers`; a required one the signature cannot carry.
      if (parameter.required) {
        report(`${label}: required ${parameter.in} parameter "${parameter.name}" is not supported by the generated client`);
      }
      continue;
    }
    const required = parameter.in === "path" || parameter.required === true;
    const schema = parameter.schema ?? {};
    const constraint = fieldConstraint(document, schema, required);
    if (typeof constraint === "string") {
      report(`${label}: ${parameter.in} parameter "${parameter.name}" ${constraint}`);
      continue;
    }
    const model = { name: parameter.name, constraint, schema, example: parameter.example };
    (parameter.in === "path" ? pathParams : queryParams).push(model);
  }

  const body = readBody(document, label, operation, report);
  const success = readSuccess(document, label, operation, report);
  if (body === undefined || success === undefined) return undefined;

  const successSchema = success.contentType ? successMedia(document, operation)?.schema : undefined;
  const paginated = successSchema !== undefined &&
    queryParams.some((parameter) => parameter.name === "after") &&
    isCursorPage(document, successSchema);

  return {
    operationId,
    fnName,
    aliasPrefix: aliasPrefix(fnName),
    method,
    path,
    summary: operation.summary,
    description: operation.description,
    pathParams,
    queryParams,
    body,
    success,
    paginated,
  };
}

/** The JSON entry of a content map: `application/json`, or any `…+json` media type. */
function jsonMedia(content: Readonly<Record<string, MediaTypeNode>> | undefined): [string, MediaTypeNode] | undefined {
  const entries = Object.entries(content ?? {});
  return entries.find(([type]) => type === "application/json") ??
    entries.find(([type]) => /^application\/[^;]*\+json\b/.test(type) || type.startsWith("application/json;"));
}

/** The body model; null when the operation takes no body, undefined after reporting a problem. */
function readBody(
  document: OpenApiDocument,
  label: string,
  operation: OperationNode,
  report: (message: string) => void,
): BodyModel | null | undefined {
  if (!operation.requestBody) return null;
  const requestBody = deref(document, operation.requestBody);
  const media = jsonMedia(requestBody.content);
  if (!media) {
    const types = Object.keys(requestBody.content ?? {}).join(", ") || "none";
    report(`${label}: only JSON request bodies are supported (found: ${types})`);
    return undefined;
  }
  const [contentType, { schema = {} }] = media;
  const shape = objectShape(document, schema);
  const fields: (readonly [string, FieldConstraint])[] = [];
  for (const [name, property] of shape.properties) {
    const constraint = fieldConstraint(document, property, shape.required.has(name));
    if (typeof constraint === "string") {
      report(`${label}: body field "${name}" ${constraint}`);
      return undefined;
    }
    fields.push([name, constraint]);
  }
  const namedSchema = schemaRefName(schema.$ref);
  return {
    required: requestBody.required === true,
    contentType,
    namedType: namedSchema === undefined ? undefined : schemaTypeName(namedSchema),
    fields,
    example: firstExample(document, media[1]),
  };
}

function firstExample(document: OpenApiDocument, media: MediaTypeNode): unknown {
  const [first] = Object.values(media.examples ?? {});
  return first ? deref(document, first).value : media.example;
}

/** The lowest 2xx response: the one the generated function returns as `data`. */
function successEntry(
  document: OpenApiDocument,
  operation: OperationNode,
): { status: string; response: ResponseNode } | undefined {
  const codes = Object.keys(operation.responses ?? {}).filter((code) => /^2(\d\d|XX)$/.test(code)).sort();
  const [status] = codes;
  const response = status === undefined ? undefined : operation.responses?.[status];
  return status === undefined || response === undefined ? undefined : { status, response: deref(document, response) };
}

function successMedia(document: OpenApiDocument, operation: OperationNode): MediaTypeNode | undefined {
  const entry = successEntry(document, operation);
  return entry ? jsonMedia(entry.response.content)?.[1] : undefined;
}

function readSuccess(
  document: OpenApiDocument,
  label: string,
  operation: OperationNode,
  report: (message: string) => void,
): SuccessModel | undefined {
  const entry = successEntry(document, operation);
  if (!entry) {
    report(`${label}: no 2xx response; the generated function needs one to type its result`);
    return undefined;
  }
  const media = jsonMedia(entry.response.content);
  if (!media && Object.keys(entry.response.content ?? {}).length > 0) {
    report(`${label}: the ${entry.status} response is not JSON; only JSON (or empty) success bodies are supported`);
    return undefined;
  }
  const schema: SchemaNode | undefined = media?.[1].schema;
  const namedSchema = schemaRefName(schema?.$ref);
  return {
    status: entry.status,
    contentType: media?.[0],
    namedType: namedSchema === undefined ? undefined : schemaTypeName(namedSchema),
  };
}
