// The parts a mutation run covers, each with the tests that exercise it. Both stryker.config.mjs
// (what to mutate) and vitest.mutation.config.ts (what to run) read this table, so the two stay in
// step. A part is judged by its own tests: the client's tests run against the local server all
// the time, but a local-server mutant they happen to kill says nothing about the server's tests.

/** @type {Record<string, { mutate: string[]; tests: string[] }>} */
export const mutationGroups = {
  client: {
    mutate: ["src/*.ts", "!src/index.ts", "!src/version.ts", "!src/msw.ts"],
    tests: ["test/client/**/*.test.ts", "test/differential/**/*.test.ts"],
  },
  emulator: {
    // src/msw.ts is the local server's MSW adapter, whatever folder the subpath export needs.
    mutate: ["src/testing/*.ts", "!src/testing/index.ts", "src/msw.ts"],
    tests: ["test/testing/**/*.test.ts", "test/differential/**/*.test.ts"],
  },
  cli: {
    mutate: ["src/cli/**/*.ts", "!src/cli/main.ts"],
    tests: ["test/cli/**/*.test.ts"],
  },
};

/** The group MUTATION_GROUP names, or every group at once when it is unset. */
export function selectedMutationGroup(env = process.env) {
  const name = env.MUTATION_GROUP;
  if (name === undefined || name === "") {
    const all = Object.values(mutationGroups);
    return { name: "all", mutate: all.flatMap((group) => group.mutate), tests: [...new Set(all.flatMap((group) => group.tests))] };
  }
  const group = mutationGroups[name];
  if (group === undefined) {
    throw new Error(`MUTATION_GROUP must be one of ${Object.keys(mutationGroups).join(", ")}; got ${JSON.stringify(name)}`);
  }
  return { name, ...group };
}
