// A backup's download name carries the time as well as the date: two backups on one day (before and after a
// restore, say) must not overwrite each other in the Downloads folder. UTC, no colons (not allowed on Windows).
export function backupFileName(at: Date): string {
  return `keywarden-${at.toISOString().slice(0, 19).replace(/:/g, "-")}Z.db`;
}
