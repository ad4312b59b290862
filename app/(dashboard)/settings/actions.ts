"use server";
import { changePassphrase } from "@/lib/vault/vault";
import { startSession } from "@/lib/session/session";
import { idleMinutesSchema, writeSetting } from "@/lib/settings/settings";
import { setIdleMs } from "@/lib/vault/keyring";
import { recordEvent } from "@/lib/event-log/record";
import { ValidationError } from "@/lib/errors/app-error";
import { formValues, guardedForm } from "@/lib/session/guarded-action";
import type { FormState } from "@/lib/session/form-state";
import { changePassphraseSchema, formFields, MAX_PASSPHRASE_LENGTH } from "@/lib/vault/passphrase-schema";
import { passphraseStrength, type StrengthResult } from "@/lib/vault/passphrase-strength";
import { requireSession } from "@/lib/session/session";
import { z } from "zod";
import { parseInput } from "@/lib/errors/parse-input";
import { DEFAULT_POLICY, policySchema, type AuditPolicy } from "@/lib/audit";
import { savePolicy } from "@/lib/reports/vault-report";

export async function changePassphraseAction(_prev: FormState, form: FormData): Promise<FormState> {
  return guardedForm({}, async () => {
    const { current, next } = parseInput(changePassphraseSchema, formFields(form, ["current", "next", "confirm"]));
    await changePassphrase(current, next);
    await startSession();
    return { ok: true, message: "Master passphrase changed. Other browser sessions were signed out." };
  }, { form });
}

/** The change-passphrase meter: the same rule changePassphrase applies (which also refuses the current one). */
export async function estimateNewPassphrase(passphrase: unknown, current: unknown): Promise<StrengthResult | null> {
  // A locked vault gets no estimate (and no error in the log): the meter just waits for the submit.
  if (!(await requireSession().then(() => true, () => false))) return null;
  const p = z.tuple([z.string().max(MAX_PASSPHRASE_LENGTH), z.string().max(MAX_PASSPHRASE_LENGTH)]).safeParse([passphrase, current]);
  return p.success ? passphraseStrength(p.data[0], p.data[1] ? [p.data[1]] : []) : null;
}

export async function idleTimeoutAction(_prev: FormState, form: FormData): Promise<FormState> {
  return guardedForm(formValues(form), async () => {
    const parsed = idleMinutesSchema.safeParse(form.get("idleMinutes"));
    if (!parsed.success) throw new ValidationError({ idleMinutes: parsed.error.issues.map((i) => i.message) });
    await writeSetting("idleMinutes", parsed.data);
    setIdleMs(parsed.data * 60_000);
    await recordEvent({ action: "settings.idle-timeout", detail: { minutes: parsed.data } });
    return { ok: true, message: `Keywarden now locks after ${parsed.data === 1 ? "1 idle minute" : `${parsed.data} idle minutes`}.`, values: { idleMinutes: String(parsed.data) } };
  }, { form });
}

export async function policyAction(_prev: FormState, form: FormData): Promise<FormState> {
  const values = formValues(form);
  return guardedForm(values, async () => {
    // The button is named "intent", not "reset": a control named "reset" would shadow form.reset(), which React calls.
    if (form.get("intent") === "reset") {
      await savePolicy({ ...DEFAULT_POLICY });
      await recordEvent({ action: "settings.policy-reset" });
      return { ok: true, message: "Audit policy reset to the defaults. Every key was re-graded.", values: policyValues(DEFAULT_POLICY) };
    }
    const { intent: _intent, ...fields } = values;
    const policy = parseInput(policySchema, fields);
    await savePolicy(policy);
    await recordEvent({ action: "settings.policy", detail: { ...policy } });
    return { ok: true, message: "Audit policy saved. Every key was re-graded.", values: policyValues(policy) };
  }, { form });
}

function policyValues(p: AuditPolicy): Record<string, string> {
  return Object.fromEntries(Object.entries(p).map(([k, v]) => [k, typeof v === "boolean" ? (v ? "on" : "") : String(v)]));
}
