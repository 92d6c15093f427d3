import pg from "pg";
import type { Database } from "../lib/db/database";
import { openSqliteConnection } from "../lib/db/sqlite/connection";
import { postgresTsquery } from "../lib/db/postgres/search";
import { toFts5Match } from "../lib/db/sqlite/fts5";
import { parseSearchQuery } from "../lib/search/query";

export type NaiveSearch = { run(q: string): Promise<unknown[]>; close(): Promise<void> };

/**
 * The limit search is measured against: the textbook query with the bare driver, in the same
 * process: the top 20 by exact relevance over every match (FTS5 bm25 with the app's column
 * weights; PostgreSQL ts_rank), the rows fetched whole. Same query language, same parse.
 */
export async function openNaiveSearch(db: Database): Promise<NaiveSearch> {
  if (db.provider === "sqlite") {
    const connection = openSqliteConnection(db.url);
    const statement = connection.prepare(
      `SELECT p.* FROM (SELECT rowid, bm25("paper_fts", 10.0, 5.0, 1.0) AS score FROM "paper_fts" WHERE "paper_fts" MATCH ? ORDER BY score LIMIT 20) f
       JOIN "Paper" p ON p.rowid = f.rowid ORDER BY f.score`,
    );
    return {
      run: async (q) => {
        const match = toFts5Match(parseSearchQuery(q));
        return match ? statement.all(match) : [];
      },
      close: async () => {
        connection.close();
      },
    };
  }
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  return {
    run: async (q) => {
      const params: unknown[] = [];
      const tsquery = postgresTsquery(parseSearchQuery(q), params);
      if (!tsquery) return [];
      const sql = `SELECT p.* FROM "Paper" p, (SELECT ${tsquery} AS query) q WHERE p."search" @@ q.query
        ORDER BY ts_rank('{0.1, 0.2, 0.5, 1.0}', p."search", q.query) DESC LIMIT 20`;
      return (await client.query(sql, params)).rows;
    },
    close: () => client.end(),
  };
}
