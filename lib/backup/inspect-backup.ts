import "server-only";
// Decides whether a SQLite file is a Keywarden database we can restore. Opens it read-only and never writes.
import fs from "node:fs";
import Database from "better-sqlite3";
import { AppError } from "@/lib/errors/app-error";
import { appliedMigrations, knownMigrations } from "./migrations";
import { rowsProblem, schemaProblem } from "./verify-contents";

const REQUIRED_TABLES = ["Vault", "ApiKey", "Check", "AuditEvent", "Setting", "_prisma_migrations"];
const SQLITE_MAGIC = Buffer.from("SQLite format 3\0", "latin1");

export class NotABackupError extends AppError {
  constructor(reason: string) {
    super(`This file is not a usable Keywarden backup: ${reason} Nothing was changed.`, "not-a-backup");
  }
}

export interface BackupInfo {
  keys: number;
  checks: number;
  migrations: string[];
  vaultCreatedAt: string;
}

function hasMagic(file: string): boolean {
  const fd = fs.openSync(file, "r");
  try {
    const head = Buffer.alloc(SQLITE_MAGIC.length);
    const n = fs.readSync(fd, head, 0, head.length, 0);
    return n === head.length && head.equals(SQLITE_MAGIC);
  } finally {
    fs.closeSync(fd);
  }
}

/** Throws NotABackupError with a plain reason, or returns what the backup holds. */
export function inspectBackup(file: string): BackupInfo {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    throw new NotABackupError("the file does not exist or cannot be read.");
  }
  if (!stat.isFile()) throw new NotABackupError("it is not a regular file.");
  if (!hasMagic(file)) throw new NotABackupError("it is not an SQLite database.");

  let sqlite: Database.Database;
  try {
    sqlite = new Database(file, { readonly: true, fileMustExist: true });
  } catch {
    throw new NotABackupError("SQLite cannot open it.");
  }
  try {
    let integrity: string;
    try {
      integrity = (sqlite.pragma("integrity_check", { simple: true }) as string) ?? "";
    } catch {
      throw new NotABackupError("it is damaged (SQLite could not read it).");
    }
    if (integrity !== "ok") throw new NotABackupError("it is damaged (SQLite integrity check failed).");

    const tables = new Set((sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((t) => t.name));
    const missing = REQUIRED_TABLES.filter((t) => !tables.has(t));
    if (missing.length) throw new NotABackupError(`it is an SQLite database from another program (missing ${missing.join(", ")}).`);

    const applied = appliedMigrations(sqlite) ?? [];
    const known = new Set(knownMigrations());
    const newer = applied.filter((m) => !known.has(m));
    if (newer.length) throw new NotABackupError("it was written by a newer Keywarden version. Upgrade Keywarden first.");

    const schema = schemaProblem(sqlite, applied);
    if (schema) throw new NotABackupError(schema);
    const vault = sqlite.prepare("SELECT createdAt FROM Vault WHERE id = 1").get() as { createdAt: number | string } | undefined;
    if (!vault) throw new NotABackupError("it holds no vault.");
    const rows = rowsProblem(sqlite);
    if (rows) throw new NotABackupError(rows);
    const count = (t: string) => (sqlite.prepare(`SELECT COUNT(*) AS n FROM "${t}"`).get() as { n: number }).n;
    return {
      keys: count("ApiKey"),
      checks: count("Check"),
      migrations: applied,
      vaultCreatedAt: new Date(typeof vault.createdAt === "number" ? vault.createdAt : String(vault.createdAt)).toISOString(),
    };
  } finally {
    sqlite.close();
  }
}
