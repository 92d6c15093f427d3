-- CreateTable
CREATE TABLE "Paper" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "arxivId" TEXT,
    "titleKey" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "abstract" TEXT NOT NULL,
    "authors" TEXT NOT NULL DEFAULT '[]',
    "authorCount" INTEGER NOT NULL,
    "publishedAt" DATETIME NOT NULL,
    "feedDate" DATETIME NOT NULL,
    "importedUpvotes" INTEGER NOT NULL DEFAULT 0,
    "categories" TEXT NOT NULL DEFAULT '[]',
    "metadataSource" TEXT NOT NULL,
    "pdfUrl" TEXT,
    "codeUrl" TEXT,
    "projectUrl" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "Paper_arxivId_key" ON "Paper"("arxivId");

-- CreateIndex
CREATE INDEX "Paper_titleKey_idx" ON "Paper"("titleKey");

-- CreateIndex
CREATE INDEX "Paper_feedDate_importedUpvotes_idx" ON "Paper"("feedDate", "importedUpvotes");

-- CreateIndex
CREATE INDEX "Paper_publishedAt_idx" ON "Paper"("publishedAt");

