// Prisma CLI config for SQLite: the JS schema engine through the better-sqlite3 adapter, which
// needs no engine download. Used for `prisma generate` and `prisma migrate diff` (writing
// migrations); the app applies migrations itself (lib/db/migrate.ts).
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { defineConfig } from "prisma/config";
import { readEnv } from "../lib/env";
import { providerOf, sqliteFilePath } from "../lib/db/url";

const here = import.meta.dirname;
// The CLI does not read .env and, without DATABASE_URL, tries to download a query engine to
// resolve env("DATABASE_URL"): give it the same default the app uses.
process.env.DATABASE_URL ??= readEnv().DATABASE_URL;

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join(here, "sqlite"),
  migrations: { path: path.join(here, "sqlite", "migrations") },
  async adapter() {
    const { DATABASE_URL } = readEnv();
    if (providerOf(DATABASE_URL) !== "sqlite") throw new Error("prisma/sqlite.config.ts needs a file: DATABASE_URL");
    return new PrismaBetterSQLite3({ url: sqliteFilePath(DATABASE_URL) });
  },
});
