// The TypeScript sample of an operation: this package's client, called the way src/client.ts
// takes the operation's input, printing the answer as JSON (what the response panel beside it
// shows). The key is left to OPENAI_ADMIN_KEY, which the client reads by default.

import type { JsonValue } from "../spec/json-value.js";
import type { SampleRequest } from "./sample-request.js";
import type { ClientCall } from "./sample-surface.js";

/** Past this width a call's object argument goes on lines of its own: the docs' code panel is narrow. */
const WIDTH = 60;

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** A JSON value as a TypeScript expression, on one line when it fits in `room` characters. */
function tsValue(value: JsonValue, indent: string, room: number): string {
  const flat = tsFlat(value);
  if (flat.length <= room || value === null || typeof value !== "object") return flat;
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    return `[\n${value.map((item) => `${inner}${tsValue(item, inner, WIDTH - inner.length)},`).join("\n")}\n${indent}]`;
  }
  const lines = Object.entries(value).map(([key, item]) => {
    const name = tsKey(key);
    return `${inner}${name}: ${tsValue(item, inner, WIDTH - inner.length - name.length - 2)},`;
  });
  return `{\n${lines.join("\n")}\n${indent}}`;
}

function tsFlat(value: JsonValue): string {
  if (Array.isArray(value)) return `[${value.map(tsFlat).join(", ")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value);
    return entries.length === 0 ? "{}" : `{ ${entries.map(([key, item]) => `${tsKey(key)}: ${tsFlat(item)}`).join(", ")} }`;
  }
  return JSON.stringify(value);
}

const tsKey = (key: string): string => (IDENTIFIER.test(key) ? key : JSON.stringify(key));

/** The call's arguments, as the client's method takes them. */
function callArguments(call: ClientCall, request: SampleRequest): JsonValue[] {
  const args: JsonValue[] = [];
  for (const arg of call.args) {
    if (arg === "query") {
      // An empty query is no argument at all: list() reads better than list({}).
      if (request.query.length > 0) args.push(Object.fromEntries(request.query.map(({ name, value }) => [name, value])));
    } else if (arg === "body") {
      args.push(request.body ?? {});
    } else {
      const parameter = request.pathParameters.find(({ name }) => name === arg.path);
      args.push(parameter?.value ?? arg.path);
    }
  }
  return args;
}

export function typescriptSample(request: SampleRequest, call: ClientCall): string {
  const head = `const ${call.result} = await client.adminApiKeys.${call.method}(`;
  const args = callArguments(call, request);
  const flat = args.map(tsFlat).join(", ");
  // One object argument spreads over lines when the call would be too wide; anything else stays flat.
  const [only] = args;
  const spread = args.length === 1 && only !== null && typeof only === "object" && head.length + flat.length + 2 > WIDTH;
  const statement = spread && only !== undefined ? `${head}${tsValue(only, "", 0)});` : `${head}${flat});`;
  return [
    `import { createAdminKeysClient } from "openai-admin-keys";`,
    "",
    "// The admin key comes from OPENAI_ADMIN_KEY.",
    "const client = createAdminKeysClient({",
    `  baseUrl: ${JSON.stringify(request.serverUrl)},`,
    "});",
    "",
    ...(call.note === undefined ? [] : [`// ${call.note}`]),
    statement,
    `console.log(JSON.stringify(${call.result}, null, 2));`,
    "",
  ].join("\n");
}
