import type { Database } from "../db/database";
import type { PaperInput } from "../papers/schema";
import type { BatchWriter } from "./batch-writer";
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
  /** Papers written per transaction (default: 20,000 on SQLite, 10,000 on PostgreSQL): a batch goes in whole or not at all. */
  batchSize?: number;
  onProgress?: (counts: IngestCounts) => void;
};

/**
 * Writes parsed records to the database, idempotently: each batch is one transaction that reads
 * the rows its papers may match, plans inserts and updates (lib/ingest/merge.ts) and writes
 * them. Rejected records are counted and reported, never written. A batch that loses a race
 * with another writer (two ingests at once) is planned again from fresh rows.
 */
export async function ingestRecords(db: Database, records: AsyncIterable<ParsedRecord>, options: IngestOptions): Promise<IngestCounts> {
  const writer: BatchWriter = db.store.batchWriter();
  try {
    return await writeAll(writer, records, options);
  } finally {
    await writer.close();
  }
}

async function writeAll(writer: BatchWriter, records: AsyncIterable<ParsedRecord>, options: IngestOptions): Promise<IngestCounts> {
  const counts: IngestCounts = { read: 0, inserted: 0, updated: 0, unchanged: 0, rejected: [] };
  const batchSize = options.batchSize ?? writer.batchSize;
  let batch: PaperInput[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const papers = batch;
    const result = await withRetry(() => writer.write(papers, options));
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
