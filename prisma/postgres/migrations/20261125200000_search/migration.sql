-- CreateTable
CREATE TABLE "SearchTerm" (
    "term" TEXT NOT NULL,
    "docs" INTEGER NOT NULL,

    CONSTRAINT "SearchTerm_pkey" PRIMARY KEY ("term")
);

-- CreateTable
CREATE TABLE "SearchTrigram" (
    "trigram" TEXT NOT NULL,
    "term" TEXT NOT NULL,

    CONSTRAINT "SearchTrigram_pkey" PRIMARY KEY ("trigram","term")
);

-- AddForeignKey
ALTER TABLE "SearchTrigram" ADD CONSTRAINT "SearchTrigram_term_fkey" FOREIGN KEY ("term") REFERENCES "SearchTerm"("term") ON DELETE CASCADE ON UPDATE CASCADE;


-- Full-text search (written by hand: Prisma does not model tsvector columns or triggers).
-- Both extensions ship with PostgreSQL (contrib) and are trusted: a database owner may create them.
CREATE EXTENSION IF NOT EXISTS unaccent;

-- Weighted document: title A, authors B, abstract C; English stemming for text, none for names;
-- accents folded so "Balázs" finds "Balazs".
ALTER TABLE "Paper" ADD COLUMN "search" tsvector;

CREATE FUNCTION paper_search_document(title text, authors text, abstract text) RETURNS tsvector
LANGUAGE sql STABLE AS $$
    SELECT setweight(to_tsvector('english', unaccent(title)), 'A')
        || setweight(to_tsvector('simple', unaccent(authors)), 'B')
        || setweight(to_tsvector('english', unaccent(abstract)), 'C')
$$;

CREATE FUNCTION paper_search_refresh() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW."search" := paper_search_document(NEW."title", NEW."authors", NEW."abstract");
    RETURN NEW;
END
$$;

-- Kept in step by a trigger, so every writer (ingest, merge renames, admin edits) updates it.
CREATE TRIGGER "paper_search_refresh" BEFORE INSERT OR UPDATE OF "title", "authors", "abstract" ON "Paper"
    FOR EACH ROW EXECUTE FUNCTION paper_search_refresh();

UPDATE "Paper" SET "search" = paper_search_document("title", "authors", "abstract");

CREATE INDEX "Paper_search_idx" ON "Paper" USING GIN ("search");
