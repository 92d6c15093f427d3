import type { Database } from "../db/database";
import { ingestRecords } from "../ingest/ingest";
import type { FormatName, ParsedRecord } from "../ingest/record";
import type { PoliteFetch } from "./polite-fetch";

/** What one step of a source did (a day of Hugging Face's list, a page of arXiv's), or why it failed. */
export type SyncStep = { what: string; inserted: number; updated: number; unchanged: number; rejected: number; error?: string };

export type SourceRun = {
  db: Database;
  fetch: PoliteFetch;
  /** Where the last run left off (SyncState.cursor), null on a first run. */
  cursor: string | null;
  /** Saves how far this run has read, as it goes: a run cut short is taken up from here. */
  saveCursor(cursor: string): Promise<void>;
  report(step: SyncStep): void;
  /** False once the sync lease was lost (another run took it over): stop before writing more. */
  stillHeld(): Promise<boolean>;
  now: Date;
  since?: Date;
  days?: number;
  dryRun: boolean;
};

/** A place papers are synced from: Hugging Face's daily list, or one arXiv category's new submissions. */
export type SyncSource = { name: string; run(context: SourceRun): Promise<void> };

/** Writes one step's records through the ingestion library (its merge rules, its idempotence) and counts them. */
export async function ingestStep(context: SourceRun, what: string, records: ParsedRecord[], format: FormatName): Promise<SyncStep> {
  const counts = await ingestRecords(context.db, toAsync(records), { format, dryRun: context.dryRun });
  return { what, inserted: counts.inserted, updated: counts.updated, unchanged: counts.unchanged, rejected: counts.rejected.length };
}

async function* toAsync<T>(items: T[]): AsyncIterable<T> {
  yield* items;
}

export const failedStep = (what: string, error: unknown): SyncStep => ({
  what,
  inserted: 0,
  updated: 0,
  unchanged: 0,
  rejected: 0,
  error: error instanceof Error ? error.message : String(error),
});
