import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { migratePostgres } from "./postgres/migrate";
import { migrateSqlite } from "./sqlite/migrate";
import type { Migration, PendingMigrations } from "./migration-history";
import { providerOf, type Provider } from "./url";

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
  return MIGRATORS[provider](url, pending);
}

const MIGRATORS: Record<Provider, (url: string, pending: PendingMigrations) => Promise<{ applied: string[] }>> = {
  sqlite: migrateSqlite,
  postgres: migratePostgres,
};

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
