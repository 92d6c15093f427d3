// What both engines' migrators share: Prisma's own history table, so `prisma migrate status`
// reads the same history the app writes (lib/db/migrate.ts).

export type Migration = { name: string; sql: string; checksum: string };
/** The migrations a database has not seen, given the names it has. */
export type PendingMigrations = (done: Set<string>) => Migration[];

/** Prisma's migration history table, with the dialect's timestamp type. */
export const historyTable = (timestamp: string) => `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" ${timestamp},
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" ${timestamp},
  "started_at" ${timestamp} NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

/** Records one applied migration, as Prisma does. */
export const recordSql = (placeholders: [string, string, string]) =>
  `INSERT INTO "_prisma_migrations" ("id", "checksum", "migration_name", "finished_at", "applied_steps_count")
   VALUES (${placeholders.join(", ")}, CURRENT_TIMESTAMP, 1)`;
