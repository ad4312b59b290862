"use client";
// Adopt (secret key and passphrase, verified by OKX before anything is stored) and Delete on OKX (typed name).
// Both name the key by its listing row id; the public key never reaches the browser.
import { adoptUnmanagedAction, deleteUnmanagedOnOkxAction } from "../actions";
import { PURPOSE_LABELS, PURPOSES, type Purpose } from "@/lib/domain";
import { Field, inputClass } from "@/components/field";
import { FormMessage } from "@/components/form-message";
import { SubmitButton } from "@/components/submit-button";
import { useActionForm } from "@/components/use-action-form";

const SECRETS = ["secretKey", "passphrase"] as const;

export function AdoptForm({ id, suggestedLabel, suggestedPurpose }: { id: number; suggestedLabel: string; suggestedPurpose: Purpose }) {
  // The secrets are cleared after every refusal: they are never echoed back into the page.
  const { state, formAction, onSubmit, ref } = useActionForm(adoptUnmanagedAction.bind(null, id), undefined, { clearOnError: SECRETS });
  const v = state.values ?? {};
  return (
    <form ref={ref} action={formAction} onSubmit={onSubmit} className="max-w-xl space-y-3" noValidate aria-labelledby="adopt">
      <FormMessage state={state} />
      <Field id="adopt-label" label="Label in Keywarden" errors={state.fieldErrors?.label}>
        <input
          id="adopt-label"
          name="label"
          defaultValue={v.label ?? suggestedLabel}
          autoComplete="off"
          aria-invalid={!!state.fieldErrors?.label}
          aria-describedby="adopt-label-error"
          className={inputClass}
        />
      </Field>
      <Field id="adopt-purpose" label="What it is for" errors={state.fieldErrors?.purpose}>
        <select
          id="adopt-purpose"
          name="purpose"
          defaultValue={v.purpose ?? suggestedPurpose}
          aria-invalid={!!state.fieldErrors?.purpose}
          className={inputClass}
        >
          {PURPOSES.map((p) => (
            <option key={p} value={p}>
              {PURPOSE_LABELS[p]}
            </option>
          ))}
        </select>
      </Field>
      <Field id="adopt-usedBy" label="Used by (optional, one per line: name @ host)" errors={state.fieldErrors?.usedBy}>
        <textarea id="adopt-usedBy" name="usedBy" rows={2} defaultValue={v.usedBy ?? ""} aria-invalid={!!state.fieldErrors?.usedBy} className={inputClass} />
      </Field>
      <Field
        id="adopt-secretKey"
        label="Secret key"
        hint="OKX showed it once, when the key was created: take it from the app that uses the key."
        errors={state.fieldErrors?.secretKey}
      >
        <input
          id="adopt-secretKey"
          name="secretKey"
          type="password"
          autoComplete="off"
          spellCheck={false}
          aria-invalid={!!state.fieldErrors?.secretKey}
          aria-describedby="adopt-secretKey-error"
          className={`${inputClass} font-mono`}
        />
      </Field>
      <Field id="adopt-passphrase" label="API passphrase" errors={state.fieldErrors?.passphrase}>
        <input
          id="adopt-passphrase"
          name="passphrase"
          type="password"
          autoComplete="off"
          spellCheck={false}
          aria-invalid={!!state.fieldErrors?.passphrase}
          aria-describedby="adopt-passphrase-error"
          className={inputClass}
        />
      </Field>
      <SubmitButton pendingText="Asking OKX…">Verify with OKX and adopt</SubmitButton>
    </form>
  );
}

export function DeleteOnOkxForm({ id, name, masterLabel }: { id: number; name: string; masterLabel: string }) {
  const { state, formAction, onSubmit, ref } = useActionForm(deleteUnmanagedOnOkxAction.bind(null, id));
  return (
    <form ref={ref} action={formAction} onSubmit={onSubmit} className="max-w-xl space-y-3" noValidate aria-labelledby="delete-on-okx">
      <FormMessage state={state} />
      <p className="text-sm text-zinc-700 dark:text-zinc-300">
        Keywarden asks OKX to delete this key through the master key “{masterLabel}”, then checks that OKX no longer lists it. Every app still using it stops
        working. This cannot be undone.
      </p>
      <Field id="confirm-okx" label={`Type “${name}” to confirm`} errors={state.fieldErrors?.confirm}>
        <input
          id="confirm-okx"
          name="confirm"
          autoComplete="off"
          defaultValue={state.values?.confirm ?? ""}
          aria-invalid={!!state.fieldErrors?.confirm}
          aria-describedby="confirm-okx-error"
          className={inputClass}
        />
      </Field>
      <SubmitButton variant="danger" pendingText="Deleting on OKX…">
        Delete on OKX
      </SubmitButton>
    </form>
  );
}
