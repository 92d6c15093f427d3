import fs from "node:fs";
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import type BetterSqlite3 from "better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as SqliteClient } from "../generated/sqlite/client";
import { PrismaClient as PostgresClient } from "../generated/postgres/client";
import { readEnv } from "../env";
import { openSqliteConnection } from "./sqlite-connection";
import { providerOf, sqliteFilePath, type Provider } from "./url";

/**
 * The Prisma client type every module codes against. The two generated clients have identical
 * model APIs (one shared models file), so the SQLite client's type describes both; only raw SQL
 * differs by dialect, and code that writes raw SQL branches on `Database.provider`.
 */
export type DbClient = SqliteClient;

export type Database = {
  provider: Provider;
  url: string;
  prisma: DbClient;
  /**
   * SQLite only: a bare better-sqlite3 connection to the same file, opened on first use and
   * closed with the database, for the hot paths (bulk ingest, search) where prepared statements
   * are several times faster than the Prisma adapter. Throws on PostgreSQL.
   */
  sqlite(): BetterSqlite3.Database;
  close(): Promise<void>;
};

/** Opens a database for a URL (file: -> SQLite in WAL mode, postgres:// -> PostgreSQL). */
export function openDatabase(url: string): Database {
  const provider = providerOf(url);
  if (provider === "sqlite") {
    const file = sqliteFilePath(url);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    // busy timeout: a writer waits for another (the ingest command next to the server) instead of failing.
    const prisma = new SqliteClient({ adapter: new PrismaBetterSQLite3({ url: file, timeout: 10_000 }) });
    let connection: BetterSqlite3.Database | null = null;
    return {
      provider,
      url,
      prisma,
      sqlite: () => (connection ??= openSqliteConnection(url)),
      close: async () => {
        connection?.close();
        connection = null;
        await prisma.$disconnect();
      },
    };
  }
  const postgres = new PostgresClient({ adapter: new PrismaPg({ connectionString: url }) });
  const prisma = postgres as unknown as DbClient;
  const sqlite = () => {
    throw new Error("Database.sqlite() is for SQLite databases only.");
  };
  return { provider, url, prisma, sqlite, close: () => postgres.$disconnect() };
}

// Kept on globalThis so Next.js dev reloads reuse one client instead of opening a new pool each time.
const globalCache = globalThis as typeof globalThis & { dailyPapersDatabase?: Database };

/** The application's database, from DATABASE_URL. */
export function getDatabase(): Database {
  globalCache.dailyPapersDatabase ??= openDatabase(readEnv().DATABASE_URL);
  return globalCache.dailyPapersDatabase;
}
