import "server-only";
// Online backup of the whole database with SQLite's VACUUM INTO: a consistent snapshot even while the web
// server writes, WAL content included. Secrets stay sealed (the file holds the same ciphertext as the DB).
import fs from "node:fs";
import path from "node:path";
import { db } from "@/lib/db/client";
import { recordEvent, type Actor } from "@/lib/audit-log/record";
import { AppError } from "@/lib/errors/app-error";
import { inspectBackup, type BackupInfo } from "./inspect-backup";
import { sqlString } from "./sql-string";

export interface BackupResult extends BackupInfo {
  file: string;
  bytes: number;
}

/** Writes a backup to `file`, which must not exist yet. The file is private (0600) from the moment it exists. */
export async function backupTo(file: string, opts: { actor?: Actor } = {}): Promise<BackupResult> {
  const target = path.resolve(file);
  if (!fs.existsSync(path.dirname(target))) {
    throw new AppError(`The folder ${path.dirname(target)} does not exist.`, "backup-target");
  }
  // Creating the empty file ourselves makes "must not exist" atomic and the mode 0600 before any byte is
  // written; VACUUM INTO accepts an existing empty file.
  let fd: number;
  try {
    fd = fs.openSync(target, "wx", 0o600);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "EEXIST") {
      throw new AppError(`${target} already exists. Choose a new file name; backups never overwrite.`, "backup-exists");
    }
    throw new AppError(`Cannot create ${target} (${(e as NodeJS.ErrnoException).code ?? "error"}).`, "backup-target");
  }
  fs.closeSync(fd);
  let info: BackupInfo;
  try {
    const prisma = await db();
    await prisma.$executeRawUnsafe(`VACUUM INTO ${sqlString(target)}`);
    fs.chmodSync(target, 0o600);
    // A backup that would be refused on restore is worse than none: check it the same way now.
    info = inspectBackup(target);
  } catch (e) {
    fs.rmSync(target, { force: true });
    throw e;
  }
  const bytes = fs.statSync(target).size;
  await recordEvent({ action: "backup.create", actor: opts.actor ?? "web", detail: { file: path.basename(target), bytes, keys: info.keys } });
  return { ...info, file: target, bytes };
}
