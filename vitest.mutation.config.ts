// The tests a mutation run (npm run test:mutation) uses: those of the group MUTATION_GROUP names
// (scripts/mutation/groups.mjs), or of every group. No coverage, no type tests and no end-to-end
// suites: Stryker runs these thousands of times, once per mutant, and measures coverage itself.
import { defineConfig } from "vitest/config";
import { selectedMutationGroup } from "./scripts/mutation/groups.mjs";

export default defineConfig({
  test: {
    include: selectedMutationGroup().tests,
    // Memory figures over 100,000 keys take seconds each and pin no behaviour a mutant changes.
    exclude: ["test/cli/list-memory.test.ts", "test/cli/audit-memory.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
