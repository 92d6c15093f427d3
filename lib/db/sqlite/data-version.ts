import type BetterSqlite3 from "better-sqlite3";
import { openSqliteConnection, prepared } from "./connection";

// One connection per database file that only ever asks for data_version: SQLite changes that
// number for a connection whenever any *other* connection (Prisma's, an ingest in another
// process) commits, so this one must never write.
const watchers = new Map<string, BetterSqlite3.Database>();

/** SQLite's `data_version`, moved by every commit to the file from any connection (a few microseconds to read). */
export function sqliteDataVersion(url: string): number {
  let watcher = watchers.get(url);
  if (!watcher) watchers.set(url, (watcher = openSqliteConnection(url)));
  return prepared(watcher, "PRAGMA data_version").pluck().get() as number;
}
