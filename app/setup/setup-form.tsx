"use client";
import { useActionState, useState } from "react";
import { setupAction } from "./actions";
import { EMPTY_FORM_STATE } from "@/lib/session/form-state";
import { passphraseStrength } from "@/lib/vault/passphrase-strength";
import { Field, inputClass } from "@/components/field";
import { FormMessage } from "@/components/form-message";
import { SubmitButton } from "@/components/submit-button";

const LABELS = ["Very weak", "Weak", "Fair", "Strong", "Very strong"];
const BAR = ["bg-red-600", "bg-orange-500", "bg-amber-500", "bg-emerald-600", "bg-emerald-700"];
const WIDTH = ["w-1/5", "w-2/5", "w-3/5", "w-4/5", "w-full"];

export function SetupForm() {
  const [state, action] = useActionState(setupAction, EMPTY_FORM_STATE);
  const [pass, setPass] = useState("");
  const strength = passphraseStrength(pass);
  return (
    <form action={action} className="space-y-4" noValidate>
      <FormMessage state={state} />
      <Field id="passphrase" label="Master passphrase" errors={state.fieldErrors?.passphrase} hint="At least 12 characters. A few unrelated words are easy to type and hard to guess.">
        <input id="passphrase" name="passphrase" type="password" autoComplete="new-password" required value={pass} onChange={(e) => setPass(e.target.value)} aria-invalid={!!state.fieldErrors?.passphrase} aria-describedby="passphrase-hint passphrase-error strength" className={inputClass} />
      </Field>
      <div id="strength" aria-live="polite" className="space-y-1">
        <div className="h-2 w-full rounded bg-zinc-200 dark:bg-zinc-800">
          {pass && <div className={`h-2 rounded ${BAR[strength.score]} ${WIDTH[strength.score]}`} />}
        </div>
        <p className="text-xs text-zinc-700 dark:text-zinc-300">
          {pass ? `Strength: ${LABELS[strength.score]}${strength.reason ? ` — ${strength.reason}` : ""}` : "Strength: type a passphrase"}
        </p>
      </div>
      <Field id="confirm" label="Type it again" errors={state.fieldErrors?.confirm}>
        <input id="confirm" name="confirm" type="password" autoComplete="new-password" required aria-invalid={!!state.fieldErrors?.confirm} aria-describedby="confirm-error" className={inputClass} />
      </Field>
      <p className="text-sm text-zinc-700 dark:text-zinc-300">
        Keywarden cannot recover this passphrase. Without it, the stored keys cannot be opened — you would have to add them again.
      </p>
      <SubmitButton pendingText="Creating the vault…">Create vault</SubmitButton>
    </form>
  );
}
