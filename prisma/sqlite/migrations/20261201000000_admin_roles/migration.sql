-- AlterTable
ALTER TABLE "User" ADD COLUMN "banExpires" DATETIME;
ALTER TABLE "User" ADD COLUMN "banReason" TEXT;
ALTER TABLE "User" ADD COLUMN "banned" BOOLEAN DEFAULT false;
ALTER TABLE "User" ADD COLUMN "role" TEXT;

-- AlterTable
ALTER TABLE "Session" ADD COLUMN "impersonatedBy" TEXT;
