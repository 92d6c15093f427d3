import { randomUUID } from "node:crypto";
import type { Database } from "../db/database";
import { isArxivCategory } from "../papers/identity";
import { arxivSource } from "./arxiv-source";
import { hfSource } from "./hf-source";
import { isLease, takeSyncLease, type LeaseHolder } from "./lease";
import { politeFetcher, type PoliteFetch } from "./polite-fetch";
import type { SyncSource, SyncStep } from "./source";

export type SourceReport = {
  source: string;
  status: "ok" | "partial" | "failed";
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  steps: SyncStep[];
};

export type SyncReport = { busy: LeaseHolder | null; sources: SourceReport[]; dryRun: boolean };

export type SyncOptions = {
  sources: SyncSource[];
  since?: Date;
  days?: number;
  dryRun?: boolean;
  now?: Date;
  fetch?: PoliteFetch;
  /** Told of each step as it finishes (the command prints them as they come). */
  onStep?: (source: string, step: SyncStep) => void;
};

/** How the sync names itself to Hugging Face and arXiv (arXiv asks API clients to say who they are). */
export const USER_AGENT = "DailyPapers-sync/0.1 (a self-hosted Daily Papers instance)";

/**
 * Brings the database up to date from each source in turn, under the sync lease (one run at a
 * time across processes and instances). Each source's run is recorded (SyncRun) with what each
 * step did and why one failed, and its cursor saved as it goes; a dry run fetches and plans but
 * writes neither papers nor records.
 */
export async function runSync(db: Database, options: SyncOptions): Promise<SyncReport> {
  const dryRun = options.dryRun ?? false;
  const lease = await takeSyncLease(db);
  if (!isLease(lease)) return { busy: lease, sources: [], dryRun };
  const fetch = options.fetch ?? politeFetcher({ userAgent: USER_AGENT });
  const reports: SourceReport[] = [];
  try {
    for (const source of options.sources) {
      reports.push(await runSource(db, source, { ...options, dryRun, fetch, stillHeld: lease.renew }));
    }
  } finally {
    await lease.release();
  }
  if (!dryRun && reports.some((report) => report.inserted + report.updated > 0)) await db.store.search.refreshVocabulary();
  return { busy: null, sources: reports, dryRun };
}

async function runSource(
  db: Database,
  source: SyncSource,
  options: SyncOptions & { dryRun: boolean; fetch: PoliteFetch; stillHeld: () => Promise<boolean> },
): Promise<SourceReport> {
  const id = randomUUID();
  const startedAt = options.now ?? new Date();
  if (!options.dryRun) await db.prisma.syncRun.create({ data: { id, source: source.name, startedAt, status: "running" } });
  const state = await db.prisma.syncState.findUnique({ where: { source: source.name } });
  const steps: SyncStep[] = [];
  let crashed: unknown = null;
  try {
    await source.run({
      db,
      fetch: options.fetch,
      cursor: state?.cursor ?? null,
      saveCursor: async (cursor) => {
        await db.prisma.syncState.upsert({ where: { source: source.name }, create: { source: source.name, cursor }, update: { cursor } });
      },
      report: (step) => {
        steps.push(step);
        options.onStep?.(source.name, step);
      },
      stillHeld: options.stillHeld,
      now: startedAt,
      since: options.since,
      days: options.days,
      dryRun: options.dryRun,
    });
  } catch (error) {
    crashed = error;
    steps.push({ what: "run", inserted: 0, updated: 0, unchanged: 0, rejected: 0, error: error instanceof Error ? error.message : String(error) });
  }
  const report = summarize(source.name, steps, crashed !== null);
  if (!options.dryRun) {
    const { status, inserted, updated, unchanged, rejected } = report;
    await db.prisma.syncRun.update({
      where: { id },
      data: { finishedAt: new Date(), status, inserted, updated, unchanged, rejected, details: JSON.stringify(steps) },
    });
  }
  return report;
}

function summarize(source: string, steps: SyncStep[], crashed: boolean): SourceReport {
  const total = (key: "inserted" | "updated" | "unchanged" | "rejected") => steps.reduce((sum, step) => sum + step[key], 0);
  const failures = steps.filter((step) => step.error !== undefined).length;
  const status = crashed || (failures > 0 && failures === steps.length) ? "failed" : failures > 0 ? "partial" : "ok";
  return { source, status, inserted: total("inserted"), updated: total("updated"), unchanged: total("unchanged"), rejected: total("rejected"), steps };
}

/** The sources a SYNC_SOURCES-style list names ("hf,arxiv:cs.CL"); an unknown name is an error that says what is known. */
export function syncSources(names: string[], urls: { hfApiUrl: string; arxivApiUrl: string }): SyncSource[] {
  return names.map((name) => {
    if (name === "hf") return hfSource({ apiUrl: urls.hfApiUrl });
    const category = /^arxiv:(.+)$/.exec(name)?.[1];
    if (category && isArxivCategory(category)) return arxivSource({ category, apiUrl: urls.arxivApiUrl });
    throw new Error(`Unknown sync source "${name}": use hf or arxiv:<category> (arxiv:cs.CL).`);
  });
}
