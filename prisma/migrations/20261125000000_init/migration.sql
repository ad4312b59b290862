-- CreateTable
CREATE TABLE "Vault" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT DEFAULT 1,
    "kdf" TEXT NOT NULL,
    "kdfParams" TEXT NOT NULL,
    "salt" BLOB NOT NULL,
    "wrappedKey" BLOB NOT NULL,
    "epoch" INTEGER NOT NULL DEFAULT 1,
    "failedAttempts" INTEGER NOT NULL DEFAULT 0,
    "lastFailedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "changedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "Setting" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "value" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "ApiKey" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "label" TEXT NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "apiKeyDigest" TEXT NOT NULL,
    "apiKeyEnc" BLOB NOT NULL,
    "secretEnc" BLOB,
    "passphraseEnc" BLOB,
    "region" TEXT NOT NULL,
    "demo" BOOLEAN NOT NULL DEFAULT false,
    "purpose" TEXT NOT NULL,
    "usedBy" TEXT NOT NULL DEFAULT '[]',
    "notes" TEXT NOT NULL DEFAULT '',
    "createdOn" DATETIME NOT NULL,
    "createdOnSource" TEXT NOT NULL DEFAULT 'user',
    "status" TEXT NOT NULL DEFAULT 'active',
    "subAcct" TEXT,
    "parentKeyId" TEXT,
    "addedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "lastCheckedAt" DATETIME,
    "lastOkAt" DATETIME
);

-- CreateTable
CREATE TABLE "Check" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "keyId" TEXT NOT NULL,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "outcome" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "message" TEXT NOT NULL DEFAULT '',
    "perm" TEXT,
    "ip" TEXT,
    "uid" TEXT,
    "mainUid" TEXT,
    "label" TEXT,
    "acctLv" TEXT,
    "latencyMs" INTEGER NOT NULL DEFAULT 0,
    "skewMs" INTEGER,
    CONSTRAINT "Check_keyId_fkey" FOREIGN KEY ("keyId") REFERENCES "ApiKey" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Rotation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "mode" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "oldKeyId" TEXT NOT NULL,
    "newKeyId" TEXT,
    "data" TEXT NOT NULL DEFAULT '{}',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "endedAt" DATETIME,
    CONSTRAINT "Rotation_oldKeyId_fkey" FOREIGN KEY ("oldKeyId") REFERENCES "ApiKey" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Rotation_newKeyId_fkey" FOREIGN KEY ("newKeyId") REFERENCES "ApiKey" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor" TEXT NOT NULL DEFAULT 'web',
    "action" TEXT NOT NULL,
    "keyId" TEXT,
    "keyLabel" TEXT,
    "detail" TEXT NOT NULL DEFAULT '{}'
);

-- CreateIndex
CREATE UNIQUE INDEX "ApiKey_label_key" ON "ApiKey"("label");

-- CreateIndex
CREATE UNIQUE INDEX "ApiKey_apiKeyDigest_key" ON "ApiKey"("apiKeyDigest");

-- CreateIndex
CREATE INDEX "Check_keyId_at_idx" ON "Check"("keyId", "at");

-- CreateIndex
CREATE INDEX "Rotation_oldKeyId_idx" ON "Rotation"("oldKeyId");

-- CreateIndex
CREATE INDEX "AuditEvent_at_idx" ON "AuditEvent"("at");

