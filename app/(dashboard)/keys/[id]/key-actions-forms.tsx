"use client";
import { useActionState } from "react";
import { deleteKeyAction, replaceSecretsAction } from "../actions";
import { EMPTY_FORM_STATE } from "@/lib/session/form-state";
import { Field, inputClass } from "@/components/field";
import { FormMessage } from "@/components/form-message";
import { SubmitButton } from "@/components/submit-button";

export function ReplaceSecretsForm({ id }: { id: string }) {
  const [state, action] = useActionState(replaceSecretsAction.bind(null, id), EMPTY_FORM_STATE);
  return (
    <form action={action} className="max-w-xl space-y-3" noValidate>
      <FormMessage state={state} />
      {(["apiKey", "secretKey", "passphrase"] as const).map((k) => (
        <Field key={k} id={`new-${k}`} label={{ apiKey: "New API key", secretKey: "New secret key", passphrase: "New API passphrase" }[k]} errors={state.fieldErrors?.[k]} warning={state.warnings?.[k]}>
          <input id={`new-${k}`} name={k} type={k === "apiKey" ? "text" : "password"} autoComplete="off" spellCheck={false} aria-invalid={!!state.fieldErrors?.[k]} className={`${inputClass} font-mono`} />
        </Field>
      ))}
      <SubmitButton pendingText="Replacing…">Replace secrets</SubmitButton>
    </form>
  );
}

export function DeleteKeyForm({ id, label }: { id: string; label: string }) {
  const [state, action] = useActionState(deleteKeyAction.bind(null, id), EMPTY_FORM_STATE);
  return (
    <form action={action} className="max-w-xl space-y-3" noValidate>
      <FormMessage state={state} />
      <p className="text-sm text-zinc-700 dark:text-zinc-300">
        This removes “{label}”, its encrypted secrets and its check history from Keywarden. It does not delete the key on okx.com.
      </p>
      <Field id="confirm" label={`Type “${label}” to confirm`} errors={state.fieldErrors?.confirm}>
        <input id="confirm" name="confirm" autoComplete="off" defaultValue={state.values?.confirm ?? ""} aria-invalid={!!state.fieldErrors?.confirm} className={inputClass} />
      </Field>
      <SubmitButton variant="danger" pendingText="Deleting…">Delete “{label}”</SubmitButton>
    </form>
  );
}
