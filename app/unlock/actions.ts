"use server";
import { redirect } from "next/navigation";
import { lockVault, unlockVault } from "@/lib/vault/vault";
import { endSession, hasValidSession, startSession } from "@/lib/session/session";
import { guardedForm } from "@/lib/session/guarded-action";
import type { FormState } from "@/lib/session/form-state";
import { unlockSchema } from "@/lib/vault/passphrase-schema";
import { parseInput } from "@/lib/errors/parse-input";
import { safeNextPath } from "@/lib/http/safe-next";

export async function unlockAction(_prev: FormState, form: FormData): Promise<FormState> {
  let next: string | null = null;
  const state = await guardedForm({ form, requireUnlocked: false, echo: false }, async (input) => {
    const { passphrase } = parseInput(unlockSchema, input.pick(["passphrase"]));
    await unlockVault(passphrase);
    await startSession();
    // Checked again here: the form's hidden field is the browser's to change.
    next = safeNextPath(input.text("next"));
  });
  if (state.ok) redirect(next ?? "/");
  return state;
}

export async function lockAction(): Promise<void> {
  // Only a signed-in browser locks the vault for everyone; without a session this just clears the cookie, so
  // no other local caller can lock the user out.
  const signedIn = await hasValidSession();
  await endSession();
  if (signedIn) await lockVault("web", "manual");
  redirect("/unlock");
}
