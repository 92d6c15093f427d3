import path from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { RateLimiterSQLite, type RateLimiterAbstract } from "rate-limiter-flexible";
import { CREATE_RATE_LIMIT_TABLE, RATE_LIMIT_TABLE } from "../../rate-limit/counter-table";
import type { RateLimiterOptions } from "../store";
import { sqliteFilePath } from "../url";
import { prepared } from "./connection";

/**
 * Where a SQLite database's rate-limit counters are kept: `papers.db` → `papers.rate-limits.db`.
 * A file of its own, because any commit to the database file changes its data_version, which is
 * what cached answers are keyed by: counting a search there would throw every cached page away.
 */
export function rateLimitFile(databaseUrl: string): string {
  const file = sqliteFilePath(databaseUrl);
  const { dir, name } = path.parse(file);
  return path.join(dir, `${name}.rate-limits.db`);
}

/**
 * Rate limiters counting in the counters' file, opened on first use in WAL mode so that every
 * worker process counts in it at once; the library reuses prepared statements through `prepared`.
 */
export function sqliteRateLimits(databaseUrl: string): { limiter(options: RateLimiterOptions): RateLimiterAbstract; close(): void } {
  let connection: BetterSqlite3.Database | null = null;
  const open = () => {
    if (!connection) {
      connection = new BetterSqlite3(rateLimitFile(databaseUrl), { timeout: 10_000 });
      connection.pragma("journal_mode = WAL");
      connection.exec(CREATE_RATE_LIMIT_TABLE);
    }
    const store = connection;
    return { prepare: (sql: string) => prepared(store, sql), transaction: <T>(work: () => T) => store.transaction(work) };
  };
  return {
    limiter: (options) =>
      new RateLimiterSQLite({ ...options, tableName: RATE_LIMIT_TABLE, tableCreated: true, storeClient: open(), storeType: "better-sqlite3" }),
    close: () => {
      connection?.close();
      connection = null;
    },
  };
}
