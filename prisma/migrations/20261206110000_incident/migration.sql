-- CreateTable
CREATE TABLE "Incident" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "consumerId" TEXT NOT NULL,
    "consumerName" TEXT NOT NULL,
    "consumerHost" TEXT,
    "state" TEXT NOT NULL,
    "data" TEXT NOT NULL DEFAULT '{}',
    "actor" TEXT NOT NULL DEFAULT 'web',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "confirmedAt" DATETIME,
    "endedAt" DATETIME
);

-- CreateIndex
CREATE INDEX "Incident_consumerId_idx" ON "Incident"("consumerId");

