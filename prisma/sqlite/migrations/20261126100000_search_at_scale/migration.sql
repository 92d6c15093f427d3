-- Search at a million papers (written by hand: Prisma does not model FTS5).
-- The index is made again with a prefix index for 3 letters only: prefixes start at 3 letters
-- now (2-letter prefixes match most of the index whatever is done), and the 2-letter prefix
-- index made every insert ~30% slower.
DROP TABLE "paper_fts_vocab";
DROP TABLE "paper_fts";
CREATE VIRTUAL TABLE "paper_fts" USING fts5(
    title, authors, abstract,
    content='Paper', content_rowid='rowid',
    tokenize='porter unicode61 remove_diacritics 2',
    prefix='3'
);
-- Bulk loads: merge segments 16 at a time instead of 4 (each byte of the index is rewritten
-- about half as often), and let one transaction buffer up to 64 MB of index before writing a
-- segment, so a 20,000-paper ingest batch makes one segment. Both are stored in the index.
INSERT INTO "paper_fts"("paper_fts", rank) VALUES ('automerge', 16);
INSERT INTO "paper_fts"("paper_fts", rank) VALUES ('hashsize', 67108864);
CREATE VIRTUAL TABLE "paper_fts_vocab" USING fts5vocab("paper_fts", 'row');
-- The triggers survive (they are on "Paper"); lib/db/migrate.ts rebuilds the index from
-- "Paper" after every migration, which fills it.
