// Checking 2xx bodies against the spec, opt in. The validators are generated code of some size,
// so the package root does not import them: `import "openai-admin-keys/validate-responses"`
// installs them here, under a Symbol.for key on globalThis, because that module and the package
// root are separate files with their own copy of this one; a program that never turns
// validation on bundles none of them. This file imports nothing, so that module stays small.

/**
 * What `validateResponses` does with a 2xx body that the spec's schema refuses:
 * nothing (`off`, the default), report it through the logger and return the data (`warn`), or
 * reject with a {@link ResponseValidationError} (`strict`).
 *
 * @example
 * ```ts
 * import "openai-admin-keys/validate-responses";
 * const client = createAdminKeysClient({ validateResponses: "strict" });
 * ```
 */
export type ResponseValidationMode = "off" | "warn" | "strict";

/** The first place a body breaks its schema: a JSON pointer into the body, and what was expected there. */
export interface ResponseProblem {
  readonly pointer: string;
  readonly expected: string;
}

/** Checks the body of one operation's 2xx answer; undefined when it matches. */
export type ResponseCheck = (operationId: string, body: unknown) => ResponseProblem | undefined;

const INSTALLED = Symbol.for("openai-admin-keys.response-validators");

/** @internal Called by `openai-admin-keys/validate-responses` when it is imported. */
export function installResponseCheck(check: ResponseCheck): void {
  Reflect.set(globalThis, INSTALLED, check);
}

/** The installed check, if `openai-admin-keys/validate-responses` was imported. */
export function installedResponseCheck(): ResponseCheck | undefined {
  const check: unknown = Reflect.get(globalThis, INSTALLED);
  if (typeof check !== "function") return undefined;
  return (operationId, body) => {
    const problem: unknown = check(operationId, body);
    return isProblem(problem) ? problem : undefined;
  };
}

function isProblem(value: unknown): value is ResponseProblem {
  return (
    typeof value === "object" &&
    value !== null &&
    "pointer" in value &&
    typeof value.pointer === "string" &&
    "expected" in value &&
    typeof value.expected === "string"
  );
}
