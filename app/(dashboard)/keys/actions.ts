"use server";
import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { deleteKey, replaceSecretFields, SECRET_FIELD_CHOICES, setLastUsedOn, updateKeyMetadata, type SecretFieldChoice } from "@/lib/keys/key-store";
import { secretWarnings } from "@/lib/keys/key-schema";
import { addAndCheckKey } from "@/lib/checks/add-and-check";
import { applySuggestedEntity } from "@/lib/checks/detection-log";
import { guardedForm } from "@/lib/session/guarded-action";
import { keyMetadataFields, keySecretFields } from "@/lib/keys/key-form-fields";
import type { FormState } from "@/lib/session/form-state";

export async function addKeyAction(_prev: FormState, form: FormData): Promise<FormState> {
  let id = "";
  const state = await guardedForm({ form }, async (input) => {
    // Checked on save; the key page it redirects to shows what OKX said (a failed check never refuses the add).
    const { key } = await addAndCheckKey({ ...keyMetadataFields(input), ...keySecretFields(input) });
    id = key.id;
  });
  if (state.ok) {
    revalidatePath("/keys");
    redirect(`/keys/${id}?added=1`);
  }
  return state;
}

export async function updateKeyAction(id: string, _prev: FormState, form: FormData): Promise<FormState> {
  const state = await guardedForm({ form, ids: [id] }, async (input) => {
    await updateKeyMetadata(id, keyMetadataFields(input));
  });
  if (state.ok) redirect(`/keys/${id}?saved=1`);
  return state;
}

const REPLACED: Record<SecretFieldChoice, string> = {
  all: "Secrets replaced",
  apiKey: "API key replaced (the secret key and passphrase stay as they were)",
  secretKey: "Secret key replaced (the API key and passphrase stay as they were)",
  passphrase: "Passphrase replaced (the API key and secret key stay as they were)",
};

export async function replaceSecretsAction(id: string, field: SecretFieldChoice, _prev: FormState, form: FormData): Promise<FormState> {
  return guardedForm({ form, ids: [id] }, async (input) => {
    // Read inside the guard: a caller without a session (or with a non-FormData argument) gets the locked message.
    const which = z.enum(SECRET_FIELD_CHOICES).catch("all").parse(field);
    const all = keySecretFields(input);
    const secrets = which === "all" ? all : { [which]: all[which] };
    const key = await replaceSecretFields(id, which, secrets);
    revalidatePath(`/keys/${id}`);
    return {
      ok: true,
      message: `${REPLACED[which]}. The key shows as ${key.fingerprint}. Check now on the key page to confirm OKX accepts it.`,
      warnings: secretWarnings(secrets),
    };
  });
}

export async function deleteKeyAction(id: string, _prev: FormState, form: FormData): Promise<FormState> {
  const state = await guardedForm({ form, ids: [id] }, async (input) => {
    await deleteKey(id, input.text("confirm"));
  });
  if (state.ok) {
    revalidatePath("/keys");
    redirect("/keys?deleted=1");
  }
  return state;
}

/** The owner vouching for the key's last use: what OKX's 14-day deletion countdown runs from. */
export async function setLastUsedAction(id: string, _prev: FormState, form: FormData): Promise<FormState> {
  const state = await guardedForm({ form, ids: [id] }, async (input) => {
    const lastUsedOn = input.text("lastUsedOn");
    await setLastUsedOn(id, { lastUsedOn });
    return {
      ok: true,
      message: lastUsedOn ? `Last use saved: the countdown now runs from ${lastUsedOn}.` : "Last use cleared: the countdown runs from the created-on date.",
    };
  });
  if (state.ok) revalidatePath(`/keys/${id}`);
  return state;
}

/** The key page's "use the host OKX found" button: only a suggestion detection made for the key as it is now. */
export async function applyEntityAction(id: string, _prev: FormState): Promise<FormState> {
  const state = await guardedForm({ ids: [id] }, async () => {
    await applySuggestedEntity(id);
  });
  if (state.ok) redirect(`/keys/${id}?saved=1`);
  return state;
}
