// npm run test:mutation (scripts/mutation/run.mjs) runs Stryker once per group of
// scripts/mutation/groups.mjs with MUTATION_GROUP set; `npx stryker run` alone mutates everything
// under the tests of every group. Reports go to reports/mutation/ (git-ignored). A mutant that
// cannot change behaviour is marked in the code with a Stryker disable comment that says why.
import { selectedMutationGroup } from "./scripts/mutation/groups.mjs";

const group = selectedMutationGroup();

/** @type {import("@stryker-mutator/api/core").PartialStrykerOptions} */
export default {
  testRunner: "vitest",
  vitest: { configFile: "vitest.mutation.config.ts" },
  mutate: group.mutate,
  coverageAnalysis: "perTest",
  ignoreStatic: true,
  concurrency: 2,
  timeoutMS: 10_000,
  reporters: ["clear-text", "progress", "html", "json"],
  htmlReporter: { fileName: `reports/mutation/${group.name}.html` },
  jsonReporter: { fileName: `reports/mutation/${group.name}.json` },
  // With --incremental, a run after a change re-tests only the mutants the change can affect.
  incrementalFile: `reports/mutation/${group.name}.incremental.json`,
  tempDirName: ".stryker-tmp",
  cleanTempDir: "always",
  thresholds: { high: 97, low: 90, break: null },
  // Build output, reports and figures: nothing a test reads, and copying them slows every sandbox.
  ignorePatterns: [".tmp", "dist", "coverage", "test-artifacts", "reports", "bench/results", "docs/index.html", "docs/changelog.html"],
};
