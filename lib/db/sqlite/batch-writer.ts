import type BetterSqlite3 from "better-sqlite3";
import type { BatchWriter, WriteOptions } from "../../ingest/batch-writer";
import { planBatch } from "../../ingest/merge";
import { titleKey } from "../../papers/identity";
import { INGEST_COLUMNS, PAPER_COLUMNS, type PaperRow } from "../../papers/paper-row";
import type { PaperInput } from "../../papers/schema";
import { fromSqliteRow, sqliteDate, toSqliteValue } from "./connection";
import { searchTriggersSql } from "./search-triggers";

const COLUMNS = INGEST_COLUMNS;
const quoted = (names: readonly string[]) => names.map((name) => `"${name}"`).join(", ");

// At least this many new papers in a batch and the full-text index is filled in one statement
// after the rows rather than by the per-row trigger: ~2x faster for a snapshot-sized ingest.
const BULK_INDEX_FROM = 1_000;

const fromStored = (row: unknown) => fromSqliteRow<PaperRow>(COLUMNS, row as Record<string, unknown>);
const toParams = (row: PaperRow) => COLUMNS.map((column) => toSqliteValue(PAPER_COLUMNS[column].type, row[column]));

/**
 * Batches on SQLite with better-sqlite3 prepared statements, each batch one IMMEDIATE
 * transaction (so a concurrent ingest waits rather than racing): the lookups, the merge plan
 * and the writes happen without leaving the transaction, and a failure rolls all of it back.
 */
export function sqliteBatchWriter(connection: BetterSqlite3.Database): BatchWriter {
  const select = `SELECT ${quoted(COLUMNS)} FROM "Paper"`;
  const byArxivId = connection.prepare(`${select} WHERE "arxivId" = ?`);
  const byTitleKey = connection.prepare(`${select} WHERE "titleKey" = ?`);
  const idlessByTitleKey = connection.prepare(`${select} WHERE "titleKey" = ? AND "arxivId" IS NULL`);
  const anyIdless = connection.prepare(`SELECT EXISTS (SELECT 1 FROM "Paper" WHERE "arxivId" IS NULL)`).pluck();
  const insert = connection.prepare(`INSERT INTO "Paper" (${quoted(COLUMNS)}, "createdAt", "updatedAt") VALUES (${COLUMNS.map(() => "?").join(", ")}, ?, ?)`);
  const update = connection.prepare(`UPDATE "Paper" SET ${COLUMNS.map((column) => `"${column}" = ?`).join(", ")}, "updatedAt" = ? WHERE "id" = ?`);
  const lastRowid = connection.prepare(`SELECT coalesce(max(rowid), 0) FROM "Paper"`).pluck();
  const hasIndex = connection.prepare(`SELECT 1 FROM sqlite_master WHERE name = 'paper_fts'`).pluck().get() === 1;

  // The rows planBatch may match: by arXiv id, else by title. A paper with an arXiv id can only
  // take over a stored row by title when that row has no id yet, which is rare (none at all in
  // a database filled from arXiv's snapshot): asking for just those keeps the lookups cheap.
  const existingRows = (papers: PaperInput[]): PaperRow[] => {
    const rows = new Map<string, PaperRow>();
    const add = (raw: unknown) => {
      const row = fromStored(raw);
      rows.set(row.id, row);
    };
    const idless = anyIdless.get() === 1;
    for (const paper of papers) {
      if (paper.arxivId) {
        byArxivId.all(paper.arxivId).forEach(add);
        if (idless) idlessByTitleKey.all(titleKey(paper.title)).forEach(add);
      } else {
        byTitleKey.all(titleKey(paper.title)).forEach(add);
      }
    }
    return [...rows.values()];
  };

  const writeRows = (inserts: PaperRow[], updates: Array<{ id: string; row: PaperRow }>) => {
    const now = sqliteDate(new Date());
    const bulkIndex = hasIndex && inserts.length >= BULK_INDEX_FROM;
    const firstNew = bulkIndex ? (lastRowid.get() as number) : 0;
    if (bulkIndex) connection.exec(`DROP TRIGGER "paper_fts_insert"`);
    for (const { id, row } of updates) update.run(...toParams(row), now, id);
    for (const row of inserts) insert.run(...toParams(row), now, now);
    if (bulkIndex) {
      // SQLite gives a new row max(rowid) + 1, and this transaction holds the write lock, so the
      // rows above the old maximum are exactly this batch's.
      connection
        .prepare(`INSERT INTO "paper_fts"(rowid, title, authors, abstract) SELECT rowid, title, authors, abstract FROM "Paper" WHERE rowid > ?`)
        .run(firstNew);
      connection.exec(searchTriggersSql());
    }
  };

  const writeBatch = connection.transaction((papers: PaperInput[], options: WriteOptions) => {
    const plan = planBatch(existingRows(papers), papers, options);
    if (!options.dryRun) writeRows(plan.inserts, plan.updates);

    return plan.counts;
  });

  return {
    batchSize: 20_000,
    write: async (papers, options) => writeBatch.immediate(papers, options),
    close: async () => undefined,
  };
}
