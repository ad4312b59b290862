import "server-only";
// Which schema migrations this build of Keywarden knows, and which ones a database file has applied.
// File and SQLite reads only: the CLI uses it to skip a no-op `prisma migrate deploy`, and restore
// uses it to refuse backups written by a newer Keywarden.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";

// This file's own location finds the repo under tsx and vitest; inside a Next bundle it points into .next, so
// the server's working directory (start.mjs runs next from the repo root) is the fallback.
export function migrationsDir(): string {
  const candidates: string[] = [];
  try {
    candidates.push(path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..", "prisma", "migrations"));
  } catch {
    // not a file: URL (bundled)
  }
  candidates.push(path.resolve(/*turbopackIgnore: true*/ process.cwd(), "prisma", "migrations"));
  const found = candidates.find((d) => fs.existsSync(d));
  if (!found) throw new Error("prisma/migrations not found");
  return found;
}

/** Migration folder names shipped with this build, oldest first. */
export function knownMigrations(): string[] {
  const dir = migrationsDir();
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && fs.existsSync(path.join(dir, e.name, "migration.sql")))
    .map((e) => e.name)
    .sort();
}

/** Finished migrations recorded in an open database; null when it has no migrations table at all. */
export function appliedMigrations(sqlite: Database.Database): string[] | null {
  const table = sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'").get();
  if (!table) return null;
  const rows = sqlite.prepare("SELECT migration_name AS name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL").all() as {
    name: string;
  }[];
  return rows.map((r) => r.name).sort();
}

/** True when the database file exists and already has every known migration (so migrate() would do nothing). */
export function isFullyMigrated(dbFile: string): boolean {
  if (!fs.existsSync(dbFile)) return false;
  let sqlite: Database.Database | undefined;
  try {
    // Read-write although nothing is written: a read-only connection to a WAL database leaves empty -wal/-shm
    // files behind, a read-write one removes them on close when it is the last connection.
    sqlite = new Database(dbFile, { fileMustExist: true });
    sqlite.pragma("busy_timeout = 5000");
    const applied = new Set(appliedMigrations(sqlite) ?? []);
    return knownMigrations().every((m) => applied.has(m));
  } catch {
    // Anything odd (locked, corrupt): let the real migrate() run and report it.
    return false;
  } finally {
    sqlite?.close();
  }
}
