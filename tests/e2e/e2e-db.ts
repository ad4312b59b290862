// Direct access to the e2e server's SQLite file, for the one thing a browser cannot do: let time pass.
// The app's clock is the real one, so "the last successful check was 12 days ago" is made by moving a key's
// stored checks back in time. Same text format Prisma writes ("2026-12-01T07:20:17.227+00:00"); the key row's
// updatedAt is bumped so the report's row cache (keyed by a stamp of the tables) reloads on the next request.
import path from "node:path";
import Database from "better-sqlite3";
import { E2E_DATA_DIR } from "./ports";

const DAY_MS = 86_400_000;
const stored = (d: Date) => d.toISOString().replace("Z", "+00:00");

/** Moves every check of the key (and its last-checked / last-OK times) `days` into the past; returns the newest OK check's new time. */
export function backdateChecks(keyId: string, days: number): Date | null {
  const db = new Database(path.join(E2E_DATA_DIR, "keywarden.db"));
  try {
    db.pragma("busy_timeout = 5000");
    const shift = (v: string | null) => (v === null ? null : stored(new Date(new Date(v).getTime() - days * DAY_MS)));
    return db.transaction(() => {
      const checks = db.prepare(`SELECT "id", "at" FROM "Check" WHERE "keyId" = ?`).all(keyId) as { id: number; at: string }[];
      const setAt = db.prepare(`UPDATE "Check" SET "at" = ? WHERE "id" = ?`);
      for (const c of checks) setAt.run(shift(c.at), c.id);
      const key = db.prepare(`SELECT "lastCheckedAt", "lastOkAt" FROM "ApiKey" WHERE "id" = ?`).get(keyId) as {
        lastCheckedAt: string | null;
        lastOkAt: string | null;
      };
      db.prepare(`UPDATE "ApiKey" SET "lastCheckedAt" = ?, "lastOkAt" = ?, "updatedAt" = ? WHERE "id" = ?`).run(
        shift(key.lastCheckedAt),
        shift(key.lastOkAt),
        stored(new Date()),
        keyId,
      );
      const ok = db.prepare(`SELECT "at" FROM "Check" WHERE "keyId" = ? AND "outcome" = 'ok' ORDER BY "at" DESC LIMIT 1`).get(keyId) as
        { at: string } | undefined;
      return ok ? new Date(ok.at) : null;
    })();
  } finally {
    db.close();
  }
}

/** Appends `n` harmless audit events (an idle-time change) so the log has more than one page; returns the newest id. */
export function addAuditEvents(n: number): number {
  const db = new Database(path.join(E2E_DATA_DIR, "keywarden.db"));
  try {
    db.pragma("busy_timeout = 5000");
    const insert = db.prepare(`INSERT INTO "AuditEvent" ("at", "actor", "action", "detail") VALUES (?, 'web', 'settings.idle-timeout', '{"minutes":15}')`);
    db.transaction(() => {
      for (let i = 0; i < n; i++) insert.run(stored(new Date()));
    })();
    return (db.prepare(`SELECT max("id") AS id FROM "AuditEvent"`).get() as { id: number }).id;
  } finally {
    db.close();
  }
}
