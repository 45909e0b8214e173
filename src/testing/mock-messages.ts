// How the emulator words an error about the way it was called: `<name> must be <what is
// allowed>; got <what was given>.`, the convention the client's InvalidParameterError follows too.
// The emulator throws TypeError for a value of the wrong type or shape and RangeError for one
// out of range or unknown; it shares no code with the client, so it has its own two helpers.

import { routeNames } from "./routing.js";

/** The message for a route name the spec does not have, shared by the fault queue and the log. */
export function unknownRoute(route: unknown): string {
  return `route must be "*" or one of ${routeNames().join(", ")}; got ${describeValue(route)} (an unknown route).`;
}

/** A short, safe description of a wrong value for an error message. */
export function describeValue(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === "number" || typeof value === "boolean" || value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return "an array";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}
