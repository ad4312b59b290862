// The words for a damaged database file. Pure (no SQLite), so lib/errors/app-error.ts can use it without loading a
// native driver; plain ESM because start.mjs and migrate.mjs print it before anything is compiled.

/**
 * The one message every surface shows (start.mjs, migrate.mjs, the CLI, server actions).
 * @param {{ file: string, verdict: string, restoreFrom: string | null }} d
 */
export function damageMessage(d) {
  const how = d.restoreFrom
    ? `Stop the Keywarden server and restore the newest backup found, ${d.restoreFrom}: keywarden restore "${d.restoreFrom}" (the damaged file is kept aside).`
    : `No backup was found beside it or in ~/Downloads; stop the Keywarden server and restore one you made: keywarden restore FILE (the damaged file is kept aside).`;
  return `Keywarden's database file ${d.file} is damaged (${d.verdict}). Nothing was changed, and no new vault will be created over it. ${how}`;
}
