import "server-only";
// Online backup of the whole database with SQLite's VACUUM INTO: a consistent snapshot even while the web
// server writes, WAL content included. Secrets stay sealed (the file holds the same ciphertext as the DB).
import fs from "node:fs";
import path from "node:path";
import { db } from "@/lib/db/client";
import { recordEvent, type Actor } from "@/lib/event-log/record";
import { AppError } from "@/lib/errors/app-error";
import { storageProblem } from "@/lib/errors/storage-error";
import { inspectBackup, type BackupInfo } from "./inspect-backup";
import { sqlString } from "./sql-string";

export interface BackupResult extends BackupInfo {
  file: string;
  bytes: number;
  /** False when the backup is complete but its audit event could not be stored (the data directory's disk is full). */
  logged: boolean;
}

/**
 * A full disk while writing the backup: said about the folder the backup goes to, which may be another disk than
 * the data directory's (a USB stick, the dashboard's temp folder). Nothing partial is left (the caller removes it).
 */
function noSpace(target: string): AppError {
  return new AppError(
    `No space left on the disk holding ${path.dirname(target)}: the backup was not written and nothing partial was left behind. Keywarden's data is unchanged. Free some space there (or choose a folder on another disk) and try again.`,
    "disk-full",
  );
}

const isFull = (e: unknown) => storageProblem(e)?.code === "disk-full";

function exists(target: string): AppError {
  return new AppError(`${target} already exists. Choose a new file name; backups never overwrite.`, "backup-exists");
}

/** Gives the finished file its name without ever replacing a file that appeared there meanwhile. */
function publish(partial: string, target: string) {
  try {
    fs.linkSync(partial, target);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "EEXIST") throw exists(target);
    // Some filesystems (FAT, exFAT on a USB stick) have no hard links: a rename after a last look instead.
    if (code !== "EPERM" && code !== "ENOTSUP" && code !== "EOPNOTSUPP") throw e;
    if (fs.existsSync(target)) throw exists(target);
    fs.renameSync(partial, target);
  }
}

/** Writes a backup to `file`, which must not exist yet. The file is private (0600) from the moment it exists. */
export async function backupTo(file: string, opts: { actor?: Actor } = {}): Promise<BackupResult> {
  const target = path.resolve(file);
  if (!fs.existsSync(path.dirname(target))) {
    throw new AppError(`The folder ${path.dirname(target)} does not exist.`, "backup-target");
  }
  if (fs.existsSync(target)) throw exists(target);
  // The snapshot is written under a ".partial" name and only linked to the real name once it is complete and
  // checked: a process killed mid-write (SIGKILL, power cut) leaves a file that says it is partial, never a
  // broken file under the name the user asked for. Creating it ourselves makes it 0600 before any byte is
  // written; VACUUM INTO accepts an existing empty file.
  const partial = `${target}.partial-${process.pid}`;
  let fd: number;
  try {
    fd = fs.openSync(partial, "wx", 0o600);
  } catch (e) {
    if (isFull(e)) throw noSpace(target);
    throw new AppError(`Cannot create ${partial} (${(e as NodeJS.ErrnoException).code ?? "error"}).`, "backup-target");
  }
  fs.closeSync(fd);
  let info: BackupInfo;
  try {
    const prisma = await db();
    await prisma.$executeRawUnsafe(`VACUUM INTO ${sqlString(partial)}`);
    fs.chmodSync(partial, 0o600);
    // A backup that would be refused on restore is worse than none: check it the same way now.
    info = inspectBackup(partial);
    // On disk before it gets its name (VACUUM INTO does not sync the file it writes).
    const sync = fs.openSync(partial, "r");
    try {
      fs.fsyncSync(sync);
    } finally {
      fs.closeSync(sync);
    }
    publish(partial, target);
  } catch (e) {
    throw isFull(e) ? noSpace(target) : e;
  } finally {
    fs.rmSync(partial, { force: true });
  }
  const bytes = fs.statSync(target).size;
  let logged = true;
  try {
    await recordEvent({ action: "backup.create", actor: opts.actor ?? "web", detail: { file: path.basename(target), bytes, keys: info.keys } });
  } catch (e) {
    // The backup is whole and on another disk than the full one: it is the owner's way out, so it is kept and
    // the missing log line is reported instead of failing the backup.
    if (!isFull(e)) throw e;
    logged = false;
  }
  return { ...info, file: target, bytes, logged };
}
