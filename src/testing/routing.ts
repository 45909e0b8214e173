// Which operation a request is for. The table comes from the spec (the generated
// operationConstraints), so a path or method added to the spec is routed without a change here.

import { operationConstraints } from "../../generated/client.js";

type Operations = typeof operationConstraints;
type Operation = Operations[keyof Operations];

/**
 * An operation id from the spec, such as `"admin-api-keys-list"`.
 *
 * @example
 * ```ts
 * const route: OperationId = "admin-api-keys-create";
 * ```
 */
export type OperationId = Operation["operationId"];

/**
 * A route named by operation id or as `"METHOD /path"` with the spec's path template.
 *
 * @example
 * ```ts
 * server.requests.count("DELETE /organization/admin_api_keys/{key_id}");
 * ```
 */
export type RouteName = OperationId | `${Operation["method"]} ${Operation["path"]}`;

interface Route {
  readonly operationId: OperationId;
  readonly method: string;
  readonly template: string;
  readonly segments: readonly string[];
}

const routes: readonly Route[] = Object.values(operationConstraints).map((operation) => ({
  operationId: operation.operationId,
  method: operation.method,
  template: operation.path,
  segments: operation.path.split("/").slice(1),
}));

/** The base path every route lives under, as in the spec's server URL. */
export const BASE_PATH = "/v1";

export type RouteMatch =
  | { readonly kind: "operation"; readonly operationId: OperationId; readonly params: Record<string, string> }
  | { readonly kind: "method-not-allowed"; readonly allowed: readonly string[] }
  | { readonly kind: "not-found" }
  | { readonly kind: "bad-encoding"; readonly param: string };

function isParam(segment: string): boolean {
  return segment.startsWith("{") && segment.endsWith("}");
}

/** Matches a raw request path (no query) against the spec's templates. */
export function matchRoute(method: string, rawPath: string): RouteMatch {
  if (!rawPath.startsWith(`${BASE_PATH}/`)) return { kind: "not-found" };
  const segments = rawPath.slice(BASE_PATH.length + 1).split("/");
  const allowed: string[] = [];
  for (const route of routes) {
    const params = matchSegments(route.segments, segments);
    if (params === undefined) continue;
    if (typeof params === "string") return { kind: "bad-encoding", param: params };
    if (route.method === method) return { kind: "operation", operationId: route.operationId, params };
    allowed.push(route.method);
  }
  return allowed.length > 0 ? { kind: "method-not-allowed", allowed } : { kind: "not-found" };
}

/**
 * The path parameters of a path that fits the template, the name of the parameter whose segment
 * is not valid percent-encoding, or undefined when the path does not fit.
 */
function matchSegments(template: readonly string[], actual: readonly string[]): Record<string, string> | string | undefined {
  if (template.length !== actual.length) return undefined;
  const params: Record<string, string> = {};
  for (const [index, expected] of template.entries()) {
    // Stryker disable next-line StringLiteral: actual is as long as template, so the fallback never applies
    const segment = actual[index] ?? "";
    if (!isParam(expected)) {
      if (expected !== segment) return undefined;
      continue;
    }
    if (segment === "") return undefined;
    const name = expected.slice(1, -1);
    try {
      params[name] = decodeURIComponent(segment);
    } catch {
      return name;
    }
  }
  return params;
}

/**
 * The operation id a route name stands for, or undefined when the spec has no such route.
 * `"*"` is kept as is: it stands for every route.
 */
export function resolveRouteName(name: string): OperationId | "*" | undefined {
  if (name === "*") return "*";
  for (const route of routes) {
    if (name === route.operationId || name === `${route.method} ${route.template}`) return route.operationId;
  }
  return undefined;
}

/** Every route name, for error messages. */
export function routeNames(): string[] {
  return routes.flatMap((route) => [route.operationId, `${route.method} ${route.template}`]);
}

/**
 * The paths under BASE_PATH that hold every route: each template's segments up to its first
 * parameter, without the ones another covers (`/organization/admin_api_keys` for today's spec).
 * An adapter that shares a host with other handlers (MSW) claims these and what lies beneath them.
 */
export function routePrefixes(): string[] {
  return coveringPrefixes(routes.map((route) => route.template));
}

/** The stems (segments up to the first parameter) of these path templates that no shorter stem covers. */
export function coveringPrefixes(templates: readonly string[]): string[] {
  const stems = templates.map((template) => {
    const segments = template.split("/").slice(1);
    const first = segments.findIndex(isParam);
    return `/${(first === -1 ? segments : segments.slice(0, first)).join("/")}`;
  });
  const unique = [...new Set(stems)].sort((a, b) => a.length - b.length);
  return unique.filter((stem, index) => !unique.slice(0, index).some((shorter) => stem.startsWith(`${shorter}/`)));
}
