"use server";
import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { addKey, deleteKey, replaceSecrets, updateKeyMetadata } from "@/lib/keys/key-store";
import { CREATED_UNKNOWN, secretWarnings } from "@/lib/keys/key-schema";
import { formValues, guardedForm } from "@/lib/session/guarded-action";
import type { FormState } from "@/lib/session/form-state";

const SECRET_FIELDS = ["apiKey", "secretKey", "passphrase"];

function metadataFrom(form: FormData) {
  return {
    label: String(form.get("label") ?? ""),
    region: String(form.get("region") ?? ""),
    host: String(form.get("host") ?? ""),
    demo: form.get("demo") === "on",
    purpose: String(form.get("purpose") ?? ""),
    usedBy: String(form.get("usedBy") ?? ""),
    // A date typed wins over the "I don't know" box (both can arrive when the page runs without JavaScript).
    createdOn: String(form.get("createdOn") ?? "") || (form.get("createdOnUnknown") === "on" ? CREATED_UNKNOWN : ""),
    notes: String(form.get("notes") ?? ""),
  };
}

function secretsFrom(form: FormData) {
  return { apiKey: String(form.get("apiKey") ?? ""), secretKey: String(form.get("secretKey") ?? ""), passphrase: String(form.get("passphrase") ?? "") };
}

export async function addKeyAction(_prev: FormState, form: FormData): Promise<FormState> {
  let id = "";
  const state = await guardedForm(formValues(form, SECRET_FIELDS), async () => {
    const key = await addKey({ ...metadataFrom(form), ...secretsFrom(form) });
    id = key.id;
  });
  if (state.ok) {
    revalidatePath("/keys");
    redirect(`/keys/${id}?added=1`);
  }
  return state;
}

export async function updateKeyAction(id: string, _prev: FormState, form: FormData): Promise<FormState> {
  const state = await guardedForm(formValues(form, SECRET_FIELDS), async () => {
    await updateKeyMetadata(id, metadataFrom(form));
  });
  if (state.ok) redirect(`/keys/${id}?saved=1`);
  return state;
}

export async function replaceSecretsAction(id: string, _prev: FormState, form: FormData): Promise<FormState> {
  const secrets = secretsFrom(form);
  return guardedForm({}, async () => {
    const key = await replaceSecrets(id, secrets);
    return { ok: true, message: `Secrets replaced. The key now shows as ${key.fingerprint}.`, warnings: secretWarnings(secrets) };
  });
}

export async function deleteKeyAction(id: string, _prev: FormState, form: FormData): Promise<FormState> {
  const state = await guardedForm(formValues(form), async () => {
    await deleteKey(id, String(form.get("confirm") ?? ""));
  });
  if (state.ok) {
    revalidatePath("/keys");
    redirect("/keys?deleted=1");
  }
  return state;
}
