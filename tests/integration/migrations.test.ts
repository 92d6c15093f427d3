import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../../lib/db/database";
import { migrateDatabase } from "../../lib/db/migrate";
import { ingestFromSource } from "../../lib/ingest/run";
import { searchPapers } from "../../lib/search/search";
import { fixturePath } from "../support/fixtures";

const REAL_MIGRATIONS = path.join(import.meta.dirname, "..", "..", "prisma", "sqlite", "migrations");

// Prisma changes a SQLite table by rebuilding it; a rebuild of Paper drops the full-text triggers
// and may renumber rowids. This plays such a migration on a database with papers and votes.
describe("a later migration that rebuilds Paper on SQLite", () => {
  let folder: string;
  let url: string;
  let db: Database;
  beforeEach(async () => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), "daily-papers-migrate-"));
    url = `file:${path.join(folder, "papers.db")}`;
    await migrateDatabase(url);
    db = openDatabase(url);
    await ingestFromSource(db, { source: fixturePath("arxiv-atom.xml") });
    await ingestFromSource(db, { source: fixturePath("hf-daily-papers.json") });
  });
  afterEach(async () => {
    await db.close();
    fs.rmSync(folder, { recursive: true, force: true });
  });

  it("keeps search working, on the right papers, with its triggers back", async () => {
    const sqlite = new BetterSqlite3(url.slice("file:".length));
    const createSql = (sqlite.prepare(`SELECT sql FROM sqlite_master WHERE name = 'Paper'`).get() as { sql: string }).sql;
    sqlite.close();
    const migrations = path.join(folder, "migrations");
    fs.cpSync(REAL_MIGRATIONS, migrations, { recursive: true });
    fs.mkdirSync(path.join(migrations, "29991231000000_rebuild_paper"));
    fs.writeFileSync(
      path.join(migrations, "29991231000000_rebuild_paper", "migration.sql"),
      [
        "PRAGMA defer_foreign_keys=ON;",
        "PRAGMA foreign_keys=OFF;",
        `${createSql.replace('CREATE TABLE "Paper"', 'CREATE TABLE "new_Paper"')};`,
        // Copied in reverse so every rowid changes.
        `INSERT INTO "new_Paper" SELECT * FROM "Paper" ORDER BY rowid DESC;`,
        `DROP TABLE "Paper";`,
        `ALTER TABLE "new_Paper" RENAME TO "Paper";`,
        "PRAGMA foreign_keys=ON;",
      ].join("\n"),
    );
    expect((await migrateDatabase(url, { migrationsFolder: migrations })).applied).toEqual(["29991231000000_rebuild_paper"]);

    expect((await searchPapers(db, { q: "mamba" })).hits.map((hit) => hit.paper.id)).toEqual(["2312.00752"]);
    expect((await searchPapers(db, { q: "diphoton" })).hits.map((hit) => hit.paper.id)).toEqual(["0704.0001"]);
    await db.prisma.paper.update({ where: { id: "0704.0001" }, data: { title: "Renamed after the rebuild" } });
    expect((await searchPapers(db, { q: "renamed rebuild" })).hits.map((hit) => hit.paper.id)).toEqual(["0704.0001"]);
    await ingestFromSource(db, { source: fixturePath("arxiv-snapshot.jsonl") });
    expect((await searchPapers(db, { q: "Ricci flow" })).hits[0]?.paper.id).toBe("math/0211159");
  });
});
