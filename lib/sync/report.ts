import type { SyncStep } from "./source";
import type { SyncReport } from "./run-sync";

/** One line for a step as it finishes: "hf 2026-11-30: 12 new, 3 updated, 20 unchanged". */
export function formatSyncStep(source: string, step: SyncStep): string {
  if (step.error !== undefined) return `${source} ${step.what}: FAILED, ${step.error} (the next run tries it again)`;
  return `${source} ${step.what}: ${countsText(step)}`;
}

function countsText(counts: { inserted: number; updated: number; unchanged: number; rejected: number }): string {
  const parts = [`${counts.inserted} new`, `${counts.updated} updated`, `${counts.unchanged} unchanged`];
  if (counts.rejected > 0) parts.push(`${counts.rejected} rejected`);
  return parts.join(", ");
}

/** The run's summary, a line per source, and what a second run would say: nothing changed. */
export function formatSyncReport(report: SyncReport): string {
  if (report.busy) {
    return `Another sync is running (${report.busy.owner}, its lease runs to ${report.busy.expiresAt.toISOString()}); nothing was fetched.`;
  }
  const lines = report.sources.map((source) => {
    const failures = source.steps.filter((step) => step.error !== undefined).length;
    const status = source.status === "ok" ? "" : ` — ${failures} of ${source.steps.length} step(s) failed`;
    return `${source.source}: ${countsText(source)}${status}`;
  });
  const changed = report.sources.reduce((sum, source) => sum + source.inserted + source.updated, 0);
  if (report.sources.every((source) => source.status === "ok") && changed === 0) lines.push("Nothing changed: the database was already up to date.");
  if (report.dryRun) lines.unshift("Dry run: nothing was written.");
  return lines.join("\n");
}
