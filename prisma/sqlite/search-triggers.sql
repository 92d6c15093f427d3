-- The triggers that keep "paper_fts" in step with "Paper". The search migration creates them;
-- lib/db/migrate.ts runs this file again after every later migration, because a Prisma table
-- rebuild of "Paper" drops them silently.
CREATE TRIGGER IF NOT EXISTS "paper_fts_insert" AFTER INSERT ON "Paper" BEGIN
    INSERT INTO "paper_fts"(rowid, title, authors, abstract) VALUES (new.rowid, new.title, new.authors, new.abstract);
END;
CREATE TRIGGER IF NOT EXISTS "paper_fts_delete" AFTER DELETE ON "Paper" BEGIN
    INSERT INTO "paper_fts"("paper_fts", rowid, title, authors, abstract) VALUES ('delete', old.rowid, old.title, old.authors, old.abstract);
END;
CREATE TRIGGER IF NOT EXISTS "paper_fts_update" AFTER UPDATE OF title, authors, abstract ON "Paper" BEGIN
    INSERT INTO "paper_fts"("paper_fts", rowid, title, authors, abstract) VALUES ('delete', old.rowid, old.title, old.authors, old.abstract);
    INSERT INTO "paper_fts"(rowid, title, authors, abstract) VALUES (new.rowid, new.title, new.authors, new.abstract);
END;
