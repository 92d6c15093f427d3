import BetterSqlite3 from "better-sqlite3";
import { PAPER_COLUMNS, type ColumnType, type PaperColumn } from "../../papers/paper-row";
import { sqliteFilePath } from "../url";

/**
 * A bare better-sqlite3 connection to a SQLite database URL, next to Prisma's: for the few hot
 * paths (bulk ingest, search) where prepared statements in one synchronous transaction are
 * several times faster than going through the Prisma adapter. Same settings as the app's
 * connection (wait for another writer rather than fail, cascade foreign keys), and the file is
 * read through memory mapping (up to SQLite's 2 GB cap): a search at a million papers touches
 * hundreds of pages, each otherwise a system call.
 */
export function openSqliteConnection(url: string): BetterSqlite3.Database {
  const connection = new BetterSqlite3(sqliteFilePath(url), { timeout: 10_000 });
  connection.pragma("foreign_keys = ON");
  connection.pragma(`mmap_size = ${SQLITE_MMAP_BYTES}`);
  return connection;
}

/** How much of a database file bare connections map into memory (SQLite caps it at ~2 GB). */
export const SQLITE_MMAP_BYTES = 2 ** 31;

/** How Prisma's SQLite adapter stores a DateTime: ISO 8601 text with "+00:00". */
export function sqliteDate(date: Date): string {
  return date.toISOString().replace("Z", "+00:00");
}

const statements = new WeakMap<BetterSqlite3.Database, Map<string, BetterSqlite3.Statement>>();

/** A statement prepared once per connection: preparing costs more than running a small query. */
export function prepared(connection: BetterSqlite3.Database, sql: string): BetterSqlite3.Statement {
  let cache = statements.get(connection);
  if (!cache) statements.set(connection, (cache = new Map()));
  let statement = cache.get(sql);
  if (!statement) cache.set(sql, (statement = connection.prepare(sql)));
  return statement;
}

/** A column's value as SQLite stores it (Prisma's layout: dates as text, booleans as 0/1). */
export function toSqliteValue(type: ColumnType, value: unknown): unknown {
  if (type === "date") return sqliteDate(value as Date);
  if (type === "bool") return value ? 1 : 0;
  return value;
}

/** The columns of a row read from SQLite, turned back into their declared types. */
export function fromSqliteRow<Row>(columns: readonly PaperColumn[], raw: Record<string, unknown>): Row {
  const row: Record<string, unknown> = { ...raw };
  for (const column of columns) {
    const type = PAPER_COLUMNS[column].type;
    if (type === "date") row[column] = new Date(raw[column] as string);
    else if (type === "bool") row[column] = raw[column] === 1;
  }
  return row as Row;
}
