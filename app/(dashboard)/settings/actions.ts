"use server";
import { changePassphrase } from "@/lib/vault/vault";
import { startSession } from "@/lib/session/session";
import { idleMinutesSchema, writeSetting } from "@/lib/settings/settings";
import { setIdleMs } from "@/lib/vault/keyring";
import { recordEvent } from "@/lib/audit-log/record";
import { ValidationError } from "@/lib/errors/app-error";
import { formValues, guardedForm } from "@/lib/session/guarded-action";
import type { FormState } from "@/lib/session/form-state";

export async function changePassphraseAction(_prev: FormState, form: FormData): Promise<FormState> {
  return guardedForm({}, async () => {
    const next = String(form.get("next") ?? "");
    if (next !== String(form.get("confirm") ?? "")) throw new ValidationError({ confirm: ["The two new passphrases do not match."] });
    await changePassphrase(String(form.get("current") ?? ""), next);
    await startSession();
    return { ok: true, message: "Master passphrase changed. Other browser sessions were signed out." };
  });
}

export async function idleTimeoutAction(_prev: FormState, form: FormData): Promise<FormState> {
  return guardedForm(formValues(form), async () => {
    const parsed = idleMinutesSchema.safeParse(form.get("idleMinutes"));
    if (!parsed.success) throw new ValidationError({ idleMinutes: parsed.error.issues.map((i) => i.message) });
    await writeSetting("idleMinutes", parsed.data);
    setIdleMs(parsed.data * 60_000);
    await recordEvent({ action: "settings.idle-timeout", detail: { minutes: parsed.data } });
    return { ok: true, message: `Keywarden now locks after ${parsed.data} idle minutes.`, values: { idleMinutes: String(parsed.data) } };
  });
}
