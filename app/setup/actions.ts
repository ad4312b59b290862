"use server";
import { redirect } from "next/navigation";
import { createVault } from "@/lib/vault/vault";
import { startSession } from "@/lib/session/session";
import { guardedForm } from "@/lib/session/guarded-action";
import { formFields, setupSchema } from "@/lib/vault/passphrase-schema";
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
    { requireUnlocked: false },
  );
  if (state.ok) redirect("/");
  return state;
}
