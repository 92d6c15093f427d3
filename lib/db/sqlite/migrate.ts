import fs from "node:fs";
import path from "node:path";
import { randomUUID } from "node:crypto";
import BetterSqlite3 from "better-sqlite3";
import { historyTable, recordSql, type PendingMigrations } from "../migration-history";
import { sqliteFilePath } from "../url";
import { searchTriggersSql } from "./search-triggers";

export async function migrateSqlite(url: string, pending: PendingMigrations): Promise<{ applied: string[] }> {
  const file = sqliteFilePath(url);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new BetterSqlite3(file, { timeout: 10_000 });
  try {
    // WAL lets readers (the web server) go on while a writer (an ingest) commits; it is stored in the file.
    sqlite.pragma("journal_mode = WAL");
    sqlite.exec(historyTable("DATETIME"));
    // Prisma rebuilds a SQLite table to change it (create new, copy, drop old, rename). With
    // foreign keys on, dropping the old Paper table would cascade-delete its upvotes and
    // comments; the pragma is a no-op inside a transaction, so it is set around it, and the
    // keys are checked before the commit instead.
    sqlite.pragma("foreign_keys = OFF");
    const applied: string[] = [];
    // IMMEDIATE takes the write lock first, so two processes starting at once cannot both migrate.
    sqlite
      .transaction(() => {
        const done = sqlite.prepare(`SELECT migration_name FROM "_prisma_migrations"`).pluck().all() as string[];
        for (const migration of pending(new Set(done))) {
          sqlite.exec(migration.sql);
          sqlite.prepare(recordSql(["?", "?", "?"])).run(randomUUID(), migration.checksum, migration.name);
          applied.push(migration.name);
        }
        if (applied.length > 0) repairSqliteSearchIndex(sqlite);
        const broken = sqlite.pragma("foreign_key_check") as unknown[];
        if (broken.length > 0) throw new Error(`Migration left ${broken.length} row(s) with a broken foreign key; nothing was applied.`);
      })
      .immediate();
    sqlite.pragma("foreign_keys = ON");
    return { applied };
  } finally {
    sqlite.close();
  }
}

/**
 * Prisma changes a SQLite table by rebuilding it (new table, copy, drop, rename), which drops the
 * full-text triggers with the old table and can renumber its rowids. After any migration, the
 * triggers are put back if missing and the index is rebuilt from the table, so search survives
 * every future migration without each one having to remember it.
 */
function repairSqliteSearchIndex(sqlite: BetterSqlite3.Database): void {
  const hasIndex = sqlite.prepare(`SELECT 1 FROM sqlite_master WHERE name = 'paper_fts'`).get();
  if (!hasIndex) return;
  sqlite.exec(searchTriggersSql());
  sqlite.exec(`INSERT INTO "paper_fts"("paper_fts") VALUES ('rebuild')`);
}
