-- AlterTable
ALTER TABLE "Paper" ADD COLUMN "thumbnailUrl" TEXT;
ALTER TABLE "Paper" ADD COLUMN "sourceSubmitter" TEXT;
