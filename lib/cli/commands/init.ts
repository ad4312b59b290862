// keywarden init: create the vault. Asks twice in a terminal; otherwise takes KEYWARDEN_PASSPHRASE.
import { dataDir } from "@/lib/db/paths.mjs";
import { AppError } from "@/lib/errors/app-error";
import { createVault, vaultExists } from "@/lib/vault/vault";
import { EXIT, type ExitCode } from "../exit-codes";
import { NoPassphraseError, PASSPHRASE_ENV } from "../open-vault";
import { promptHidden, stdinIsTty } from "../prompt";
import { parseFlags, USAGE } from "../usage";

async function newPassphrase(): Promise<string> {
  const fromEnv = process.env[PASSPHRASE_ENV];
  if (fromEnv) return fromEnv;
  if (!stdinIsTty()) throw new NoPassphraseError();
  const first = await promptHidden("New master passphrase (12+ characters; a few unrelated words work well): ");
  const second = await promptHidden("Repeat it: ");
  if (first !== second) throw new AppError("The two passphrases differ. Nothing was created.", "invalid");
  return first;
}

export async function initCommand(args: string[]): Promise<ExitCode> {
  const { values } = parseFlags(args, {});
  if (values.help) return (void process.stdout.write(USAGE), EXIT.ok);
  if (await vaultExists()) throw new AppError(`A vault already exists in ${dataDir()}. Nothing was changed.`, "vault-exists");
  await createVault(await newPassphrase(), "cli");
  process.stdout.write(
    `Vault created in ${dataDir()}.\nKeep the master passphrase safe: it cannot be recovered, and without it the stored keys cannot be opened.\n`,
  );
  return EXIT.ok;
}
