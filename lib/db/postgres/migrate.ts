import { randomUUID } from "node:crypto";
import pg from "pg";
import { historyTable, recordSql, type PendingMigrations } from "../migration-history";

export async function migratePostgres(url: string, pending: PendingMigrations): Promise<{ applied: string[] }> {
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
