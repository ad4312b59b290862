"use client";
import { unlockAction } from "./actions";
import { Field, inputClass } from "@/components/field";
import { FormMessage } from "@/components/form-message";
import { SubmitButton } from "@/components/submit-button";
import { useActionForm } from "@/components/use-action-form";

export function UnlockForm({ waitSeconds, next }: { waitSeconds: number; next: string | null }) {
  // A wrong passphrase is cleared for the next try; focus goes back to the field or the message.
  const { state, formAction, onSubmit, ref } = useActionForm(unlockAction, undefined, { clearOnError: ["passphrase"] });
  return (
    <form ref={ref} action={formAction} onSubmit={onSubmit} className="space-y-4">
      {waitSeconds > 0 && !state.message && (
        <p role="status" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-200">
          Too many wrong passphrases: wait {waitSeconds} s before the next try.
        </p>
      )}
      {next && (
        <p className="text-sm text-zinc-700 dark:text-zinc-300">
          After unlocking you go back to the page you were on.
          <input type="hidden" name="next" value={next} />
        </p>
      )}
      <FormMessage state={state} />
      <Field id="passphrase" label="Master passphrase" errors={state.fieldErrors?.passphrase}>
        <input
          id="passphrase"
          name="passphrase"
          type="password"
          autoComplete="current-password"
          autoFocus
          required
          aria-invalid={!!state.fieldErrors?.passphrase}
          aria-describedby="passphrase-error"
          className={inputClass}
        />
      </Field>
      <SubmitButton pendingText="Unlocking…">Unlock</SubmitButton>
    </form>
  );
}
