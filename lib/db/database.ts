import fs from "node:fs";
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as SqliteClient } from "../generated/sqlite/client";
import { PrismaClient as PostgresClient } from "../generated/postgres/client";
import { copyCache } from "../copy-cache";
import { readEnv } from "../env";
import { outsideRequests } from "../http/outside-requests";
import { openPostgresPool } from "./postgres/pool";
import { createPostgresStore } from "./postgres/store";
import { createSqliteStore } from "./sqlite/store";
import type { Store } from "./store";
import { providerOf, sqliteFilePath, type Provider } from "./url";

/**
 * The Prisma client type every module codes against. The two generated clients have identical
 * model APIs (one shared models file), so the SQLite client's type describes both.
 */
export type DbClient = SqliteClient;

/**
 * An open database: Prisma's model API for what is the same on both engines (accounts, votes,
 * comments), and the store (lib/db/store.ts) for everything each engine does its own way.
 */
export type Database = {
  provider: Provider;
  url: string;
  prisma: DbClient;
  store: Store;
  close(): Promise<void>;
};

type Opened = { prisma: DbClient; store: Store; close(): Promise<void> };

const ENGINES: Record<Provider, (url: string) => Opened> = {
  sqlite: (url) => {
    const file = sqliteFilePath(url);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    // busy timeout: a writer waits for another (the ingest command next to the server) instead of failing.
    const prisma = new SqliteClient({ adapter: new PrismaBetterSQLite3({ url: file, timeout: 10_000 }) });
    const store = createSqliteStore(url);
    return {
      prisma,
      store,
      close: async () => {
        await store.close();
        await prisma.$disconnect();
      },
    };
  },
  postgres: (url) => {
    const pool = openPostgresPool(url);
    const prisma = new PostgresClient({ adapter: new PrismaPg(pool) }) as unknown as DbClient;
    const store = createPostgresStore(pool);
    return {
      prisma,
      store,
      close: async () => {
        await prisma.$disconnect();
        // Prisma leaves a pool it was handed to its owner.
        if (!pool.ended) await store.close();
      },
    };
  },
};

/** Opens a database for a URL (file: -> SQLite in WAL mode, postgres:// -> PostgreSQL); the engine is chosen here, once. */
export function openDatabase(url: string): Database {
  const provider = providerOf(url);
  return { provider, url, ...ENGINES[provider](url) };
}

const cached = copyCache<Database>("database");

/** The application's database, from DATABASE_URL. */
export function getDatabase(): Database {
  // Opened outside the request that first asks: it lives as long as the process (lib/http/outside-requests.ts).
  cached.value ??= outsideRequests(() => openDatabase(readEnv().DATABASE_URL));
  return cached.value;
}

/** Makes `db` the application's database (a test's own, for the route handlers and pages it calls), or forgets it. */
export function setAppDatabase(db: Database | undefined): void {
  cached.value = db;
}
