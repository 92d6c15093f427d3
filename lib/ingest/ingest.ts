import type { Database } from "../db/database";
import type { PaperInput } from "../papers/schema";
import { startFeaturesPool, type FeaturesPool } from "../recs/features-pool";
import type { BatchWriter } from "./batch-writer";
import type { BatchPlan } from "./merge";
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
  /** Leave the features out (lib/ingest/merge.ts's PlanOptions): only the benchmark's baseline. */
  withoutFeatures?: boolean;
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

type Queued = { papers: PaperInput[]; features: Promise<string[] | undefined> };

async function writeAll(writer: BatchWriter, records: AsyncIterable<ParsedRecord>, options: IngestOptions): Promise<IngestCounts> {
  const counts: IngestCounts = { read: 0, inserted: 0, updated: 0, unchanged: 0, rejected: [] };
  const batchSize = options.batchSize ?? writer.batchSize;
  const ahead = featuresAhead(options, batchSize);
  // The batch whose features are being made while the one before it is written.
  const pipeline: { queued: Queued | null } = { queued: null };
  const write = async ({ papers, features }: Queued) => {
    const made = await features;
    const result = await withRetry(() => writer.write(papers, { ...options, features: made }));
    counts.inserted += result.inserted;
    counts.updated += result.updated;
    counts.unchanged += result.unchanged;
    ahead.learn(papers.length, result);
    options.onProgress?.(counts);
  };
  let batch: PaperInput[] = [];
  const flush = async () => {
    const next = batch.length > 0 ? { papers: batch, features: ahead.take() } : null;
    batch = [];
    const previous = pipeline.queued;
    pipeline.queued = next;
    if (previous) await write(previous);
  };
  try {
    for await (const record of records) {
      counts.read++;
      if ("error" in record) counts.rejected.push({ at: record.at, reason: record.error });
      else {
        batch.push(record.paper);
        ahead.add(record.paper);
      }
      if (batch.length >= batchSize) await flush();
    }
    await flush();
    await flush();
    return counts;
  } finally {
    // A batch left unwritten (a write failed) still has its features made: nothing waits for them.
    pipeline.queued?.features.catch(() => undefined);
    await ahead.close();
  }
}

/** Papers sent to the threads at a time, as they are read: the threads work while the batch fills. */
const FEATURES_CHUNK = 2_000;

/**
 * Makes papers' features in worker threads (lib/recs/features-pool.ts) as they are read, while
 * the batch before is written: the threads start with the first full chunk (an ingest of a few
 * papers starts none), and work only while batches bring new text. A batch of mostly unchanged
 * papers (a file ingested again) keeps its stored features, so later batches make the few they
 * need as they are planned, rather than wait for threads making features nobody uses.
 */
function featuresAhead(options: IngestOptions, batchSize: number) {
  const chunkSize = Math.min(FEATURES_CHUNK, batchSize);
  let pool: FeaturesPool | null = null;
  let mostlyNew = !options.withoutFeatures && !options.dryRun;
  // The batch being read: its papers not yet sent, and what the threads make of those sent.
  let unsent: PaperInput[] = [];
  let made: Array<Promise<string[]>> = [];
  let batchUsesPool: boolean | null = null;
  // The threads start cold (loading the code takes a second or two) while the first batch is
  // read at full speed, so the first write would wait on them: the first batch sends them only
  // its first half, and its second half is made as it is planned, on the core that would wait
  // (a 100,000-paper ingest here: 2,823 papers/s without this, 3,057 with).
  let firstBatch = true;
  let sentThisBatch = 0;
  const send = () => {
    pool ??= startFeaturesPool();
    made.push(pool.featuresOf(unsent));
    unsent = [];
  };
  return {
    add(paper: PaperInput) {
      batchUsesPool ??= mostlyNew;
      if (!batchUsesPool || (firstBatch && sentThisBatch >= batchSize / 2)) return;
      sentThisBatch++;
      unsent.push(paper);
      if (unsent.length >= chunkSize) send();
    },
    /** The features of the batch read since the last call, in order; undefined: made as the batch is planned. */
    take(): Promise<string[] | undefined> {
      if (batchUsesPool && pool && unsent.length > 0) send();
      const chunks = batchUsesPool && pool ? made : null;
      [unsent, made, batchUsesPool, sentThisBatch, firstBatch] = [[], [], null, 0, false];
      if (!chunks) return Promise.resolve(undefined);
      const all = Promise.all(chunks).then((parts) => parts.flat());
      // Failures surface when the batch is written; until then, none is left unhandled.
      all.catch(() => undefined);
      return all;
    },
    learn(papers: number, result: BatchPlan["counts"]) {
      mostlyNew = !options.withoutFeatures && !options.dryRun && result.inserted + result.updated >= papers / 2;
    },
    close: async () => pool?.close(),
  };
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
