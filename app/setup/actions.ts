"use server";
import { redirect } from "next/navigation";
import { z } from "zod";
import { createVault, vaultExists } from "@/lib/vault/vault";
import { startSession } from "@/lib/session/session";
import { guardedCall, guardedForm } from "@/lib/session/guarded-action";
import { MAX_PASSPHRASE_LENGTH, setupSchema } from "@/lib/vault/passphrase-schema";
import { passphraseStrength, type StrengthResult } from "@/lib/vault/passphrase-strength";
import { parseInput } from "@/lib/errors/parse-input";
import type { FormState } from "@/lib/session/form-state";

export async function setupAction(_prev: FormState, form: FormData): Promise<FormState> {
  const state = await guardedForm({ form, requireUnlocked: false, echo: false }, async (input) => {
    const { passphrase } = parseInput(setupSchema, input.pick(["passphrase", "confirm"]));
    await createVault(passphrase);
    await startSession();
  });
  if (state.ok) redirect("/");
  return state;
}

/** The setup meter: the same rule createVault applies. Nothing to answer once a vault exists (no session yet). */
export async function estimateSetupPassphrase(passphrase: unknown): Promise<StrengthResult | null> {
  const r = await guardedCall(
    async () => {
      const p = z.string().max(MAX_PASSPHRASE_LENGTH).safeParse(passphrase);
      return { estimate: !p.success || (await vaultExists()) ? null : passphraseStrength(p.data) };
    },
    { requireUnlocked: false },
  );
  return "estimate" in r ? r.estimate : null;
}
