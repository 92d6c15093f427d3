import type { DigestReport } from "./send-digests";

/** The digest run's report for a person at a terminal or reading cron's mail. */
export function formatDigestReport(report: DigestReport): string {
  const lines = [`${report.dryRun ? "Dry run: digest" : "Digest"} for ${report.day}:`];
  for (const period of report.periods) {
    const what = period.papers === 0 ? "no papers, nothing to send" : `${period.papers} paper(s) for ${period.subscribers} confirmed subscriber(s)`;
    lines.push(`  ${period.frequency.padEnd(7)} ${period.key}: ${what}`);
  }
  for (const skipped of report.notDue) lines.push(`  ${skipped.frequency.padEnd(7)} not due: ${skipped.reason}`);
  if (report.dryRun) {
    lines.push(`  would send ${report.wouldSend.length}`);
    for (const entry of report.wouldSend) lines.push(`    ${entry.email} (${entry.period})`);
  } else {
    lines.push(`  sent         ${report.sent.length}`);
  }
  lines.push(`  already sent ${report.alreadySent}`);
  lines.push(`  failed       ${report.failed.length}${report.failed.length > 0 ? " (retried by the next runs)" : ""}`);
  for (const failure of report.failed) lines.push(`    ${failure.email} (${failure.period}): ${failure.error}`);
  return lines.join("\n");
}
