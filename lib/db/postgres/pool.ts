import pg from "pg";

/**
 * A pg pool for a PostgreSQL database. An open Database keeps one of `max` 10, shared by Prisma's
 * adapter, the store's raw queries and the rate limiters; the server's response cache keeps one of
 * 2 for its data-version reads (lib/db/data-version.ts). Idle connections close after 10 s, so an
 * idle process holds none and a command-line run can exit.
 */
export function openPostgresPool(url: string, { max = 10 } = {}): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max, idleTimeoutMillis: 10_000, allowExitOnIdle: true });
  // An idle connection the server ended (a restart, a dropped test database) is replaced by the
  // next query, which reports any real failure; without a listener the error would end the process.
  pool.on("error", () => {});
  return pool;
}
