import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { inject } from "vitest";
import { openDatabase, type Database } from "../../lib/db/database";
import { migrateDatabase } from "../../lib/db/migrate";

export type TestDatabase = Database & { drop(): Promise<void> };
export type Provider = { name: "sqlite" | "postgres"; create(): Promise<TestDatabase> };

async function createSqlite(): Promise<TestDatabase> {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "daily-papers-sqlite-"));
  const url = `file:${path.join(folder, "test.db")}`;
  await migrateDatabase(url);
  const db = openDatabase(url);
  return {
    ...db,
    drop: async () => {
      await db.close();
      fs.rmSync(folder, { recursive: true, force: true });
    },
  };
}

async function createPostgres(): Promise<TestDatabase> {
  const adminUrl = inject("postgresUrl");
  const name = `test_${randomUUID().replaceAll("-", "")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  await migrateDatabase(url.toString());
  const db = openDatabase(url.toString());
  return {
    ...db,
    drop: async () => {
      await db.close();
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

/**
 * The databases every integration suite runs against: SQLite always, PostgreSQL when the global
 * setup found a server (it fails the run under CI=true when it did not).
 */
export function providers(): Provider[] {
  const list: Provider[] = [{ name: "sqlite", create: createSqlite }];
  if (inject("postgresUrl")) list.push({ name: "postgres", create: createPostgres });
  return list;
}
