import type { Pool } from "pg";
import { RateLimiterPostgres, type RateLimiterAbstract } from "rate-limiter-flexible";
import { CREATE_RATE_LIMIT_TABLE, RATE_LIMIT_TABLE } from "../../rate-limit/counter-table";
import type { RateLimiterOptions } from "../store";

/**
 * Rate limiters counting in the app's database (shared by every process and instance), through
 * the store's pg pool with the library's named (prepared) statements: ~0.4 ms a check, where
 * Prisma's raw queries took ~2.6 ms. The table is made once, before the first count (the
 * library's own creation races with the first request).
 */
export function postgresRateLimits(pool: Pool): { limiter(options: RateLimiterOptions): RateLimiterAbstract; ready(): Promise<void> } {
  let table: Promise<void> | null = null;
  return {
    limiter: (options) => new RateLimiterPostgres({ ...options, tableName: RATE_LIMIT_TABLE, tableCreated: true, storeClient: pool, storeType: "pool" }),
    ready: () =>
      (table ??= pool.query(CREATE_RATE_LIMIT_TABLE).then(
        () => undefined,
        (error: { code?: string }) => {
          // Two connections creating the table at once: PostgreSQL reports a duplicate type (23505)
          // or a duplicate table (42P07) to the one that lost; the table is there either way.
          if (error.code !== "23505" && error.code !== "42P07") {
            table = null;
            throw error;
          }
        },
      )),
  };
}
