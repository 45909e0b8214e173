// The tests a mutation run (npm run test:mutation) uses: those that exercise the hand-written code
// under src/ (client, local server, CLI). No coverage, no type tests and no end-to-end suites:
// Stryker runs these thousands of times, once per mutant, and measures their coverage itself.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/client/**/*.test.ts", "test/testing/**/*.test.ts", "test/cli/**/*.test.ts", "test/differential/**/*.test.ts"],
    // Memory figures over 100,000 keys take seconds each and pin no behaviour a mutant changes.
    exclude: ["test/cli/list-memory.test.ts", "test/cli/audit-memory.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
