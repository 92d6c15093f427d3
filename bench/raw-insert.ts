import fs from "node:fs";
import pg from "pg";
import BetterSqlite3 from "better-sqlite3";
import type { Database } from "../lib/db/database";
import { copyRows } from "../lib/db/postgres/copy";
import { sqliteDate } from "../lib/db/sqlite/connection";
import { sqliteFilePath } from "../lib/db/url";
import { planBatch } from "../lib/ingest/merge";
import { INGEST_COLUMNS, type PaperRow } from "../lib/papers/paper-row";
import { readRecords } from "../lib/ingest/read-records";
import { openSource } from "../lib/ingest/source";
import type { PaperInput } from "../lib/papers/schema";

// Paper's ingest columns and the two timestamps Prisma would fill, as the ingest writes them.
const COLUMNS = [...INGEST_COLUMNS, "createdAt", "updatedAt"];
const BATCH = 20_000;

/** The rows the ingest would insert for the file, a batch at a time (parsed and planned, not timed). */
async function* plannedRows(file: string): AsyncIterable<PaperRow[]> {
  const stream = await readRecords(await openSource(file));
  let batch: PaperInput[] = [];
  for await (const record of stream.records) {
    if ("paper" in record) batch.push(record.paper);
    if (batch.length >= BATCH) {
      yield planBatch([], batch, { format: stream.format }).inserts;
      batch = [];
    }
  }
  if (batch.length > 0) yield planBatch([], batch, { format: stream.format }).inserts;
}

const values = (row: PaperRow, now: Date) => [...INGEST_COLUMNS.map((column) => row[column]), now, now];

/**
 * The database's own limit for the ingest: the same rows with the bare driver, in one
 * transaction, into a fresh table of Paper's shape (its columns and indexes, no triggers, so no
 * search document): plain prepared inserts on SQLite, COPY on PostgreSQL. Only the writes and
 * the commit are timed. Returns seconds.
 */
export async function rawInsertSeconds(db: Database, options: { file: string; workFolder: string }): Promise<number> {
  return db.provider === "sqlite" ? rawSqlite(db, options) : rawPostgres(db, options.file);
}

async function rawSqlite(db: Database, { file, workFolder }: { file: string; workFolder: string }): Promise<number> {
  const source = new BetterSqlite3(sqliteFilePath(db.url), { readonly: true });
  const shape = source
    .prepare(`SELECT sql FROM sqlite_master WHERE tbl_name = 'Paper' AND type IN ('table', 'index') AND sql IS NOT NULL`)
    .pluck()
    .all() as string[];
  source.close();
  const rawFile = `${workFolder}/raw-limit.db`;
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(rawFile + suffix, { force: true });
  const raw = new BetterSqlite3(rawFile);
  try {
    raw.pragma("journal_mode = WAL");
    for (const sql of shape) raw.exec(sql);
    const insert = raw.prepare(`INSERT INTO "Paper" (${COLUMNS.map((column) => `"${column}"`).join(", ")}) VALUES (${COLUMNS.map(() => "?").join(", ")})`);
    let seconds = 0;
    const clock = (work: () => void) => {
      const start = performance.now();
      work();
      seconds += (performance.now() - start) / 1000;
    };
    clock(() => raw.exec("BEGIN"));
    for await (const rows of plannedRows(file)) {
      const now = new Date();
      clock(() => {
        for (const row of rows) insert.run(...values(row, now).map((value) => (value instanceof Date ? sqliteDate(value) : value)));
      });
    }
    clock(() => raw.exec("COMMIT"));
    return seconds;
  } finally {
    raw.close();
    for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(rawFile + suffix, { force: true });
  }
}

async function rawPostgres(db: Database, file: string): Promise<number> {
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    await client.query(`CREATE TABLE "RawPaper" (LIKE "Paper" INCLUDING DEFAULTS INCLUDING INDEXES)`);
    let seconds = 0;
    const clock = async (work: () => Promise<unknown>) => {
      const start = performance.now();
      await work();
      seconds += (performance.now() - start) / 1000;
    };
    await clock(() => client.query("BEGIN"));
    for await (const rows of plannedRows(file)) {
      const now = new Date();
      await clock(() =>
        copyRows(
          client,
          `"RawPaper"`,
          COLUMNS,
          rows.map((row) => values(row, now)),
        ),
      );
    }
    await clock(() => client.query("COMMIT"));
    return seconds;
  } finally {
    await client.query(`DROP TABLE IF EXISTS "RawPaper"`);
    await client.end();
  }
}
