import type { Database } from "../db/database";
import type { PaperInput } from "../papers/schema";
import { titleKey } from "./normalize";
import { planBatch, type PaperRow } from "./merge";
import type { FormatName, ParsedRecord } from "./record";

export type IngestCounts = {
  read: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: Array<{ at: string; reason: string }>;
};

export type IngestOptions = {
  /** The source's format: how far its metadata is trusted against what is stored. */
  format: FormatName;
  /** The feed day for papers whose source has none (`--feed-date`). */
  feedDate?: Date;
  /** Plan everything, write nothing. */
  dryRun?: boolean;
  /** Papers written per transaction: a batch goes in whole or not at all. */
  batchSize?: number;
  onProgress?: (counts: IngestCounts) => void;
};

const ROW_FIELDS = {
  id: true, arxivId: true, titleKey: true, title: true, abstract: true, authors: true, authorCount: true,
  publishedAt: true, feedDate: true, importedUpvotes: true, categories: true, metadataSource: true, pdfUrl: true, codeUrl: true, projectUrl: true,
} as const;

/**
 * Writes parsed records to the database, idempotently: each batch is one transaction that reads
 * the rows its papers may match, plans inserts and updates (lib/ingest/merge.ts) and writes
 * them. Rejected records are counted and reported, never written. A batch that loses a race
 * with another writer (two ingests at once) is planned again from fresh rows.
 */
export async function ingestRecords(db: Database, records: AsyncIterable<ParsedRecord>, options: IngestOptions): Promise<IngestCounts> {
  const counts: IngestCounts = { read: 0, inserted: 0, updated: 0, unchanged: 0, rejected: [] };
  const batchSize = options.batchSize ?? 500;
  let batch: PaperInput[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const result = await withRetry(() => writeBatch(db, batch, options));
    counts.inserted += result.inserted;
    counts.updated += result.updated;
    counts.unchanged += result.unchanged;
    batch = [];
    options.onProgress?.(counts);
  };
  for await (const record of records) {
    counts.read++;
    if ("error" in record) counts.rejected.push({ at: record.at, reason: record.error });
    else batch.push(record.paper);
    if (batch.length >= batchSize) await flush();
  }
  await flush();
  return counts;
}

async function writeBatch(db: Database, papers: PaperInput[], options: IngestOptions) {
  return db.prisma.$transaction(async (tx) => {
    const arxivIds = papers.flatMap((paper) => (paper.arxivId ? [paper.arxivId] : []));
    const titleKeys = papers.map((paper) => titleKey(paper.title));
    // Two lookups rather than one OR: each stays under the driver's bound-parameter limit (999 on SQLite).
    const [byArxivId, byTitle] = await Promise.all([
      tx.paper.findMany({ where: { arxivId: { in: arxivIds } }, select: ROW_FIELDS }),
      tx.paper.findMany({ where: { titleKey: { in: [...new Set(titleKeys)] } }, select: ROW_FIELDS }),
    ]);
    const existing: PaperRow[] = [...new Map([...byArxivId, ...byTitle].map((row) => [row.id, row])).values()];
    const plan = planBatch(existing, papers, { format: options.format, feedDate: options.feedDate });
    if (!options.dryRun) {
      for (const { id, row } of plan.updates) await tx.paper.update({ where: { id }, data: row });
      if (plan.inserts.length > 0) await tx.paper.createMany({ data: plan.inserts });
    }
    return plan.counts;
  }, { maxWait: 30_000, timeout: 120_000 });
}

const RETRYABLE = /SQLITE_BUSY|database is locked|could not serialize|deadlock detected|Unique constraint/i;

async function withRetry<T>(work: () => Promise<T>, attempts = 4): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      const code = (error as { code?: string }).code;
      const retryable = code === "P2002" || code === "P2034" || RETRYABLE.test(String((error as Error).message));
      if (!retryable || attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 * attempt + Math.random() * 100));
    }
  }
}
