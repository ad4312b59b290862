-- AlterTable
ALTER TABLE "Check" ADD COLUMN "acctType" TEXT;
ALTER TABLE "Check" ADD COLUMN "discovery" TEXT;

-- CreateTable
CREATE TABLE "DiscoveredSubKey" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "masterKeyId" TEXT NOT NULL,
    "subAcct" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "apiKeyDigest" TEXT NOT NULL,
    "perm" TEXT NOT NULL,
    "ip" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "seenAt" DATETIME NOT NULL,
    CONSTRAINT "DiscoveredSubKey_masterKeyId_fkey" FOREIGN KEY ("masterKeyId") REFERENCES "ApiKey" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "DiscoveredSubKey_masterKeyId_idx" ON "DiscoveredSubKey"("masterKeyId");

