import type BetterSqlite3 from "better-sqlite3";
import type { Database } from "./database";
import { openSqliteConnection, prepared } from "./sqlite-connection";

// One connection per database file that only ever asks for data_version: SQLite changes that
// number for a connection whenever any *other* connection (Prisma's, an ingest in another
// process) commits, so this one must never write.
const watchers = new Map<string, BetterSqlite3.Database>();

/**
 * A number that changes whenever anything commits a change to the database, for keying cached
 * answers: on SQLite its `data_version` (a few microseconds to read); on PostgreSQL null, as
 * there is no equally cheap and exact signal, and nothing is cached.
 */
export function dataVersion(db: Pick<Database, "provider" | "url">): number | null {
  if (db.provider !== "sqlite") return null;
  let watcher = watchers.get(db.url);
  if (!watcher) watchers.set(db.url, (watcher = openSqliteConnection(db.url)));
  return prepared(watcher, "PRAGMA data_version").pluck().get() as number;
}
