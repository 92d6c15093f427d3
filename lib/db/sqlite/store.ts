import type BetterSqlite3 from "better-sqlite3";
import type { Store } from "../store";
import { sqliteBatchWriter } from "./batch-writer";
import { openSqliteConnection } from "./connection";
import { sqliteDataVersion } from "./data-version";
import { sqlitePapersByIds, sqliteUpvoteCounts, sqliteUpvotedAmong, sqliteVisiblePapersAfter } from "./papers";
import { sqliteRateLimits } from "./rate-limits";
import { sqliteTermFrequencies, refreshSqliteVocabulary } from "./vocabulary";
import { runSearchOffThread } from "./worker-pool";

// An ingest mostly writes: mapping the file (./connection.ts) would only make its memory grow
// with the database instead of with the batch. A fixed page cache instead keeps the pages of
// Paper's six indexes that each batch writes all over (SQLite's default is 2 MB; 128 MB makes a
// large ingest ~12% faster).
const INGEST_CACHE_KIB = 128 * 1024;

/** The SQLite store, with the bare better-sqlite3 connection it runs on (tests and the bench reach for it). */
export type SqliteStore = Store & { connection(): BetterSqlite3.Database };

/**
 * SQLite's implementation of the store: better-sqlite3 prepared statements on a bare connection
 * next to Prisma's (several times faster than the adapter on the hot paths), FTS5 for search
 * with its heavy reads in a worker thread when the server turned the workers on, data_version
 * for the data version, and rate-limit counters in a file of their own.
 */
export function createSqliteStore(url: string): SqliteStore {
  let bare: BetterSqlite3.Database | null = null;
  const connection = () => (bare ??= openSqliteConnection(url));
  const offThread = { url, connection };
  const rateLimits = sqliteRateLimits(url);
  return {
    connection,
    papersByIds: async (ids) => sqlitePapersByIds(connection(), ids),
    visiblePapersAfter: async (options) => sqliteVisiblePapersAfter(connection(), options),
    upvotedAmong: async (userId, paperIds) => sqliteUpvotedAmong(connection(), userId, paperIds),
    upvoteCounts: async (paperIds) => sqliteUpvoteCounts(connection(), paperIds),
    categoryCounts: () => runSearchOffThread(offThread, "categories", undefined),
    search: {
      match: (query) => runSearchOffThread(offThread, "match", query),
      related: (input) => runSearchOffThread(offThread, "related", input),
      termFrequencies: async (terms) => sqliteTermFrequencies(connection(), terms),
      // A word made of the commonest trigrams reads tens of thousands of rows (~70 ms at a million papers).
      termsSharingTrigrams: (grams) => runSearchOffThread(offThread, "trigrams", grams),
      refreshVocabulary: async () => refreshSqliteVocabulary(connection()),
      settlesKnownPrefixes: true,
    },
    batchWriter: () => sqliteBatchWriter(connection()),
    duringIngest: async (work) => {
      const db = connection();
      const mapped = db.pragma("mmap_size", { simple: true }) as number;
      const cached = db.pragma("cache_size", { simple: true }) as number;
      db.pragma("mmap_size = 0");
      db.pragma(`cache_size = ${-INGEST_CACHE_KIB}`);
      try {
        return await work();
      } finally {
        db.pragma(`mmap_size = ${mapped}`);
        db.pragma(`cache_size = ${cached}`);
      }
    },
    dataVersion: () => sqliteDataVersion(url),
    rateLimiter: (options) => rateLimits.limiter(options),
    rateLimitsReady: async () => undefined,
    authDialect: "sqlite",
    close: async () => {
      bare?.close();
      bare = null;
      rateLimits.close();
    },
  };
}
