import type BetterSqlite3 from "better-sqlite3";
import { prepared, sqliteDate } from "./connection";
import type { EngineQuery, Matches } from "../../search/sql-parts";
import { BEGINNING_OF_TIME, END_OF_TIME, type CategoryCount, type RelatedInput } from "../store";
import { sqliteMatchPaperIds } from "./search";

/**
 * The SQLite reads of search that can take more than a moment, each on a bare connection, so
 * that the same function runs inline (tests, `next dev`) or in a worker thread with its own
 * read-only connection (lib/db/sqlite/worker-pool.ts). Inputs and results are plain data (they
 * cross to the worker by structured clone).
 */
export const sqliteSearchTasks = {
  /** A page of matching paper ids (lib/db/sqlite/search.ts). */
  match: (connection: BetterSqlite3.Database, query: EngineQuery): Matches => sqliteMatchPaperIds(connection, query),

  /** The terms sharing most of these trigrams, most shared first (at most 50): "did you mean" candidates. */
  trigrams: (connection: BetterSqlite3.Database, grams: string[]): string[] =>
    prepared(
      connection,
      `SELECT term FROM "SearchTrigram" WHERE trigram IN (${grams.map(() => "?").join(", ")}) GROUP BY term ORDER BY count(*) DESC, term LIMIT 50`,
    )
      .pluck()
      .all(...grams) as string[],

  /** Papers sharing the most of these index terms (letters only), best first, never `excludeId` (RelatedInput). */
  related: (connection: BetterSqlite3.Database, input: RelatedInput): string[] => {
    const match = input.terms.map((term) => `"${term}"`).join(" OR ");
    // Without a feed window the index ranks alone and only its best are looked up in Paper (the
    // paper itself and hidden ones left out then), rather than a Paper row read for every one
    // of the thousands of papers holding a term (at a million papers this query now takes ~7 ms).
    if (!input.feedFrom && !input.feedBefore)
      return (
        prepared(
          connection,
          `SELECT p."id" AS id FROM (SELECT rowid, bm25("paper_fts", 10.0, 5.0, 1.0) AS score FROM "paper_fts" WHERE "paper_fts" MATCH ? ORDER BY score LIMIT ?) f
         CROSS JOIN "Paper" p ON p.rowid = f.rowid WHERE p."id" <> ? AND p."hidden" = 0 ORDER BY f.score LIMIT ?`,
        )
          .pluck()
          // Twice the limit and one: room for the paper itself and a few hidden ones.
          .all(match, 2 * input.limit + 1, input.excludeId, input.limit) as string[]
      );
    return prepared(
      connection,
      `SELECT p."id" AS id FROM "paper_fts" CROSS JOIN "Paper" p ON p.rowid = "paper_fts".rowid
       WHERE "paper_fts" MATCH ? AND p."id" <> ? AND p."hidden" = 0 AND p."feedDate" >= ? AND p."feedDate" < ?
       ORDER BY bm25("paper_fts", 10.0, 5.0, 1.0) LIMIT ?`,
    )
      .pluck()
      .all(match, input.excludeId, sqliteDate(input.feedFrom ?? BEGINNING_OF_TIME), sqliteDate(input.feedBefore ?? END_OF_TIME), input.limit) as string[];
  },

  /** Visible papers per category: a scan of every paper's JSON array (~1 s at a million papers), so it runs off the main thread. */
  categories: (connection: BetterSqlite3.Database): CategoryCount[] =>
    prepared(
      connection,
      `SELECT c.value AS category, count(*) AS papers FROM "Paper" p, json_each(p."categories") c
       WHERE p."hidden" = 0 GROUP BY c.value ORDER BY papers DESC, category`,
    ).all() as CategoryCount[],
};

export type SqliteSearchTasks = typeof sqliteSearchTasks;
export type SqliteTaskName = keyof SqliteSearchTasks;
export type SqliteTaskInput<Name extends SqliteTaskName> = Parameters<SqliteSearchTasks[Name]>[1];
export type SqliteTaskResult<Name extends SqliteTaskName> = ReturnType<SqliteSearchTasks[Name]>;

/** Runs one task by name on a connection (the worker's dispatcher and the inline path). */
export function runSqliteTask<Name extends SqliteTaskName>(
  connection: BetterSqlite3.Database,
  name: Name,
  input: SqliteTaskInput<Name>,
): SqliteTaskResult<Name> {
  if (!Object.hasOwn(sqliteSearchTasks, name)) throw new Error(`No search task is named ${String(name)}.`);
  const task = sqliteSearchTasks[name] as (connection: BetterSqlite3.Database, input: SqliteTaskInput<Name>) => SqliteTaskResult<Name>;
  return task(connection, input);
}
