-- CreateTable
CREATE TABLE "SearchTerm" (
    "term" TEXT NOT NULL PRIMARY KEY,
    "docs" INTEGER NOT NULL
);

-- CreateTable
CREATE TABLE "SearchTrigram" (
    "trigram" TEXT NOT NULL,
    "term" TEXT NOT NULL,

    PRIMARY KEY ("trigram", "term"),
    CONSTRAINT "SearchTrigram_term_fkey" FOREIGN KEY ("term") REFERENCES "SearchTerm" ("term") ON DELETE CASCADE ON UPDATE CASCADE
);


-- Full-text search (written by hand: Prisma does not model FTS5).
-- An external-content FTS5 index over Paper, keyed by Paper's rowid: the text is stored once, in
-- Paper. Porter stemming ("networks" finds "network"), diacritics folded ("Balázs" = "Balazs"),
-- prefix indexes for 2 and 3 letters so search-as-you-type prefixes stay cheap.
CREATE VIRTUAL TABLE "paper_fts" USING fts5(
    title, authors, abstract,
    content='Paper', content_rowid='rowid',
    tokenize='porter unicode61 remove_diacritics 2',
    prefix='2 3'
);

-- Kept in step by triggers, so every writer (ingest, merge renames, admin edits) updates it.
CREATE TRIGGER "paper_fts_insert" AFTER INSERT ON "Paper" BEGIN
    INSERT INTO "paper_fts"(rowid, title, authors, abstract) VALUES (new.rowid, new.title, new.authors, new.abstract);
END;
CREATE TRIGGER "paper_fts_delete" AFTER DELETE ON "Paper" BEGIN
    INSERT INTO "paper_fts"("paper_fts", rowid, title, authors, abstract) VALUES ('delete', old.rowid, old.title, old.authors, old.abstract);
END;
CREATE TRIGGER "paper_fts_update" AFTER UPDATE OF title, authors, abstract ON "Paper" BEGIN
    INSERT INTO "paper_fts"("paper_fts", rowid, title, authors, abstract) VALUES ('delete', old.rowid, old.title, old.authors, old.abstract);
    INSERT INTO "paper_fts"(rowid, title, authors, abstract) VALUES (new.rowid, new.title, new.authors, new.abstract);
END;

-- The index's own term list, read to refresh SearchTerm.
CREATE VIRTUAL TABLE "paper_fts_vocab" USING fts5vocab("paper_fts", 'row');

-- Papers already there.
INSERT INTO "paper_fts"("paper_fts") VALUES ('rebuild');
