// What every command does first: make sure the schema is current, then (for commands that need it) unlock
// the vault in this process with actor "cli". The passphrase never comes from an argument: argv is visible
// to every user of the machine (ps, /proc) and lands in shell history.
import { databaseFile } from "@/lib/db/paths.mjs";
import { migrate } from "@/lib/db/migrate.mjs";
import { isFullyMigrated } from "@/lib/backup/migrations";
import { AppError, DatabaseDamagedError, VaultMissingError } from "@/lib/errors/app-error";
import { inspectDatabaseFile } from "@/lib/db/database-health.mjs";
import { unlockVault, vaultExists } from "@/lib/vault/vault";
import { promptHidden, stdinIsTty } from "./prompt";

export const PASSPHRASE_ENV = "KEYWARDEN_PASSPHRASE";

export class NoPassphraseError extends AppError {
  constructor() {
    super(`The vault is locked: set ${PASSPHRASE_ENV}, or run keywarden in a terminal to be asked for the master passphrase.`, "locked");
  }
}

/** migrate() spawns Prisma (about a second); skip it when the file already has every migration. */
export function prepareDatabase(): void {
  const damage = inspectDatabaseFile(databaseFile());
  if (damage) throw new DatabaseDamagedError(damage);
  if (!isFullyMigrated(databaseFile())) migrate({ quiet: true });
}

export async function masterPassphrase(question = "Master passphrase: "): Promise<string> {
  const fromEnv = process.env[PASSPHRASE_ENV];
  if (fromEnv) return fromEnv;
  if (stdinIsTty()) return promptHidden(question);
  throw new NoPassphraseError();
}

export const BACKUP_PASSPHRASE_ENV = "KEYWARDEN_BACKUP_PASSPHRASE";

/**
 * The master passphrase of a backup about to be restored: KEYWARDEN_BACKUP_PASSPHRASE, else asked on a terminal
 * (Enter alone: the same as the current one), else the passphrase this CLI already uses (KEYWARDEN_PASSPHRASE),
 * which is the common case of restoring one's own backup.
 */
export async function backupPassphrase(current?: string): Promise<string> {
  const fromEnv = process.env[BACKUP_PASSPHRASE_ENV];
  if (fromEnv) return fromEnv;
  if (stdinIsTty()) {
    const typed = await promptHidden("Master passphrase of this backup (Enter: the same as the current one): ");
    if (typed) return typed;
  }
  return current ?? masterPassphrase();
}

export async function requireVault(): Promise<void> {
  if (!(await vaultExists())) throw new VaultMissingError();
}

/** Unlocks with the master passphrase; returns it for a caller that needs it once more (restore's fallback). */
export async function unlockForCli(): Promise<string> {
  await requireVault();
  const passphrase = await masterPassphrase();
  await unlockVault(passphrase, "cli");
  return passphrase;
}
