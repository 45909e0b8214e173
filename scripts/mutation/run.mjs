// npm run test:mutation [-- <group>...] [-- --incremental]
// Runs Stryker once per group of groups.mjs (all of them by default), each under its own tests,
// then prints the score of every group and of all of them together from the JSON reports.
// A group's mutants run only against its own tests, so three small runs cost less than one run
// that mutates everything under every test.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { mutationGroups } from "./groups.mjs";
import { mutationScore, formatScoreTable } from "./score.mjs";

const args = process.argv.slice(2);
const named = args.filter((arg) => !arg.startsWith("-"));
const strykerArgs = args.filter((arg) => arg.startsWith("-"));
for (const name of named) {
  if (!Object.hasOwn(mutationGroups, name)) {
    console.error(`test:mutation: group must be one of ${Object.keys(mutationGroups).join(", ")}; got ${JSON.stringify(name)}`);
    process.exit(2);
  }
}
const groups = named.length > 0 ? named : Object.keys(mutationGroups);

for (const group of groups) {
  console.log(`\n== mutation group ${group}: ${mutationGroups[group].mutate.join(" ")}`);
  const run = spawnSync("npx", ["stryker", "run", ...strykerArgs], { stdio: "inherit", env: { ...process.env, MUTATION_GROUP: group } });
  if (run.status !== 0) {
    console.error(`test:mutation: Stryker failed on group ${group} (exit ${run.status ?? run.signal})`);
    process.exit(1);
  }
}

const reports = Object.keys(mutationGroups)
  .map((group) => ({ group, file: `reports/mutation/${group}.json` }))
  .filter(({ file }) => existsSync(file))
  .map(({ group, file }) => ({ group, score: mutationScore(JSON.parse(readFileSync(file, "utf8"))) }));
console.log(`\n${formatScoreTable(reports)}`);
