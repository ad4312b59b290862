"use client";
import { deleteKeyAction, replaceSecretsAction } from "../actions";
import type { SecretFieldChoice } from "@/lib/keys/key-store";
import { Field, inputClass } from "@/components/field";
import { FormMessage } from "@/components/form-message";
import { SubmitButton } from "@/components/submit-button";
import { useActionForm } from "@/components/use-action-form";

const SECRET_FIELDS = ["apiKey", "secretKey", "passphrase"] as const;

const LABELS = { apiKey: "New API key", secretKey: "New secret key", passphrase: "New API passphrase" } as const;

/** One credential, or all three: the fields not asked for stay sealed as they are. */
export function ReplaceSecretsForm({ id, field }: { id: string; field: SecretFieldChoice }) {
  const fields = field === "all" ? SECRET_FIELDS : ([field] as const);
  // Secrets are never kept in the page longer than one submit: cleared after a refusal and after success.
  const { state, formAction, onSubmit, ref } = useActionForm(replaceSecretsAction.bind(null, id, field), undefined, {
    clearOnError: SECRET_FIELDS,
    resetOnSuccess: true,
  });
  return (
    <form ref={ref} action={formAction} onSubmit={onSubmit} className="max-w-xl space-y-3" noValidate>
      <FormMessage state={state} />
      {fields.map((k, i) => (
        <Field key={k} id={`new-${k}`} label={LABELS[k]} errors={state.fieldErrors?.[k]} warning={state.warnings?.[k]}>
          <input
            id={`new-${k}`}
            name={k}
            type={k === "apiKey" ? "text" : "password"}
            autoComplete="off"
            spellCheck={false}
            autoFocus={i === 0}
            aria-invalid={!!state.fieldErrors?.[k]}
            aria-describedby={`new-${k}-error`}
            className={`${inputClass} font-mono`}
          />
        </Field>
      ))}
      <SubmitButton pendingText="Replacing…">{field === "all" ? "Replace all three" : `Replace the ${LABELS[field].replace("New ", "")}`}</SubmitButton>
    </form>
  );
}

export function DeleteKeyForm({ id, label }: { id: string; label: string }) {
  const { state, formAction, onSubmit, ref } = useActionForm(deleteKeyAction.bind(null, id));
  return (
    <form ref={ref} action={formAction} onSubmit={onSubmit} className="max-w-xl space-y-3" noValidate>
      <FormMessage state={state} />
      <p className="text-sm text-zinc-700 dark:text-zinc-300">
        This removes “{label}”, its encrypted secrets and its check history from Keywarden. It does not delete the key on okx.com.
      </p>
      <Field id="confirm" label={`Type “${label}” to confirm`} errors={state.fieldErrors?.confirm}>
        <input
          id="confirm"
          name="confirm"
          autoComplete="off"
          defaultValue={state.values?.confirm ?? ""}
          aria-invalid={!!state.fieldErrors?.confirm}
          className={inputClass}
        />
      </Field>
      <SubmitButton variant="danger" pendingText="Deleting…">
        Delete “{label}”
      </SubmitButton>
    </form>
  );
}
