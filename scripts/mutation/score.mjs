// The score of a Stryker JSON report (mutation-testing-report-schema), counted as Stryker counts
// it: killed and timed-out mutants are detected; survivors and mutants no test reaches are not;
// mutants marked with a disable comment, static mutants (code that runs once, when a module
// loads: `ignoreStatic` leaves them untested) and those that do not compile are left out.

/** @param {{ files: Record<string, { mutants: { status: string }[] }> }} report */
export function mutationScore(report) {
  const counts = { Killed: 0, Timeout: 0, Survived: 0, NoCoverage: 0, Marked: 0, Static: 0, CompileError: 0, RuntimeError: 0 };
  for (const file of Object.values(report.files)) {
    for (const mutant of file.mutants) {
      // Stryker reports both kinds as Ignored; its reason tells them apart.
      const status = mutant.status !== "Ignored" ? mutant.status : /static/i.test(mutant.statusReason ?? "") ? "Static" : "Marked";
      counts[status] = (counts[status] ?? 0) + 1;
    }
  }
  const detected = counts.Killed + counts.Timeout;
  const valid = detected + counts.Survived + counts.NoCoverage;
  return { ...counts, detected, valid };
}

const percent = (detected, valid) => (valid === 0 ? "–" : `${((100 * detected) / valid).toFixed(1)} %`);

/** A Markdown table: one row per group and a total. */
export function formatScoreTable(rows) {
  const lines = ["| part | score | detected | survived | no coverage | marked equivalent | static, not run |", "|---|---:|---:|---:|---:|---:|---:|"];
  const total = { detected: 0, valid: 0, Survived: 0, NoCoverage: 0, Marked: 0, Static: 0 };
  for (const { group, score } of rows) {
    lines.push(`| ${group} | ${percent(score.detected, score.valid)} | ${score.detected} of ${score.valid} | ${score.Survived} | ${score.NoCoverage} | ${score.Marked} | ${score.Static} |`);
    for (const key of Object.keys(total)) total[key] += score[key];
  }
  if (rows.length > 1) {
    lines.push(`| all | ${percent(total.detected, total.valid)} | ${total.detected} of ${total.valid} | ${total.Survived} | ${total.NoCoverage} | ${total.Marked} | ${total.Static} |`);
  }
  return lines.join("\n");
}
