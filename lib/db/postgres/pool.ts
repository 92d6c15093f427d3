import pg from "pg";

/**
 * The one pg pool a process keeps for a PostgreSQL database: Prisma's adapter, the store's raw
 * queries (search, papers by id, the data version) and the rate limiters share it. Idle
 * connections close after 10 s, so an idle process holds none and a command-line run can exit.
 */
export function openPostgresPool(url: string): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max: 10, idleTimeoutMillis: 10_000, allowExitOnIdle: true });
  // An idle connection the server ended (a restart, a dropped test database) is replaced by the
  // next query, which reports any real failure; without a listener the error would end the process.
  pool.on("error", () => {});
  return pool;
}
