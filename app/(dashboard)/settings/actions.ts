"use server";
import { z } from "zod";
import { changePassphrase } from "@/lib/vault/vault";
import { startSession } from "@/lib/session/session";
import { saveIdleMinutes } from "@/lib/settings/settings";
import { resetPolicy, savePolicy } from "@/lib/settings/audit-policy";
import { guardedCall, guardedForm } from "@/lib/session/guarded-action";
import type { FormState } from "@/lib/session/form-state";
import { changePassphraseSchema, MAX_PASSPHRASE_LENGTH } from "@/lib/vault/passphrase-schema";
import { passphraseStrength, type StrengthResult } from "@/lib/vault/passphrase-strength";
import { parseInput } from "@/lib/errors/parse-input";
import type { AuditPolicy } from "@/lib/audit";

export async function changePassphraseAction(_prev: FormState, form: FormData): Promise<FormState> {
  return guardedForm({ form, echo: false }, async (input) => {
    const { current, next } = parseInput(changePassphraseSchema, input.pick(["current", "next", "confirm"]));
    await changePassphrase(current, next);
    await startSession();
    return { ok: true, message: "Master passphrase changed. Other browser sessions were signed out." };
  });
}

/** The change-passphrase meter: the same rule changePassphrase applies (which also refuses the current one). */
export async function estimateNewPassphrase(passphrase: unknown, current: unknown): Promise<StrengthResult | null> {
  const r = await guardedCall(async () => {
    const p = z.tuple([z.string().max(MAX_PASSPHRASE_LENGTH), z.string().max(MAX_PASSPHRASE_LENGTH)]).safeParse([passphrase, current]);
    return { estimate: p.success ? passphraseStrength(p.data[0], p.data[1] ? [p.data[1]] : []) : null };
  });
  // A locked vault gets no estimate (and no error in the log): the meter just waits for the submit.
  return "estimate" in r ? r.estimate : null;
}

export async function idleTimeoutAction(_prev: FormState, form: FormData): Promise<FormState> {
  return guardedForm({ form }, async (input) => {
    const minutes = await saveIdleMinutes(input.text("idleMinutes"));
    return {
      ok: true,
      message: `Keywarden now locks after ${minutes === 1 ? "1 idle minute" : `${minutes} idle minutes`}.`,
      values: { idleMinutes: String(minutes) },
    };
  });
}

export async function policyAction(_prev: FormState, form: FormData): Promise<FormState> {
  return guardedForm({ form }, async (input) => {
    // The button is named "intent", not "reset": a control named "reset" would shadow form.reset(), which React calls.
    if (input.text("intent") === "reset") {
      const policy = await resetPolicy();
      return { ok: true, message: "Audit policy reset to the defaults. Every key was re-graded.", values: policyValues(policy) };
    }
    const { intent: _intent, ...fields } = input.all();
    const policy = await savePolicy(fields);
    return { ok: true, message: "Audit policy saved. Every key was re-graded.", values: policyValues(policy) };
  });
}

function policyValues(p: AuditPolicy): Record<string, string> {
  return Object.fromEntries(Object.entries(p).map(([k, v]) => [k, typeof v === "boolean" ? (v ? "on" : "") : String(v)]));
}
