import type { Pool, PoolClient } from "pg";

/**
 * Runs `work` in one transaction on a connection of its own from the pool: committed when it
 * resolves, rolled back when it throws. A connection whose rollback fails too (it broke mid-COPY,
 * the server went away) is destroyed rather than handed back to the pool.
 */
export async function inTransaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let result: T;
  try {
    await client.query("BEGIN");
    result = await work(client);
    await client.query("COMMIT");
  } catch (error) {
    const rolledBack = await client.query("ROLLBACK").then(
      () => true,
      () => false,
    );
    client.release(rolledBack ? undefined : true);
    throw error;
  }
  client.release();
  return result;
}
