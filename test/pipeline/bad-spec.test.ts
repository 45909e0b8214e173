// Lint and generate on broken specs: each kind of breakage stops both commands with exit 1 and a
// message naming the file, the line (and column) and the problem, and generated/ stays
// byte-identical.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { copyProject, lineOf, type ProjectCopy, type RunResult } from "./project-copy.js";

interface BadSpec {
  readonly kind: string;
  /** Turns the good spec into the bad one. */
  readonly breakSpec: (spec: string) => string;
  /** The line the problem is on, in the bad spec. */
  readonly line: (bad: string) => number;
  /** What the generator's message must say. */
  readonly generateSays: RegExp;
  /** The rule (or yaml-syntax) the linter must name. */
  readonly lintRule: string;
}

const replaceOnce = (text: string, from: string, to: string): string => {
  if (!text.includes(from)) throw new Error(`test setup: "${from}" not in the spec`);
  return text.replace(from, to);
};

const NOT_FOUND_RESPONSE = "        '404':\n          $ref: '#/components/responses/NotFound'\n";

const BAD_SPECS: readonly BadSpec[] = [
  {
    kind: "YAML syntax error",
    breakSpec: (spec) =>
      replaceOnce(spec, "summary: Retrieve a single organization API key", "summary: [Retrieve a single organization API key"),
    // The YAML parser notices the unclosed bracket on the line after it.
    line: (bad) => lineOf(bad, "summary: [Retrieve") + 1,
    generateSays: /YAML syntax error: .+/,
    lintRule: "yaml-syntax",
  },
  {
    kind: "unresolvable $ref",
    breakSpec: (spec) => replaceOnce(spec, "'#/components/schemas/ApiKeyList'", "'#/components/schemas/ApiKeyPage'"),
    line: (bad) => lineOf(bad, "#/components/schemas/ApiKeyPage"),
    generateSays: /unresolvable \$ref "#\/components\/schemas\/ApiKeyPage"/,
    lintRule: "no-unresolved-refs",
  },
  {
    kind: "duplicate operationId",
    breakSpec: (spec) => replaceOnce(spec, "operationId: admin-api-keys-get", "operationId: admin-api-keys-list"),
    line: (bad) => lineOf(bad, "operationId: admin-api-keys-list", lineOf(bad, "operationId: admin-api-keys-list")),
    generateSays: /duplicate operationId "admin-api-keys-list"/,
    lintRule: "operation-operationId-unique",
  },
  {
    kind: "lint error from the project's plugin (no 404 on an addressed operation)",
    breakSpec: (spec) => replaceOnce(spec, NOT_FOUND_RESPONSE, ""),
    line: (bad) => lineOf(bad, "      responses:", lineOf(bad, "operationId: admin-api-keys-get")),
    generateSays: /lint admin-keys\/addressed-operation-has-404: GET \/organization\/admin_api_keys\/\{key_id\}/,
    lintRule: "admin-keys/addressed-operation-has-404",
  },
  {
    kind: "lint error from a configurable rule (summary over 60 characters)",
    breakSpec: (spec) =>
      replaceOnce(spec, "summary: Delete an organization admin API key", `summary: Delete an organization admin API key${", for good".repeat(3)}`),
    line: (bad) => lineOf(bad, "summary: Delete an organization admin API key"),
    generateSays: /lint rule\/operation-summary-short: Summaries are short titles/,
    lintRule: "rule/operation-summary-short",
  },
];

interface Outcome {
  readonly bad: string;
  readonly lint: RunResult;
  readonly generate: RunResult;
  readonly before: Map<string, Buffer>;
  readonly after: Map<string, Buffer>;
}

const copies: ProjectCopy[] = [];
const outcomes = new Map<string, Outcome>();

async function runCase(badSpec: BadSpec): Promise<void> {
  const project = await copyProject();
  copies.push(project);
  const bad = badSpec.breakSpec(await project.readSpec());
  await project.writeSpec(bad);
  const before = await project.snapshotGenerated();
  const lint = await project.run("scripts/lint.ts");
  const generate = await project.run("scripts/generate.ts");
  outcomes.set(badSpec.kind, { bad, lint, generate, before, after: await project.snapshotGenerated() });
}

beforeAll(async () => {
  // Two at a time: each child process is CPU-bound and the machine has two cores.
  const queue = [...BAD_SPECS];
  const worker = async (): Promise<void> => {
    for (let next = queue.shift(); next; next = queue.shift()) await runCase(next);
  };
  await Promise.all([worker(), worker()]);
}, 180_000);

afterAll(async () => {
  await Promise.all(copies.map((copy) => copy.remove()));
});

describe.each(BAD_SPECS)("a spec with a $kind", (badSpec) => {
  const outcome = (): Outcome => {
    const found = outcomes.get(badSpec.kind);
    if (!found) throw new Error("the case did not run");
    return found;
  };

  it("fails npm run lint with file:line:col, the rule and exit 1", () => {
    const { lint, bad } = outcome();
    expect(lint.code).toBe(1);
    const line = badSpec.line(bad);
    expect(lint.stdout).toMatch(new RegExp(`^spec/openapi\\.yaml:${line}:\\d+  ${escapeRegExp(badSpec.lintRule)}  \\S`, "m"));
  });

  it("refuses npm run generate with file:line:col problem and exit 1", () => {
    const { generate, bad } = outcome();
    expect(generate.code).toBe(1);
    const line = badSpec.line(bad);
    expect(generate.stderr).toMatch(new RegExp(`^spec/openapi\\.yaml:${line}:\\d+ ${badSpec.generateSays.source}`, "m"));
    expect(generate.stderr).toContain("generated/ was not touched");
    expect(generate.stdout).not.toContain("wrote");
  });

  it("leaves generated/ byte-identical, with no temp files left behind", () => {
    const { before, after } = outcome();
    expect([...after.keys()]).toEqual([...before.keys()]);
    for (const [name, bytes] of before) expect(after.get(name)?.equals(bytes), name).toBe(true);
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}
