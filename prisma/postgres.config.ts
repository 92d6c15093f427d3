// Prisma CLI config for PostgreSQL: the JS schema engine through the pg adapter. Used for
// `prisma generate` and `prisma migrate diff` (writing migrations); the app applies migrations
// itself (lib/db/migrate.ts) because the CLI's migrate commands fail on PostgreSQL through this
// adapter (prisma/orm#27403, the `name` column type).
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { defineConfig } from "prisma/config";
import { readEnv } from "../lib/env";
import { providerOf } from "../lib/db/url";

const here = import.meta.dirname;
// The CLI does not read .env and, without a PostgreSQL DATABASE_URL, tries to download a query
// engine to resolve env("DATABASE_URL") even for `generate`: give it a placeholder it never dials.
if (providerOf(readEnv().DATABASE_URL) !== "postgres") {
  process.env.DATABASE_URL = "postgresql://localhost:5432/daily_papers";
}

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join(here, "postgres"),
  migrations: { path: path.join(here, "postgres", "migrations") },
  async adapter() {
    const url = new URL(readEnv().DATABASE_URL);
    // Separate fields, not a connectionString: with one, the shadow database silently becomes the real one.
    return new PrismaPg({
      host: url.hostname,
      port: Number(url.port || 5432),
      user: decodeURIComponent(url.username),
      password: decodeURIComponent(url.password),
      database: url.pathname.slice(1),
      allowExitOnIdle: true,
    });
  },
});
