// Is the database file one SQLite can use? Plain ESM (like paths.mjs) because start.mjs and migrate.mjs ask before
// anything is compiled. A damaged file must stop everything with one message: unchecked, a broken Vault page
// looks like "no vault" (the dashboard bounces between /unlock and /setup), a truncated file reaches Prisma's
// migrate (a Rust backtrace), and a zero-byte file is migrated into a silent new install over the old data.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";

const HEADER = Buffer.from("SQLite format 3\0", "latin1");

/**
 * null when `file` is absent (a new install) or SQLite finds nothing wrong; otherwise what is wrong with it.
 * quick_check is enough to notice (it reads every page); the verdict shown is integrity_check's own words.
 * @param {string} file
 * @returns {{ file: string, verdict: string, restoreFrom: string | null } | null}
 */
export function inspectDatabaseFile(file) {
  let size;
  try {
    size = fs.statSync(file).size;
  } catch (e) {
    if (e.code === "ENOENT") return null;
    throw e;
  }
  const report = (verdict) => ({ file, verdict, restoreFrom: newestRestorePoint(file) });
  if (size === 0) return report("the file is empty (0 bytes)");
  const head = Buffer.alloc(HEADER.length);
  const fd = fs.openSync(file, "r");
  try {
    fs.readSync(fd, head, 0, HEADER.length, 0);
  } finally {
    fs.closeSync(fd);
  }
  if (!head.equals(HEADER)) return report("the file is not an SQLite database");
  let sqlite;
  try {
    sqlite = new Database(file, { fileMustExist: true, timeout: 5000 });
    let quick;
    try {
      quick = sqlite.pragma("quick_check(1)", { simple: true });
    } catch (e) {
      if (!isDamage(e)) throw e;
      quick = e.message;
    }
    if (quick === "ok") return null;
    return report(`PRAGMA integrity_check: ${integrityVerdict(sqlite)}`);
  } catch (e) {
    // Busy, read-only, cannot open, I/O: not the file's fault. The caller's own query meets it and says so.
    if (!isDamage(e)) return null;
    // SQLite's own words about the file (no data in them), e.g. "database disk image is malformed".
    return report(`PRAGMA integrity_check: ${e.code === "SQLITE_NOTADB" ? "file is not a database" : e.message}`);
  } finally {
    sqlite?.close();
  }
}

function isDamage(e) {
  return typeof e?.code === "string" && (e.code.startsWith("SQLITE_CORRUPT") || e.code === "SQLITE_NOTADB");
}

/** integrity_check's first findings (it can report where quick_check only threw "malformed"). */
function integrityVerdict(sqlite) {
  try {
    return sqlite
      .pragma("integrity_check(4)")
      .map((r) => String(Object.values(r)[0]))
      .filter((l) => !l.startsWith("*** in database"))
      .join("; ");
  } catch (e) {
    return e.message;
  }
}

/**
 * The newest file this database can be restored from: a copy Keywarden kept aside before a restore
 * (keywarden.db.before-restore-*) or a backup (keywarden-*.db) in the data directory or ~/Downloads.
 * @param {string} file
 * @returns {string | null}
 */
export function newestRestorePoint(file) {
  const dir = path.dirname(file);
  const base = path.basename(file);
  const candidates = [];
  const look = (folder, match) => {
    let names = [];
    try {
      names = fs.readdirSync(folder);
    } catch {
      return;
    }
    for (const name of names.filter(match)) {
      const full = path.join(folder, name);
      try {
        const st = fs.statSync(full);
        if (st.isFile() && st.size > 0) candidates.push({ full, mtime: st.mtimeMs });
      } catch {
        // Gone meanwhile.
      }
    }
  };
  const isBackup = (n) => /^keywarden-.*\.db$/.test(n);
  look(dir, (n) => (n.startsWith(`${base}.before-restore-`) && !/-(wal|shm|journal)$/.test(n)) || isBackup(n));
  look(path.join(os.homedir(), "Downloads"), isBackup);
  candidates.sort((a, b) => b.mtime - a.mtime);
  return candidates[0]?.full ?? null;
}

export { damageMessage } from "./damage-message.mjs";
