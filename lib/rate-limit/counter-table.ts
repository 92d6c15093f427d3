/**
 * The rate-limit counters' table, in rate-limiter-flexible's layout (one row per limit and key,
 * its points in the window ending at `expire`, ms since 1970), counted with one atomic upsert
 * per rule. Counters are not the app's data, so no Prisma model: each storage engine creates the
 * table where it keeps it (lib/db/sqlite/rate-limits.ts, lib/db/postgres/rate-limits.ts).
 */
export const RATE_LIMIT_TABLE = "RateLimitCounter";
export const CREATE_RATE_LIMIT_TABLE = `CREATE TABLE IF NOT EXISTS "${RATE_LIMIT_TABLE}" ("key" VARCHAR(255) PRIMARY KEY, "points" INTEGER NOT NULL DEFAULT 0, "expire" BIGINT)`;
