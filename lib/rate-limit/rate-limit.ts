import { createHash } from "node:crypto";
import path from "node:path";
import BetterSqlite3 from "better-sqlite3";
import pg from "pg";
import { RateLimiterPostgres, RateLimiterRes, RateLimiterSQLite, type RateLimiterAbstract } from "rate-limiter-flexible";
import type { Database } from "../db/database";
import { prepared } from "../db/sqlite-connection";
import { sqliteFilePath } from "../db/url";
import { RateLimitError } from "../errors";
import { addressLimitKey } from "../http/client-address";
import { LIMITS, type LimitKeyKind, type LimitName, type LimitRule } from "./limits";

/**
 * The counters' table, in rate-limiter-flexible's layout (one row per limit and key, its points
 * in the window ending at `expire`, ms since 1970), counted with one atomic upsert per rule.
 * Counters are not the app's data, so no Prisma model: on PostgreSQL the table sits in the
 * app's database (shared by every process and instance); on SQLite in a file of its own beside
 * the database, because any commit to the database file changes its data_version, which is what
 * the cached answers are keyed by (lib/http/response-cache.ts): counting a search there would
 * throw every cached page away.
 */
const TABLE = "RateLimitCounter";
const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS "${TABLE}" ("key" VARCHAR(255) PRIMARY KEY, "points" INTEGER NOT NULL DEFAULT 0, "expire" BIGINT)`;

/** Where a SQLite database's counters are kept: `papers.db` → `papers.rate-limits.db`. */
export function rateLimitFile(databaseUrl: string): string {
  const file = sqliteFilePath(databaseUrl);
  const { dir, name } = path.parse(file);
  return path.join(dir, `${name}.rate-limits.db`);
}

/** A request over a limit: 429, with how long to wait (the Retry-After header, in seconds). */
export class RateLimitedError extends RateLimitError {
  constructor(
    readonly limit: LimitName,
    readonly retryAfterSeconds: number,
    message: string,
  ) {
    super(message, retryAfterSeconds);
  }
}

/** What a request is counted under; a rule whose key is missing is not applied. */
export type LimitKeys = { address?: string | null; account?: string | null };

// One limiter per database, limit and key kind; they are cheap and hold no counts themselves.
const limiters = new WeakMap<Database, Map<string, RateLimiterAbstract>>();

// SQLite: the counters' own file, opened once per database, in WAL mode so that every worker
// process counts in it at once; the library reuses prepared statements through `prepared`.
const sqliteStores = new WeakMap<Database, BetterSqlite3.Database>();

function sqliteClient(db: Database) {
  let connection = sqliteStores.get(db);
  if (!connection) {
    connection = new BetterSqlite3(rateLimitFile(db.url), { timeout: 10_000 });
    connection.pragma("journal_mode = WAL");
    connection.exec(CREATE_TABLE);
    sqliteStores.set(db, connection);
  }
  const store = connection;
  return {
    prepare: (sql: string) => prepared(store, sql),
    transaction: <T>(work: () => T) => store.transaction(work),
  };
}

// PostgreSQL: a small pool of its own per database, not Prisma's. A limit check through Prisma's
// raw queries took ~2.6 ms; through pg with the library's named (prepared) statements ~0.4 ms,
// and every write request and search pays it. Idle connections close after 10 s, so an idle
// process holds none and a command-line run can exit.
const pools = new WeakMap<Database, { pool: pg.Pool; table: Promise<unknown> }>();

function postgresPool(db: Database): { pool: pg.Pool; table: Promise<unknown> } {
  let entry = pools.get(db);
  if (!entry) {
    const pool = new pg.Pool({ connectionString: db.url, max: 4, idleTimeoutMillis: 10_000, allowExitOnIdle: true });
    // An idle connection the server ended (a restart, a dropped test database) is replaced by the
    // next query, which reports any real failure; without a listener the error would end the process.
    pool.on("error", () => {});
    // Two processes creating the table at once: PostgreSQL reports a duplicate type (23505) to one.
    const table = pool.query(CREATE_TABLE).catch((error: { code?: string }) => {
      if (error.code !== "23505") throw error;
    });
    pools.set(db, (entry = { pool, table }));
  }
  return entry;
}

function limiterFor(db: Database, name: LimitName, kind: LimitKeyKind, rule: LimitRule): RateLimiterAbstract {
  let forDb = limiters.get(db);
  if (!forDb) limiters.set(db, (forDb = new Map()));
  const id = `${name}:${kind}`;
  let limiter = forDb.get(id);
  if (limiter) return limiter;
  const options = {
    keyPrefix: id,
    points: rule.points,
    duration: rule.seconds,
    tableName: TABLE,
    // Made above, before the first count; the library's own creation races with the first request.
    tableCreated: true,
    // Expired rows are deleted every 5 minutes by one limiter per database (the delete is table-wide).
    clearExpiredByTimeout: forDb.size === 0,
  };
  limiter =
    db.provider === "sqlite"
      ? new RateLimiterSQLite({ ...options, storeClient: sqliteClient(db), storeType: "better-sqlite3" })
      : new RateLimiterPostgres({ ...options, storeClient: postgresPool(db).pool, storeType: "pool" });
  forDb.set(id, limiter);
  return limiter;
}

// Account keys may be an email typed into sign-in: stored as a digest, not as what was typed.
const accountKey = (account: string) => createHash("sha256").update(account.toLowerCase()).digest("base64url").slice(0, 27);

function keyFor(kind: LimitKeyKind, keys: LimitKeys): string | null {
  if (kind === "everyone") return "all";
  const value = keys[kind];
  if (value === undefined || value === null || value === "") return null;
  return kind === "address" ? addressLimitKey(value) : accountKey(value);
}

/**
 * Counts one request against every rule of a limit it has a key for, atomically in the
 * database (one upsert per rule: parallel requests cannot all read "under the limit"), and
 * throws RateLimitedError when any rule is over. A refused request still counts.
 */
export async function consumeLimit(db: Database, name: LimitName, keys: LimitKeys = {}): Promise<void> {
  if (db.provider === "postgres") await postgresPool(db).table;
  const definition = LIMITS[name];
  const rules = (Object.entries(definition) as [LimitKeyKind | "counts", LimitRule | string][]).filter(
    (entry): entry is [LimitKeyKind, LimitRule] => entry[0] !== "counts",
  );
  const outcomes = await Promise.allSettled(
    rules.flatMap(([kind, rule]) => {
      const key = keyFor(kind, keys);
      return key === null
        ? []
        : [
            limiterFor(db, name, kind, rule)
              .consume(key)
              .then(
                () => null,
                (rejection: unknown) => ({ kind, rule, rejection }),
              ),
          ];
    }),
  );
  let worst: { kind: LimitKeyKind; rule: LimitRule; waitMs: number } | null = null;
  for (const outcome of outcomes) {
    if (outcome.status === "rejected") throw outcome.reason;
    const refused = outcome.value;
    if (!refused) continue;
    // The library rejects with a RateLimiterRes when over the limit, with an Error when the store failed.
    if (!(refused.rejection instanceof RateLimiterRes)) throw refused.rejection;
    const waitMs = refused.rejection.msBeforeNext;
    if (!worst || waitMs > worst.waitMs) worst = { kind: refused.kind, rule: refused.rule, waitMs };
  }
  if (!worst) return;
  const retryAfterSeconds = Math.max(1, Math.ceil(worst.waitMs / 1000));
  throw new RateLimitedError(name, retryAfterSeconds, limitMessage({ counts: definition.counts, kind: worst.kind, rule: worst.rule, retryAfterSeconds }));
}

const PER: Record<LimitKeyKind, string> = { address: "from one address", account: "per account", everyone: "for everyone together" };

function windowText(seconds: number): string {
  if (seconds === 60) return "a minute";
  if (seconds === 3600) return "an hour";
  if (seconds % 3600 === 0) return `per ${seconds / 3600} hours`;
  if (seconds % 60 === 0) return `per ${seconds / 60} minutes`;
  return `per ${seconds} seconds`;
}

/** "42 seconds", "1 minute", "15 minutes". */
export function waitText(seconds: number): string {
  if (seconds < 60) return `${seconds} second${seconds === 1 ? "" : "s"}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? "" : "s"}`;
}

function limitMessage(options: { counts: string; kind: LimitKeyKind; rule: LimitRule; retryAfterSeconds: number }): string {
  const { counts, kind, rule, retryAfterSeconds } = options;
  return `Too many ${counts} (${rule.points} ${windowText(rule.seconds)} ${PER[kind]}); try again in ${waitText(retryAfterSeconds)}.`;
}
