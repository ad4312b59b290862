"use server";
import { redirect } from "next/navigation";
import { z } from "zod";
import { createVault, vaultExists } from "@/lib/vault/vault";
import { startSession } from "@/lib/session/session";
import { guardedForm } from "@/lib/session/guarded-action";
import { formFields, MAX_PASSPHRASE_LENGTH, setupSchema } from "@/lib/vault/passphrase-schema";
import { passphraseStrength, type StrengthResult } from "@/lib/vault/passphrase-strength";
import { parseInput } from "@/lib/errors/parse-input";
import type { FormState } from "@/lib/session/form-state";

export async function setupAction(_prev: FormState, form: FormData): Promise<FormState> {
  const state = await guardedForm(
    {},
    async () => {
      const { passphrase } = parseInput(setupSchema, formFields(form, ["passphrase", "confirm"]));
      await createVault(passphrase);
      await startSession();
    },
    { requireUnlocked: false, form },
  );
  if (state.ok) redirect("/");
  return state;
}

/** The setup meter: the same rule createVault applies. Nothing to answer once a vault exists (no session yet). */
export async function estimateSetupPassphrase(passphrase: unknown): Promise<StrengthResult | null> {
  const p = z.string().max(MAX_PASSPHRASE_LENGTH).safeParse(passphrase);
  if (!p.success || (await vaultExists())) return null;
  return passphraseStrength(p.data);
}
