import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import BetterSqlite3 from "better-sqlite3";
import pg from "pg";
import { providerOf, sqliteFilePath } from "./url";
import { searchTriggersSql } from "./search-triggers";

/**
 * Brings a database's schema up to date by applying the checked-in migrations
 * (prisma/<provider>/migrations/<name>/migration.sql) that it has not seen, in name order, each
 * in its own transaction. Applied migrations are recorded in Prisma's own `_prisma_migrations`
 * table with Prisma's checksum, so `prisma migrate status` reads the same history.
 *
 * Why not `prisma migrate deploy`: with the JS engine (the only one that runs without an engine
 * download) it fails on PostgreSQL through @prisma/adapter-pg (prisma/orm#27403), and spawning the
 * CLI costs seconds on every start and every ingest.
 */
export async function migrateDatabase(url: string, options: { migrationsFolder?: string } = {}): Promise<{ applied: string[] }> {
  const provider = providerOf(url);
  const folder = options.migrationsFolder ?? path.join(prismaRoot, provider, "migrations");
  const pending = (done: Set<string>) => listMigrations(folder).filter((m) => !done.has(m.name));
  return provider === "sqlite" ? migrateSqlite(url, pending) : migratePostgres(url, pending);
}

type Migration = { name: string; sql: string; checksum: string };

const prismaRoot = path.join(import.meta.dirname, "..", "..", "prisma");

function listMigrations(folder: string): Migration[] {
  return fs
    .readdirSync(folder, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = fs.readFileSync(path.join(folder, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

const historyTable = (timestamp: string) => `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" ${timestamp},
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" ${timestamp},
  "started_at" ${timestamp} NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

const recordSql = (placeholders: [string, string, string]) =>
  `INSERT INTO "_prisma_migrations" ("id", "checksum", "migration_name", "finished_at", "applied_steps_count")
   VALUES (${placeholders.join(", ")}, CURRENT_TIMESTAMP, 1)`;

async function migrateSqlite(url: string, pending: (done: Set<string>) => Migration[]) {
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

async function migratePostgres(url: string, pending: (done: Set<string>) => Migration[]) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    // One migrator at a time across processes: a transaction-scoped advisory lock.
    await client.query("BEGIN");
    await client.query("SELECT pg_advisory_xact_lock(7204151)");
    await client.query(historyTable("TIMESTAMPTZ"));
    const { rows } = await client.query<{ migration_name: string }>(`SELECT migration_name FROM "_prisma_migrations"`);
    const applied: string[] = [];
    for (const migration of pending(new Set(rows.map((row) => row.migration_name)))) {
      await client.query(migration.sql);
      await client.query(recordSql(["$1", "$2", "$3"]), [randomUUID(), migration.checksum, migration.name]);
      applied.push(migration.name);
    }
    await client.query("COMMIT");
    return { applied };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}
