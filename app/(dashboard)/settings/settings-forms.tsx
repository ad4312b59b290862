"use client";
import { useState } from "react";
import { changePassphraseAction, estimateNewPassphrase, idleTimeoutAction } from "./actions";
import { Field, inputClass } from "@/components/field";
import { FormMessage } from "@/components/form-message";
import { PassphraseMeter } from "@/components/passphrase-meter";
import { SubmitButton } from "@/components/submit-button";
import { useActionForm } from "@/components/use-action-form";

export function IdleTimeoutForm({ minutes }: { minutes: number }) {
  const { state, formAction, onSubmit, ref } = useActionForm(idleTimeoutAction);
  return (
    <form ref={ref} action={formAction} onSubmit={onSubmit} className="max-w-sm space-y-3" noValidate>
      <FormMessage state={state} />
      <Field id="idleMinutes" label="Lock after this many idle minutes" errors={state.fieldErrors?.idleMinutes}>
        <input
          id="idleMinutes"
          name="idleMinutes"
          type="number"
          min={1}
          max={1440}
          defaultValue={state.values?.idleMinutes ?? minutes}
          aria-invalid={!!state.fieldErrors?.idleMinutes}
          className={inputClass}
        />
      </Field>
      <SubmitButton>Save</SubmitButton>
    </form>
  );
}

export function ChangePassphraseForm() {
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  // Everything typed stays after a refusal (the user fixes one field); a changed passphrase clears the form.
  const { state, formAction, onSubmit, ref } = useActionForm(changePassphraseAction, undefined, {
    resetOnSuccess: true,
    onCleared: () => (setNext(""), setCurrent("")),
  });
  return (
    <form ref={ref} action={formAction} onSubmit={onSubmit} className="max-w-sm space-y-3" noValidate>
      <FormMessage state={state} />
      <Field id="current" label="Current passphrase" errors={state.fieldErrors?.current}>
        <input
          id="current"
          name="current"
          type="password"
          autoComplete="current-password"
          value={current}
          onChange={(e) => setCurrent(e.target.value)}
          aria-invalid={!!state.fieldErrors?.current}
          aria-describedby="current-error"
          className={inputClass}
        />
      </Field>
      <Field id="next" label="New passphrase" errors={state.fieldErrors?.next} hint="At least 12 characters, and not the current one.">
        <input
          id="next"
          name="next"
          type="password"
          autoComplete="new-password"
          value={next}
          onChange={(e) => setNext(e.target.value)}
          aria-invalid={!!state.fieldErrors?.next}
          aria-describedby="next-hint next-error next-strength"
          className={inputClass}
        />
      </Field>
      <PassphraseMeter id="next-strength" value={next} current={current} estimate={estimateNewPassphrase} />
      <Field id="confirm-next" label="New passphrase again" errors={state.fieldErrors?.confirm}>
        <input
          id="confirm-next"
          name="confirm"
          type="password"
          autoComplete="new-password"
          aria-invalid={!!state.fieldErrors?.confirm}
          aria-describedby="confirm-next-error"
          className={inputClass}
        />
      </Field>
      <SubmitButton pendingText="Re-encrypting…">Change passphrase</SubmitButton>
    </form>
  );
}
