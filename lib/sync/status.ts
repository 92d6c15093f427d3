import type { Database } from "../db/database";
import type { SyncStep } from "./source";

export type SourceStatus = {
  source: string;
  startedAt: string;
  finishedAt: string | null;
  /** "running", "ok", "partial", "failed", or "interrupted" (its process stopped before it finished). */
  status: string;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  /** The steps that failed and why: retried by the next run. */
  failures: SyncStep[];
};

export type SyncStatus = {
  /** Each source's latest run, sources in name order. */
  sources: SourceStatus[];
  /** When the latest run that got through (ok or partial) finished: the home page's "last updated". */
  lastUpdatedAt: string | null;
  /** Who holds the sync lease now, if anyone. */
  running: { owner: string; until: string } | null;
};

/** What the admin page and GET /api/sync/status show: each source's last run, and whether one is running now. */
export async function syncStatus(db: Database, now = new Date()): Promise<SyncStatus> {
  const [latest, lease] = await Promise.all([
    db.prisma.syncRun.findMany({ orderBy: [{ source: "asc" }, { startedAt: "desc" }], distinct: ["source"] }),
    db.prisma.syncLease.findUnique({ where: { name: "sync" } }),
  ]);
  const running = lease && lease.expiresAt > now ? { owner: lease.owner, until: lease.expiresAt.toISOString() } : null;
  return {
    sources: latest.map((run) => ({
      source: run.source,
      startedAt: run.startedAt.toISOString(),
      finishedAt: run.finishedAt?.toISOString() ?? null,
      status: run.status === "running" && !running ? "interrupted" : run.status,
      inserted: run.inserted,
      updated: run.updated,
      unchanged: run.unchanged,
      rejected: run.rejected,
      failures: (JSON.parse(run.details) as SyncStep[]).filter((step) => step.error !== undefined),
    })),
    lastUpdatedAt: (await lastUpdatedAt(db))?.toISOString() ?? null,
    running,
  };
}

/** When the last sync that got papers through (ok or partial) finished, or null if none ever did. */
export async function lastUpdatedAt(db: Database): Promise<Date | null> {
  const run = await db.prisma.syncRun.findFirst({
    where: { status: { in: ["ok", "partial"] }, finishedAt: { not: null } },
    orderBy: { finishedAt: "desc" },
    select: { finishedAt: true },
  });
  return run?.finishedAt ?? null;
}
