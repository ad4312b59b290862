export interface DatabaseDamage {
  /** The damaged database file. */
  file: string;
  /** What is wrong, in SQLite's words (integrity_check's verdict) or "the file is empty (0 bytes)". */
  verdict: string;
  /** The newest before-restore copy or backup found, or null. */
  restoreFrom: string | null;
}
/** null when the file is absent or healthy. */
export function inspectDatabaseFile(file: string): DatabaseDamage | null;
export function newestRestorePoint(file: string): string | null;
export function damageMessage(d: DatabaseDamage): string;
