import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { openDatabase, type Database } from "../lib/db/database";
import { migrateDatabase } from "../lib/db/migrate";
import { openSqliteConnection } from "../lib/db/sqlite/connection";
import { findPostgresBinaries, startThrowawayPostgres } from "../tests/support/throwaway-postgres";

export type BenchDatabase = { db: Database; url: string; drop(): Promise<void> };

/**
 * A fresh, migrated database for one run: a SQLite file in the work folder, or a database in a
 * throwaway PostgreSQL cluster (the tests' harness), removed afterwards.
 */
export async function createBenchDatabase(options: { provider: "sqlite" | "postgres"; workFolder: string; name?: string }): Promise<BenchDatabase> {
  const name = options.name ?? "bench";
  if (options.provider === "sqlite") {
    const file = path.join(options.workFolder, `${name}.db`);
    const remove = () => ["", "-wal", "-shm"].forEach((suffix) => fs.rmSync(file + suffix, { force: true }));
    remove();
    const url = `file:${file}`;
    await migrateDatabase(url);
    const db = openDatabase(url);
    return {
      db,
      url,
      drop: async () => {
        await db.close();
        remove();
      },
    };
  }
  const binaries = findPostgresBinaries();
  if (!binaries) throw new Error("--db postgres needs the PostgreSQL server binaries (apt-get install postgresql).");
  const server = await startThrowawayPostgres(binaries);
  const admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = server.url.replace(/\/postgres$/, `/${name}`);
  await migrateDatabase(url);
  const db = openDatabase(url);
  return {
    db,
    url,
    drop: async () => {
      await db.close();
      server.stop();
    },
  };
}

/**
 * Gives papers their Hugging Face upvotes. The arXiv snapshot has none, so the benchmark writes
 * them after the measured ingest, as an import of Hugging Face's lists would.
 */
export async function applyUpvotes(db: Database, upvotes: Array<[string, number]>): Promise<void> {
  if (db.provider === "sqlite") {
    const connection = openSqliteConnection(db.url);
    const update = connection.prepare(`UPDATE "Paper" SET "importedUpvotes" = ? WHERE "id" = ?`);
    connection.transaction(() => upvotes.forEach(([id, count]) => update.run(count, id)))();
    connection.close();
    return;
  }
  for (let index = 0; index < upvotes.length; index += 10_000) {
    const chunk = upvotes.slice(index, index + 10_000);
    await db.prisma.$executeRawUnsafe(
      `UPDATE "Paper" p SET "importedUpvotes" = v.count FROM unnest($1::text[], $2::int[]) AS v(id, count) WHERE p."id" = v.id`,
      chunk.map(([id]) => id),
      chunk.map(([, count]) => count),
    );
  }
}
