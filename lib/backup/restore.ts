import "server-only";
// Replaces the current database with a verified backup. Nothing is touched until the candidate has passed
// every check; the current database is kept next to it (keywarden.db.before-restore-<ts>) before the swap.
// Stop the web server first when restoring from the CLI: a running server would keep the old file open.
import fs from "node:fs";
import path from "node:path";
import { closeDb, db } from "@/lib/db/client";
import { databaseFile, ensureDataDir } from "@/lib/db/paths.mjs";
import { migrate } from "@/lib/db/migrate.mjs";
import { recordEvent, type Actor } from "@/lib/audit-log/record";
import { lockVault } from "@/lib/vault/vault";
import { inspectBackup, type BackupInfo } from "./inspect-backup";
import { sqlString } from "./sql-string";

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

export async function restoreFrom(file: string, opts: { actor?: Actor } = {}): Promise<RestoreResult> {
  const source = path.resolve(file);
  // Verified before anything else happens; a refusal leaves the data directory exactly as it was.
  inspectBackup(source);

  const dir = ensureDataDir();
  const current = databaseFile();
  const ts = stamp();
  // Verify the copy we will actually install (the source could change between check and copy).
  const staged = path.join(dir, `.keywarden.db.restore-${ts}.tmp`);
  let info: BackupInfo;
  try {
    fs.copyFileSync(source, staged, fs.constants.COPYFILE_EXCL);
    fs.chmodSync(staged, 0o600);
    info = inspectBackup(staged);
  } catch (e) {
    fs.rmSync(staged, { force: true });
    removeSidecars(staged);
    throw e;
  }

  let previous: string | null = null;
  if (fs.existsSync(current)) {
    previous = `${current}.before-restore-${ts}`;
    // VACUUM INTO, not a file copy: the current data may still sit partly in the WAL.
    const prisma = await db();
    await prisma.$executeRawUnsafe(`VACUUM INTO ${sqlString(previous)}`);
    fs.chmodSync(previous, 0o600);
  }
  await lockVault(opts.actor ?? "web", "restore");
  await closeDb();
  // A stale WAL beside the new main file would be replayed onto it: remove it before the swap.
  removeSidecars(current);
  removeSidecars(staged);
  fs.renameSync(staged, current);

  migrate({ quiet: true });
  await recordEvent({
    action: "backup.restore",
    actor: opts.actor ?? "web",
    detail: { file: path.basename(source), keys: info.keys, previous: previous ? path.basename(previous) : null },
  });
  // The restored vault's passphrase applies from now on; whoever was unlocked must unlock again.
  await lockVault(opts.actor ?? "web", "restore");
  return { ...info, previous };
}
