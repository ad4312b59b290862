-- The local scan: where each OKX key sits in files on this machine (never the secrets themselves).
CREATE TABLE "ScanRun" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "roots" TEXT NOT NULL,
    "actor" TEXT NOT NULL DEFAULT 'web',
    "status" TEXT NOT NULL,
    "startedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" DATETIME,
    "filesSeen" INTEGER NOT NULL DEFAULT 0,
    "skipped" TEXT NOT NULL DEFAULT '[]',
    "error" TEXT
);
CREATE TABLE "ScanFile" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "runId" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "style" TEXT NOT NULL,
    "app" TEXT NOT NULL,
    "keyId" TEXT,
    "apiKeyDigest" TEXT,
    "fingerprint" TEXT,
    "encrypted" BOOLEAN NOT NULL DEFAULT false,
    "hasSecret" BOOLEAN NOT NULL DEFAULT false,
    "mode" INTEGER NOT NULL,
    "size" INTEGER NOT NULL,
    "mtimeMs" REAL NOT NULL,
    "contentDigest" TEXT NOT NULL,
    "git" TEXT NOT NULL DEFAULT 'none',
    CONSTRAINT "ScanFile_runId_fkey" FOREIGN KEY ("runId") REFERENCES "ScanRun" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX "ScanRun_startedAt_idx" ON "ScanRun"("startedAt");
CREATE INDEX "ScanFile_runId_idx" ON "ScanFile"("runId");
CREATE INDEX "ScanFile_keyId_idx" ON "ScanFile"("keyId");
CREATE INDEX "ScanFile_path_idx" ON "ScanFile"("path");
