import type { Pool } from "pg";

// A named statement: parsed and planned once per connection.
const READ_VERSION = { name: "daily-papers-data-version", text: `SELECT "version" FROM "DataVersion" WHERE "id" = 1` };

/**
 * The DataVersion counter (prisma/postgres/migrations/*_data_version): statement-level triggers
 * on every table that shared answers show bump it once per transaction, so it moves when the
 * transaction commits, whichever process or instance wrote. Read on every request (~0.1 ms on
 * the same machine): the answer is exact for the request that asks, which is what lets a write
 * through one instance be seen through another on the next request.
 */
export async function postgresDataVersion(pool: Pool): Promise<number> {
  const { rows } = await pool.query<{ version: string }>(READ_VERSION);
  return Number(rows[0]?.version ?? 0);
}
