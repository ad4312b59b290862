-- A key-specific OKX host (https://….okx.com), for a key that must not use its region's preset host.
ALTER TABLE "ApiKey" ADD COLUMN "host" TEXT;
