-- Replies (one level) and the place a deleted comment with replies keeps in its thread.
-- SQLite adds a column with a foreign key in place when its default is NULL: no table rebuild.
ALTER TABLE "Comment" ADD COLUMN "parentId" TEXT REFERENCES "Comment" ("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "Comment" ADD COLUMN "deletedAt" DATETIME;

-- CreateIndex
CREATE INDEX "Comment_parentId_idx" ON "Comment"("parentId");
