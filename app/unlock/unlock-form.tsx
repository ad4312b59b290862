"use client";
import { useActionState } from "react";
import { unlockAction } from "./actions";
import { EMPTY_FORM_STATE } from "@/lib/session/form-state";
import { Field, inputClass } from "@/components/field";
import { FormMessage } from "@/components/form-message";
import { SubmitButton } from "@/components/submit-button";

export function UnlockForm({ waitSeconds }: { waitSeconds: number }) {
  const [state, action] = useActionState(unlockAction, EMPTY_FORM_STATE);
  return (
    <form action={action} className="space-y-4">
      {waitSeconds > 0 && !state.message && (
        <p role="status" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-200">
          Too many wrong passphrases: wait {waitSeconds} s before the next try.
        </p>
      )}
      <FormMessage state={state} />
      <Field id="passphrase" label="Master passphrase" errors={state.fieldErrors?.passphrase}>
        <input id="passphrase" name="passphrase" type="password" autoComplete="current-password" autoFocus required className={inputClass} />
      </Field>
      <SubmitButton pendingText="Unlocking…">Unlock</SubmitButton>
    </form>
  );
}
