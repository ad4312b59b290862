import "server-only";
// Replaces the current database with a verified backup. The candidate is copied into a private staging folder,
// checked, migrated to this version's schema and checked again there; only then is the current database kept
// aside (keywarden.db.before-restore-<ts>) and the candidate swapped in. Anything failing after the swap puts the
// previous database back, so a refusal always means the data directory holds what it held before.
// Stop the web server first when restoring from the CLI: a running server would keep the old file open.
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { closeDb, db } from "@/lib/db/client";
import { databaseFile, ensureDataDir } from "@/lib/db/paths.mjs";
import { migrate } from "@/lib/db/migrate.mjs";
import { inspectDatabaseFile } from "@/lib/db/database-health.mjs";
import { recordEvent, type Actor } from "@/lib/event-log/record";
import { lockVault, proveBackupPassphrase, type WrappedVault } from "@/lib/vault/vault";
import { inspectBackup, NotABackupError, type BackupInfo } from "./inspect-backup";
import { isFullyMigrated } from "./migrations";
import { sqlString } from "./sql-string";
import { restoreStagingName } from "@/lib/db/leftovers";

export interface RestoreOptions {
  actor?: Actor;
  /**
   * The master passphrase of the backup's vault. A restore must prove the file's vault opens with it before
   * anything is replaced: restoring a vault nobody can open would lock the owner out of every key.
   */
  passphrase: string;
}

export interface RestoreResult extends BackupInfo {
  /** Where the previous database was kept, or null when there was none. */
  previous: string | null;
}

function stamp(d = new Date()): string {
  return d.toISOString().replace(/[:.]/g, "-");
}

function removeSidecars(file: string) {
  for (const s of ["-wal", "-shm", "-journal"]) fs.rmSync(`${file}${s}`, { force: true });
}

/** Folds a WAL left by the migration into the file itself, so the file alone is the whole database. */
function checkpoint(file: string) {
  const sqlite = new Database(file, { fileMustExist: true });
  try {
    sqlite.pragma("wal_checkpoint(TRUNCATE)");
  } finally {
    sqlite.close();
  }
  removeSidecars(file);
}

/** The staged file's wrapped data key. inspectBackup already refuses a file without a vault; so does this. */
function wrappedVault(file: string): WrappedVault {
  const sqlite = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const row = sqlite.prepare("SELECT kdfParams, salt, wrappedKey FROM Vault WHERE id = 1").get() as WrappedVault | undefined;
    if (!row) throw new NotABackupError("it holds no vault.");
    return row;
  } finally {
    sqlite.close();
  }
}

/** Copies, checks and migrates the backup in a staging folder; returns the ready file. Touches nothing else. */
function stage(source: string, staging: string): { file: string; info: BackupInfo } {
  fs.mkdirSync(staging, { mode: 0o700 });
  const file = path.join(staging, "keywarden.db");
  // Verify the copy we will actually install (the source could change between check and copy).
  fs.copyFileSync(source, file, fs.constants.COPYFILE_EXCL);
  fs.chmodSync(file, 0o600);
  inspectBackup(file);
  try {
    migrate({ quiet: true, dataDir: staging });
  } catch {
    throw new NotABackupError("its schema could not be brought up to date (it records an unfinished or failed migration).");
  }
  if (!isFullyMigrated(file)) throw new NotABackupError("its schema could not be brought up to date.");
  checkpoint(file);
  return { file, info: inspectBackup(file) };
}

export async function restoreFrom(file: string, opts: RestoreOptions): Promise<RestoreResult> {
  const source = path.resolve(file);
  const actor = opts.actor ?? "web";
  // Verified before anything else happens; a refusal leaves the data directory exactly as it was.
  inspectBackup(source);

  const dir = ensureDataDir();
  const current = databaseFile();
  const ts = stamp();
  const staging = path.join(dir, restoreStagingName(ts));
  try {
    const { file: staged, info } = stage(source, staging);
    // The copy that will be installed is the one proven. Refused here, nothing has been replaced yet.
    const countHere = fs.existsSync(current) && !inspectDatabaseFile(current);
    await proveBackupPassphrase(opts.passphrase, wrappedVault(staged), { actor, countHere });

    let previous: string | null = null;
    if (inspectDatabaseFile(current)) {
      // Damaged or empty: nothing to VACUUM, so the file itself (and its WAL) is kept aside as it is.
      await closeDb();
      previous = `${current}.damaged-${ts}`;
      for (const s of ["", "-wal"]) if (fs.existsSync(`${current}${s}`)) fs.renameSync(`${current}${s}`, `${previous}${s}`);
    } else if (fs.existsSync(current)) {
      previous = `${current}.before-restore-${ts}`;
      // VACUUM INTO, not a file copy: the current data may still sit partly in the WAL.
      const prisma = await db();
      await prisma.$executeRawUnsafe(`VACUUM INTO ${sqlString(previous)}`);
      fs.chmodSync(previous, 0o600);
    }
    await lockVault(actor, "restore");
    await closeDb();
    // A stale WAL beside the new main file would be replayed onto it: remove it before the swap.
    removeSidecars(current);
    fs.renameSync(staged, current);
    try {
      await recordEvent({
        action: "backup.restore",
        actor,
        detail: { file: path.basename(source), keys: info.keys, previous: previous ? path.basename(previous) : null },
      });
    } catch (e) {
      await putBack(current, previous);
      throw e;
    }
    // The restored vault's passphrase (the one just proven) applies from now on; whoever was unlocked unlocks again.
    await lockVault(actor, "restore");
    return { ...info, previous };
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

/** After a failed swap: the database kept aside becomes the current one again (or none, if there was none). */
async function putBack(current: string, previous: string | null) {
  await closeDb().catch(() => undefined);
  removeSidecars(current);
  if (previous) fs.copyFileSync(previous, current);
  else fs.rmSync(current, { force: true });
}
