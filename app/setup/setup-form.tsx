"use client";
import { useState } from "react";
import { estimateSetupPassphrase, setupAction } from "./actions";
import { Field, inputClass } from "@/components/field";
import { FormMessage } from "@/components/form-message";
import { PassphraseMeter } from "@/components/passphrase-meter";
import { SubmitButton } from "@/components/submit-button";
import { useActionForm } from "@/components/use-action-form";

export function SetupForm() {
  const { state, formAction, onSubmit, ref } = useActionForm(setupAction);
  const [pass, setPass] = useState("");
  return (
    <form ref={ref} action={formAction} onSubmit={onSubmit} className="space-y-4" noValidate>
      <FormMessage state={state} />
      <Field
        id="passphrase"
        label="Master passphrase"
        errors={state.fieldErrors?.passphrase}
        hint="At least 12 characters. A few unrelated words are easy to type and hard to guess."
      >
        <input
          id="passphrase"
          name="passphrase"
          type="password"
          autoComplete="new-password"
          required
          value={pass}
          onChange={(e) => setPass(e.target.value)}
          aria-invalid={!!state.fieldErrors?.passphrase}
          aria-describedby="passphrase-hint passphrase-error strength"
          className={inputClass}
        />
      </Field>
      <PassphraseMeter id="strength" value={pass} estimate={estimateSetupPassphrase} />
      <Field id="confirm" label="Type it again" errors={state.fieldErrors?.confirm}>
        <input
          id="confirm"
          name="confirm"
          type="password"
          autoComplete="new-password"
          required
          aria-invalid={!!state.fieldErrors?.confirm}
          aria-describedby="confirm-error"
          className={inputClass}
        />
      </Field>
      <p className="text-sm text-zinc-700 dark:text-zinc-300">
        Keywarden cannot recover this passphrase. Without it, the stored keys cannot be opened — you would have to add them again.
      </p>
      <SubmitButton pendingText="Creating the vault…">Create vault</SubmitButton>
    </form>
  );
}
