// The request each code sample makes, read from the spec: the operation, its parameters with the
// spec's examples, the body from its first example, and the server. Read through the generator's
// model of the operations (scripts/generate/operations.ts), so a sample passes exactly the
// parameters the generated client knows, under the names it knows them by.

import { readOperations, type OperationModel, type ParameterModel } from "../generate/operations.js";
import { isObject, type JsonValue } from "../spec/json-value.js";
import type { LoadedSpec } from "../spec/load.js";

export interface SampleParameter {
  readonly name: string;
  readonly value: JsonValue;
}

export interface SampleRequest {
  readonly operationId: string;
  /** `GET`, `POST`, … */
  readonly method: string;
  /** The path template: `/organization/admin_api_keys/{key_id}`. */
  readonly path: string;
  /** Path parameters, every one with a value. */
  readonly pathParameters: readonly SampleParameter[];
  /** The query parameters the spec gives an example for, or that are required. */
  readonly query: readonly SampleParameter[];
  /** The request body's first example; undefined when the operation takes no body. */
  readonly body: JsonValue | undefined;
  /** The first server's URL: the placeholder every sample names the API by. */
  readonly serverUrl: string;
}

/** A value as a URL or a command line carries it: a string as it is, anything else as JSON. */
export const valueText = (value: JsonValue): string => (typeof value === "string" ? value : JSON.stringify(value));

/** What a sample passes for a required parameter the spec gives no example for. */
function standIn(parameter: ParameterModel): JsonValue {
  const { constraint } = parameter;
  if (constraint.default !== undefined) return constraint.default;
  const [first] = constraint.enum ?? [];
  if (first !== undefined) return first;
  if (constraint.type === "integer" || constraint.type === "number") return constraint.minimum ?? 1;
  if (constraint.type === "boolean") return true;
  return parameter.name;
}

function sampleParameters(parameters: readonly ParameterModel[]): SampleParameter[] {
  return parameters.flatMap((parameter) => {
    if (parameter.example !== undefined) return [{ name: parameter.name, value: parameter.example as JsonValue }];
    return parameter.constraint.required ? [{ name: parameter.name, value: standIn(parameter) }] : [];
  });
}

/** The first `servers[].url` of the document, its variables set to their defaults. */
function serverUrlOf(document: JsonValue): string {
  const servers = isObject(document) ? document.servers : undefined;
  const first = Array.isArray(servers) ? servers[0] : undefined;
  if (!isObject(first) || typeof first.url !== "string") return "https://api.example.com";
  const variables = isObject(first.variables) ? first.variables : {};
  const url = first.url.replace(/\{([^}]+)\}/g, (whole, name: string) => {
    const variable = variables[name];
    return isObject(variable) && typeof variable.default === "string" ? variable.default : whole;
  });
  return url.replace(/\/+$/, "");
}

function requestOf(operation: OperationModel, serverUrl: string): SampleRequest {
  const body = operation.body === null ? undefined : ((operation.body.example ?? {}) as JsonValue);
  return {
    operationId: operation.operationId,
    method: operation.method,
    path: operation.path,
    pathParameters: sampleParameters(operation.pathParams),
    query: sampleParameters(operation.queryParams),
    body,
    serverUrl,
  };
}

/** The sample request of every operation, in the spec's order. */
export function sampleRequests(spec: LoadedSpec): SampleRequest[] {
  const serverUrl = serverUrlOf(spec.data);
  return readOperations(spec).map((operation) => requestOf(operation, serverUrl));
}
