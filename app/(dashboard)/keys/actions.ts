"use server";
import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { deleteKey, replaceSecretFields, SECRET_FIELD_CHOICES, setLastUsedOn, updateKeyMetadata, type SecretFieldChoice } from "@/lib/keys/key-store";
import { CREATED_UNKNOWN, secretWarnings } from "@/lib/keys/key-schema";
import { addAndCheckKey } from "@/lib/checks/add-and-check";
import { applySuggestedEntity } from "@/lib/checks/detection-log";
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
  return Object.fromEntries(SECRET_FIELDS.map((n) => [n, String(form.get(n) ?? "")])) as { apiKey: string; secretKey: string; passphrase: string };
}

export async function addKeyAction(_prev: FormState, form: FormData): Promise<FormState> {
  let id = "";
  const state = await guardedForm(formValues(form, SECRET_FIELDS), async () => {
    // Checked on save; the key page it redirects to shows what OKX said (a failed check never refuses the add).
    const { key } = await addAndCheckKey({ ...metadataFrom(form), ...secretsFrom(form) });
    id = key.id;
  }, { form });
  if (state.ok) {
    revalidatePath("/keys");
    redirect(`/keys/${id}?added=1`);
  }
  return state;
}

export async function updateKeyAction(id: string, _prev: FormState, form: FormData): Promise<FormState> {
  const state = await guardedForm(formValues(form, SECRET_FIELDS), async () => {
    await updateKeyMetadata(id, metadataFrom(form));
  }, { form, ids: [id] });
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
  return guardedForm({}, async () => {
    // Read inside the guard: a caller without a session (or with a non-FormData argument) gets the locked message.
    const which = z.enum(SECRET_FIELD_CHOICES).catch("all").parse(field);
    const names = which === "all" ? SECRET_FIELDS : [which];
    const secrets = Object.fromEntries(names.map((n) => [n, String(form.get(n) ?? "")]));
    const key = await replaceSecretFields(id, which, secrets);
    revalidatePath(`/keys/${id}`);
    return { ok: true, message: `${REPLACED[which]}. The key shows as ${key.fingerprint}. Check now on the key page to confirm OKX accepts it.`, warnings: secretWarnings(secrets) };
  }, { form, ids: [id] });
}

export async function deleteKeyAction(id: string, _prev: FormState, form: FormData): Promise<FormState> {
  const state = await guardedForm(formValues(form), async () => {
    await deleteKey(id, String(form.get("confirm") ?? ""));
  }, { form, ids: [id] });
  if (state.ok) {
    revalidatePath("/keys");
    redirect("/keys?deleted=1");
  }
  return state;
}

/** The owner vouching for the key's last use: what OKX's 14-day deletion countdown runs from. */
export async function setLastUsedAction(id: string, _prev: FormState, form: FormData): Promise<FormState> {
  const state = await guardedForm(formValues(form), async () => {
    const lastUsedOn = String(form.get("lastUsedOn") ?? "");
    await setLastUsedOn(id, { lastUsedOn });
    return { ok: true, message: lastUsedOn ? `Last use saved: the countdown now runs from ${lastUsedOn}.` : "Last use cleared: the countdown runs from the created-on date." };
  }, { form, ids: [id] });
  if (state.ok) revalidatePath(`/keys/${id}`);
  return state;
}

/** The key page's "use the host OKX found" button: only a suggestion detection made for the key as it is now. */
export async function applyEntityAction(id: string, _prev: FormState): Promise<FormState> {
  const state = await guardedForm({}, async () => {
    await applySuggestedEntity(id);
  }, { ids: [id] });
  if (state.ok) redirect(`/keys/${id}?saved=1`);
  return state;
}
