-- AlterTable
ALTER TABLE "DiscoveredSubKey" ADD COLUMN "apiKeyEnc" BLOB;
ALTER TABLE "DiscoveredSubKey" ADD COLUMN "subFrozen" BOOLEAN;

