// keywarden backup FILE / keywarden restore FILE.
import fs from "node:fs";
import { databaseFile } from "@/lib/db/paths.mjs";
import { inspectDatabaseFile } from "@/lib/db/database-health.mjs";
import { backupTo } from "@/lib/backup/backup";
import { restoreFrom } from "@/lib/backup/restore";
import { inspectBackup } from "@/lib/backup/inspect-backup";
import { vaultExists } from "@/lib/vault/vault";
import { EXIT, type ExitCode } from "../exit-codes";
import { backupPassphrase, unlockForCli } from "../open-vault";
import { parseFlags, UsageError, USAGE } from "../usage";

function oneFile(args: string[], command: string): string | null {
  const { values, positionals } = parseFlags(args, {}, true);
  if (values.help) return null;
  if (positionals.length !== 1) throw new UsageError(`\`keywarden ${command}\` takes exactly one FILE.`);
  return positionals[0];
}

export async function backupCommand(args: string[]): Promise<ExitCode> {
  const file = oneFile(args, "backup");
  if (file === null) return (void process.stdout.write(USAGE), EXIT.ok);
  await unlockForCli();
  const r = await backupTo(file, { actor: "cli" });
  process.stdout.write(
    `Backup written to ${r.file} (${r.keys} key${r.keys === 1 ? "" : "s"}, ${r.bytes} bytes). Secrets inside stay encrypted under the master passphrase.\n`,
  );
  if (!r.logged) process.stderr.write("keywarden: the disk holding the data directory is full, so the audit log could not record this backup.\n");
  return EXIT.ok;
}

export async function restoreCommand(args: string[]): Promise<ExitCode> {
  const file = oneFile(args, "restore");
  if (file === null) return (void process.stdout.write(USAGE), EXIT.ok);
  // Refuse a bad file before asking for anything or writing even an audit event.
  inspectBackup(file);
  // Replacing an existing vault needs its passphrase; an empty data directory (a new machine) does not.
  // A damaged database has no passphrase left to ask for: restore replaces it (and keeps it aside).
  const current = databaseFile();
  let passphrase: string | undefined;
  if (fs.existsSync(current) && !inspectDatabaseFile(current) && (await vaultExists())) passphrase = await unlockForCli();
  // The backup's own vault must open before anything is replaced (lib/backup/restore.ts proves it).
  const r = await restoreFrom(file, { actor: "cli", passphrase: await backupPassphrase(passphrase) });
  process.stdout.write(
    `Restored ${r.keys} key${r.keys === 1 ? "" : "s"} and ${r.checks} check${r.checks === 1 ? "" : "s"} from ${file}.\n` +
      (r.previous ? `The previous database is kept as ${r.previous}.\n` : "") +
      "The vault is locked; unlock it with the backup's master passphrase (the one just given).\n",
  );
  return EXIT.ok;
}
