"use server";
import { redirect } from "next/navigation";
import { createVault } from "@/lib/vault/vault";
import { startSession } from "@/lib/session/session";
import { guardedForm } from "@/lib/session/guarded-action";
import { ValidationError } from "@/lib/errors/app-error";
import type { FormState } from "@/lib/session/form-state";

export async function setupAction(_prev: FormState, form: FormData): Promise<FormState> {
  const passphrase = String(form.get("passphrase") ?? "");
  const confirm = String(form.get("confirm") ?? "");
  const state = await guardedForm(
    {},
    async () => {
      if (passphrase !== confirm) throw new ValidationError({ confirm: ["The two passphrases do not match."] });
      await createVault(passphrase);
      await startSession();
    },
    { requireUnlocked: false },
  );
  if (state.ok) redirect("/");
  return state;
}
