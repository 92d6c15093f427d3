import type { Database } from "../db/database";
import { ingestRecords, type IngestCounts } from "./ingest";
import { readRecords } from "./read-records";
import type { FormatName, ParsedRecord } from "./record";
import { openSource, SourceError } from "./source";

export type IngestSummary = IngestCounts & { format: FormatName; assumedYear: number | null };

export type IngestRun = {
  /** A file path, an http(s) URL or "-" for standard input. */
  source: string;
  format?: FormatName;
  asOf?: Date;
  feedDate?: Date;
  dryRun?: boolean;
  /** Papers per transaction (default: the database's own, see IngestOptions). */
  batchSize?: number;
  /** Store papers without their features (lib/ingest/merge.ts): only the benchmark's baseline. */
  withoutFeatures?: boolean;
  stdin?: NodeJS.ReadableStream;
  onBytes?: (bytes: number, totalBytes: number | null) => void;
  onProgress?: (counts: IngestCounts) => void;
};

/**
 * Reads one source into the database: open, detect, parse, write. A source that cannot be read
 * as a whole (missing file, unknown format, broken XML or JSON) is a SourceError and writes
 * nothing; single bad records are reported in the summary while the rest go in.
 */
export async function ingestFromSource(db: Database, run: IngestRun): Promise<IngestSummary> {
  return db.store.duringIngest(() => ingest(db, run));
}

async function ingest(db: Database, run: IngestRun): Promise<IngestSummary> {
  const source = await openSource(run.source, { stdin: run.stdin });
  const stream = await readRecords(source, {
    format: run.format,
    asOf: run.asOf,
    onBytes: (bytes) => run.onBytes?.(bytes, source.totalBytes),
  });
  const counts = await ingestRecords(db, refuseBrokenDocument(source.name, stream.records), {
    format: stream.format,
    feedDate: run.feedDate,
    dryRun: run.dryRun,
    batchSize: run.batchSize,
    withoutFeatures: run.withoutFeatures,
    onProgress: run.onProgress,
  });
  // Search weighs terms and corrects spelling by the index's vocabulary: bring it up to date
  // with the papers. Also when this run changed nothing: a run killed after its last batch but
  // before this refresh left the vocabulary behind, and running it again is how a person repairs
  // that. The refresh writes only the terms whose counts changed.
  if (!run.dryRun && counts.read > counts.rejected.length) await db.store.search.refreshVocabulary();
  return { format: stream.format, ...counts, assumedYear: stream.assumedYear };
}

/** Parsers report a document they cannot read at all as one record "at document". */
async function* refuseBrokenDocument(name: string, records: AsyncIterable<ParsedRecord>): AsyncIterable<ParsedRecord> {
  for await (const record of records) {
    if ("error" in record && record.at === "document") throw new SourceError(`${name} ${record.error}`);
    yield record;
  }
}

export function formatSummary(summary: IngestSummary, dryRun = false): string {
  const lines = [`${dryRun ? "Dry run: would ingest" : "Ingested"} ${summary.read} record(s) as ${summary.format}:`];
  const changed = summary.inserted + summary.updated;
  for (const [label, value] of [
    ["inserted", summary.inserted],
    ["updated", summary.updated],
    ["unchanged", summary.unchanged],
    ["rejected", summary.rejected.length],
  ] as const) {
    lines.push(`  ${label.padEnd(10)} ${value}`);
  }
  for (const { at, reason } of summary.rejected.slice(0, 50)) lines.push(`  rejected ${at}: ${reason}`);
  if (summary.rejected.length > 50) lines.push(`  … and ${summary.rejected.length - 50} more (use --json for all)`);
  if (summary.read === 0) lines.push("No papers found in the source.");
  else if (changed === 0 && summary.unchanged > 0) lines.push(`Nothing changed: all ${summary.unchanged} paper(s) were already up to date.`);
  if (summary.assumedYear !== null) {
    lines.push(`Dates without a year were taken as ${summary.assumedYear}; pass --as-of YYYY-MM-DD (the day the page was captured) to set it.`);
  }
  return lines.join("\n");
}
