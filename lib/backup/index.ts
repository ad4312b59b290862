import "server-only";
export { backupTo, type BackupResult } from "./backup";
export { restoreFrom, type RestoreResult } from "./restore";
export { inspectBackup, NotABackupError, type BackupInfo } from "./inspect-backup";
