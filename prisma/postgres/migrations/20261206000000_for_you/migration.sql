-- For you (lib/recs/): each paper's features, made at ingest (filled for papers already stored
-- by the server's preparation, lib/recs/backfill.ts); "not interested" marks; the digest's ranking.
ALTER TABLE "Paper" ADD COLUMN "features" TEXT NOT NULL DEFAULT '';
ALTER TABLE "Subscription" ADD COLUMN "ranking" TEXT NOT NULL DEFAULT 'top';

-- CreateTable
CREATE TABLE "Dismissal" (
    "userId" TEXT NOT NULL,
    "paperId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Dismissal_pkey" PRIMARY KEY ("userId","paperId")
);

-- CreateIndex
CREATE INDEX "Dismissal_paperId_idx" ON "Dismissal"("paperId");

-- AddForeignKey
ALTER TABLE "Dismissal" ADD CONSTRAINT "Dismissal_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "Dismissal" ADD CONSTRAINT "Dismissal_paperId_fkey" FOREIGN KEY ("paperId") REFERENCES "Paper"("id") ON DELETE CASCADE ON UPDATE CASCADE;
