"use client";
import { useActionState } from "react";
import { changePassphraseAction, idleTimeoutAction } from "./actions";
import { EMPTY_FORM_STATE } from "@/lib/session/form-state";
import { Field, inputClass } from "@/components/field";
import { FormMessage } from "@/components/form-message";
import { SubmitButton } from "@/components/submit-button";

export function IdleTimeoutForm({ minutes }: { minutes: number }) {
  const [state, action] = useActionState(idleTimeoutAction, EMPTY_FORM_STATE);
  return (
    <form action={action} className="max-w-sm space-y-3" noValidate>
      <FormMessage state={state} />
      <Field id="idleMinutes" label="Lock after this many idle minutes" errors={state.fieldErrors?.idleMinutes}>
        <input id="idleMinutes" name="idleMinutes" type="number" min={1} max={1440} defaultValue={state.values?.idleMinutes ?? minutes} aria-invalid={!!state.fieldErrors?.idleMinutes} className={inputClass} />
      </Field>
      <SubmitButton>Save</SubmitButton>
    </form>
  );
}

export function ChangePassphraseForm() {
  const [state, action] = useActionState(changePassphraseAction, EMPTY_FORM_STATE);
  return (
    <form action={action} className="max-w-sm space-y-3" noValidate>
      <FormMessage state={state} />
      <Field id="current" label="Current passphrase" errors={state.fieldErrors?.current}>
        <input id="current" name="current" type="password" autoComplete="current-password" aria-invalid={!!state.fieldErrors?.current} className={inputClass} />
      </Field>
      <Field id="next" label="New passphrase" errors={state.fieldErrors?.next}>
        <input id="next" name="next" type="password" autoComplete="new-password" aria-invalid={!!state.fieldErrors?.next} className={inputClass} />
      </Field>
      <Field id="confirm-next" label="New passphrase again" errors={state.fieldErrors?.confirm}>
        <input id="confirm-next" name="confirm" type="password" autoComplete="new-password" aria-invalid={!!state.fieldErrors?.confirm} className={inputClass} />
      </Field>
      <SubmitButton pendingText="Re-encrypting…">Change passphrase</SubmitButton>
    </form>
  );
}
