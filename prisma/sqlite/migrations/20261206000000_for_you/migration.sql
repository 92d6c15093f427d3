-- For you (lib/recs/): each paper's features, made at ingest (filled for papers already stored
-- by the server's preparation, lib/recs/backfill.ts); "not interested" marks; the digest's ranking.
ALTER TABLE "Paper" ADD COLUMN "features" TEXT NOT NULL DEFAULT '';
ALTER TABLE "Subscription" ADD COLUMN "ranking" TEXT NOT NULL DEFAULT 'top';

-- CreateTable
CREATE TABLE "Dismissal" (
    "userId" TEXT NOT NULL,
    "paperId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("userId", "paperId"),
    CONSTRAINT "Dismissal_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Dismissal_paperId_fkey" FOREIGN KEY ("paperId") REFERENCES "Paper" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "Dismissal_paperId_idx" ON "Dismissal"("paperId");
