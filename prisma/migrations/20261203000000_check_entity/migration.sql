-- Where each check's answer came from (entity, environment, own host) and whether entity detection found the key
-- on no host at all: tells a deleted key from one stored under the wrong entity.
ALTER TABLE "Check" ADD COLUMN "region" TEXT;
ALTER TABLE "Check" ADD COLUMN "demo" BOOLEAN;
ALTER TABLE "Check" ADD COLUMN "host" TEXT;
ALTER TABLE "Check" ADD COLUMN "notFoundAnywhere" BOOLEAN NOT NULL DEFAULT false;
