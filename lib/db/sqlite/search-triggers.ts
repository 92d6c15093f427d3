import fs from "node:fs";
import path from "node:path";

/**
 * The SQL that (re)creates the FTS5 triggers on SQLite (prisma/sqlite/search-triggers.sql), for
 * the migrator and the bulk ingest. Under tsx and Vitest the file is found next to this module;
 * inside Next.js's server bundle import.meta.dirname is undefined, and the app runs from the
 * project root, where `prisma/` is.
 */
export function searchTriggersSql(): string {
  const root = import.meta.dirname ? path.join(import.meta.dirname, "..", "..", "..") : process.cwd();
  return fs.readFileSync(path.join(root, "prisma", "sqlite", "search-triggers.sql"), "utf8");
}
