// The score of a Stryker JSON report (mutation-testing-report-schema), counted as Stryker counts
// it: killed and timed-out mutants are detected; survivors and mutants no test reaches are not;
// mutants marked with a disable comment (Ignored) and those that do not compile are left out.

/** @param {{ files: Record<string, { mutants: { status: string }[] }> }} report */
export function mutationScore(report) {
  const counts = { Killed: 0, Timeout: 0, Survived: 0, NoCoverage: 0, Ignored: 0, CompileError: 0, RuntimeError: 0 };
  for (const file of Object.values(report.files)) {
    for (const mutant of file.mutants) counts[mutant.status] = (counts[mutant.status] ?? 0) + 1;
  }
  const detected = counts.Killed + counts.Timeout;
  const valid = detected + counts.Survived + counts.NoCoverage;
  return { ...counts, detected, valid };
}

const percent = (detected, valid) => (valid === 0 ? "–" : `${((100 * detected) / valid).toFixed(1)} %`);

/** A Markdown table: one row per group and a total. */
export function formatScoreTable(rows) {
  const lines = ["| group | score | detected | survived | no coverage | marked equivalent |", "|---|---:|---:|---:|---:|---:|"];
  const total = { detected: 0, valid: 0, Survived: 0, NoCoverage: 0, Ignored: 0 };
  for (const { group, score } of rows) {
    lines.push(`| ${group} | ${percent(score.detected, score.valid)} | ${score.detected} of ${score.valid} | ${score.Survived} | ${score.NoCoverage} | ${score.Ignored} |`);
    for (const key of Object.keys(total)) total[key] += score[key];
  }
  if (rows.length > 1) {
    lines.push(`| all | ${percent(total.detected, total.valid)} | ${total.detected} of ${total.valid} | ${total.Survived} | ${total.NoCoverage} | ${total.Ignored} |`);
  }
  return lines.join("\n");
}
