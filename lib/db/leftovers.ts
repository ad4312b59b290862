import "server-only";
// Work files a killed process leaves behind (SIGKILL, power cut): a backup's `<target>.partial-<pid>`, a restore's
// `.restore-<pid>-<time>` staging folder in the data directory, and the dashboard's private temp folders
// (`keywarden-backup-<pid>-…`, `keywarden-restore-<pid>-…`) in the system temp directory. Each holds a copy of
// the vault's ciphertext, so it should not outlive its process. Removed when the process named in the name is
// gone, or when it is older than a day (a pid reused by something else must not keep it forever); names from
// before the pid was in them are judged by age alone. Anything else is never touched: keywarden.db, its -wal and
// -shm, the .before-restore and .damaged copies, and files that merely look alike but are not ours (another
// owner, a symlink).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { AppError } from "@/lib/errors/app-error";

export const LEFTOVER_MAX_AGE_MS = 24 * 60 * 60 * 1000;

export type TempFolderKind = "backup" | "restore";

/** mkdtemp prefix of the dashboard's private temp folders: the pid lets a later start tell a live one from debris. */
export function tempFolderPrefix(kind: TempFolderKind): string {
  return path.join(os.tmpdir(), `keywarden-${kind}-${process.pid}-`);
}

/** Creates a private (0700) temp folder for the dashboard's backup or restore; a full temp disk says which disk. */
export function makeTempFolder(kind: TempFolderKind): string {
  try {
    return fs.mkdtempSync(tempFolderPrefix(kind));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== "ENOSPC" && code !== "EDQUOT") throw e;
    throw new AppError(
      `No space left on the disk holding the server's temporary folder (${os.tmpdir()}): nothing was written and Keywarden's data is unchanged. Free some space there and try again.`,
      "disk-full",
    );
  }
}

/** The staging folder of a restore run by this process. */
export function restoreStagingName(stamp: string): string {
  return `.restore-${process.pid}-${stamp}`;
}

const DATA_DIR_PATTERNS: { re: RegExp; dir: boolean }[] = [
  { re: /^.+\.partial-(\d+)$/, dir: false },
  { re: /^\.restore-(\d+)-\d{4}-\d\d-\d\dT[\d-]+Z$/, dir: true },
  { re: /^\.restore-()\d{4}-\d\d-\d\dT[\d-]+Z$/, dir: true },
];
const TEMP_PATTERNS: { re: RegExp; dir: boolean }[] = [
  { re: /^keywarden-(?:backup|restore)-(\d+)-[A-Za-z0-9]{6}$/, dir: true },
  { re: /^keywarden-(?:backup|restore)-()[A-Za-z0-9]{6}$/, dir: true },
];

function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it exists, it is just not ours to signal.
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

function sweep(dir: string, patterns: { re: RegExp; dir: boolean }[], now: number): string[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  const uid = typeof process.getuid === "function" ? process.getuid() : null;
  const removed: string[] = [];
  for (const name of names) {
    const match = patterns.map((p) => ({ p, m: p.re.exec(name) })).find((x) => x.m);
    if (!match) continue;
    const full = path.join(dir, name);
    try {
      const st = fs.lstatSync(full);
      if (st.isSymbolicLink() || st.isDirectory() !== match.p.dir || (!st.isDirectory() && !st.isFile())) continue;
      if (uid !== null && st.uid !== uid) continue;
      const pid = Number(match.m![1]);
      const old = now - st.mtimeMs > LEFTOVER_MAX_AGE_MS;
      const orphaned = match.m![1] !== "" && Number.isSafeInteger(pid) && pid > 0 && !alive(pid);
      if (!old && !orphaned) continue;
      fs.rmSync(full, { recursive: match.p.dir, force: true });
      removed.push(full);
    } catch {
      // Best effort: whatever could not be removed now is looked at again on the next start.
    }
  }
  return removed;
}

/** Removes what killed Keywarden processes left behind; returns the paths removed. Never throws. */
export function removeLeftovers(dataDir: string, opts: { tempDir?: string; now?: number } = {}): string[] {
  const now = opts.now ?? Date.now();
  return [...sweep(dataDir, DATA_DIR_PATTERNS, now), ...sweep(opts.tempDir ?? os.tmpdir(), TEMP_PATTERNS, now)];
}
