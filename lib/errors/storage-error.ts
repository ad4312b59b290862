// What the disk or SQLite said, in words a person can act on. The driver's errors reach lib/ raw (better-sqlite3's
// SqliteError, or Prisma's wrapper around it) and Node's file errors carry errno codes; both are recognised by
// code only, never by echoing their message (it can contain SQL with input values).

export interface StorageProblem {
  code: "disk-full" | "read-only" | "busy" | "corrupt" | "io-error";
  message: string;
}

function codesOf(err: unknown, depth = 0): string[] {
  if (!err || typeof err !== "object" || depth > 4) return [];
  const e = err as { code?: unknown; cause?: unknown; meta?: { driverAdapterError?: unknown }; originalCode?: unknown };
  const own = [e.code, e.originalCode].filter((c): c is string => typeof c === "string");
  return [...own, ...codesOf(e.cause, depth + 1), ...codesOf(e.meta?.driverAdapterError, depth + 1)];
}

const FULL = "The disk holding Keywarden's data directory is full. Nothing was saved; free some space and try again.";

/** A storage problem behind err, or null when err is something else. */
export function storageProblem(err: unknown): StorageProblem | null {
  for (const code of codesOf(err)) {
    if (code === "SQLITE_FULL" || code === "ENOSPC" || code === "EDQUOT") return { code: "disk-full", message: FULL };
    if (code.startsWith("SQLITE_READONLY") || code === "EROFS") {
      return {
        code: "read-only",
        message:
          "Keywarden's data directory is read-only, so nothing can be saved. Make it writable (or set KEYWARDEN_DATA_DIR to a writable folder) and try again.",
      };
    }
    if (code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_LOCKED")) {
      return {
        code: "busy",
        message: "The database stayed busy: another Keywarden process (the CLI or the dashboard) held it for more than 5 s. Nothing was changed; try again.",
      };
    }
    if (code.startsWith("SQLITE_CORRUPT") || code === "SQLITE_NOTADB") {
      return { code: "corrupt", message: "Keywarden's database file is damaged. Nothing was changed; restore it from a backup (see the README, Restore)." };
    }
    if (code.startsWith("SQLITE_IOERR") || code === "EIO") {
      // SQLite reports a failed write to a full disk as an I/O error in some places (e.g. growing the WAL index).
      return {
        code: "io-error",
        message: "Keywarden could not write to its data directory (an I/O error; is the disk full or failing?). Nothing was saved; try again.",
      };
    }
  }
  return null;
}
