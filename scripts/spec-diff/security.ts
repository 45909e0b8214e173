// The security that applies to an operation, spelled out so that two documents can be compared:
// requirement names resolved to the schemes they name, without prose, sorted.

import { child, follow, member, type Located } from "../spec/refs.js";
import { isObject, type JsonObject, type JsonValue } from "../spec/json-value.js";
import { field } from "./findings.js";

export interface EffectiveSecurity {
  /** The requirements with each scheme's definition in place of its name. */
  readonly value: JsonValue;
  /** The scheme names, in the order of `value`. */
  readonly names: readonly string[];
  /** Where the requirements are written: the operation's `security`, or the document's. */
  readonly declaredAt: string;
}

export function effectiveSecurity(root: JsonObject, op: Located): EffectiveSecurity {
  const own = field(op, "security");
  const requirements = own ?? root.security ?? [];
  const declaredAt = own === undefined ? "/security" : child(op.pointer, "security");
  const schemes = member(member({ value: root, pointer: "" }, "components"), "securitySchemes");
  const names: string[] = [];
  const value: JsonValue = (Array.isArray(requirements) ? requirements : []).map((requirement) => {
    if (!isObject(requirement)) return null;
    return Object.keys(requirement)
      .sort()
      .map((name) => {
        names.push(name);
        const scheme = follow(root, member(schemes, name)).value;
        const scopes = requirement[name];
        return {
          scheme: isObject(scheme) ? definitionOf(scheme) : `undefined scheme ${name}`,
          scopes: Array.isArray(scopes) ? [...scopes].sort() : [],
        };
      });
  });
  return { value, names, declaredAt };
}

/** A security scheme without its prose; `scheme` is case-insensitive (RFC 7235). */
function definitionOf(scheme: JsonObject): JsonObject {
  const definition: JsonObject = {};
  for (const [key, value] of Object.entries(scheme)) {
    if (key === "description" || key.startsWith("x-")) continue;
    definition[key] = key === "scheme" && typeof value === "string" ? value.toLowerCase() : value;
  }
  return definition;
}
