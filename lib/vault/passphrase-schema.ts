// One schema per master-passphrase form (setup, unlock, change), shared by the form actions and lib/vault, the
// way lib/keys/key-schema.ts serves the key forms: required, capped in length (Argon2 would otherwise hash
// whatever size arrives), and the confirmation must match. How strong a new passphrase is stays in
// passphrase-strength.ts (server-only: the live meter asks it through a server action, lib/vault refuses with it).
// Pure (no server-only): nothing here is secret, and a client component may import it.
import { z } from "zod";

/** Longer than any passphrase a person types or a password manager generates; short enough to hash at once. */
export const MAX_PASSPHRASE_LENGTH = 1024;

const SETUP_MISMATCH = "The two passphrases do not match.";
const CHANGE_MISMATCH = "The two new passphrases do not match.";
export const SAME_PASSPHRASE = "The new passphrase is the current one: choose a different one.";

/** A passphrase field: required, at most MAX_PASSPHRASE_LENGTH characters. Never trimmed: spaces are characters. */
export function passphraseField(name: string) {
  return z
    .string({ error: `${name} is required.` })
    .min(1, `${name} is required.`)
    .max(MAX_PASSPHRASE_LENGTH, `${name} must be at most ${MAX_PASSPHRASE_LENGTH} characters.`);
}

const confirmField = z
  .string({ error: "Type the passphrase again." })
  .max(MAX_PASSPHRASE_LENGTH, `The confirmation must be at most ${MAX_PASSPHRASE_LENGTH} characters.`);

/** Unlock form, and what createVault / unlockVault accept. */
export const unlockSchema = z.object({ passphrase: passphraseField("Master passphrase") });

/** Setup form: the passphrase twice. */
export const setupSchema = unlockSchema
  .extend({ confirm: confirmField })
  .refine((v) => v.passphrase === v.confirm, { path: ["confirm"], message: SETUP_MISMATCH });

/** What changePassphrase accepts: the current passphrase and the new one. */
export const rewrapSchema = z.object({
  current: passphraseField("Current passphrase"),
  next: passphraseField("New passphrase"),
});

/** Settings → change master passphrase: current, new, new again. */
export const changePassphraseSchema = rewrapSchema
  .extend({ confirm: confirmField })
  .refine((v) => v.next === v.confirm, { path: ["confirm"], message: CHANGE_MISMATCH })
  .refine((v) => v.next !== v.current, { path: ["next"], message: SAME_PASSPHRASE });

export type SetupInput = z.output<typeof setupSchema>;
export type UnlockInput = z.output<typeof unlockSchema>;
export type ChangePassphraseInput = z.output<typeof changePassphraseSchema>;
