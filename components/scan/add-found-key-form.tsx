"use client";
// Adds a key the scan found: the user names it and says what it is for; the secret and passphrase are read from the
// file on the server (this form never has them).
import { useActionState } from "react";
import { EMPTY_FORM_STATE, type FormState } from "@/lib/session/form-state";
import { Field, inputClass } from "@/components/field";
import { FormMessage } from "@/components/form-message";
import { SubmitButton } from "@/components/submit-button";
import { PURPOSE_LABELS, PURPOSES } from "@/lib/domain";

export function AddFoundKeyForm({
  action,
  idPrefix,
  defaultLabel,
}: {
  action: (prev: FormState, form: FormData) => Promise<FormState>;
  idPrefix: string;
  defaultLabel: string;
}) {
  const [state, formAction] = useActionState(action, EMPTY_FORM_STATE);
  const err = (k: string) => state.fieldErrors?.[k];
  const v = (k: string, d = "") => state.values?.[k] ?? d;
  return (
    <form action={formAction} className="max-w-xl space-y-3" noValidate>
      <FormMessage state={state} />
      <Field id={`${idPrefix}-label`} label="Label in Keywarden" errors={err("label")}>
        <input id={`${idPrefix}-label`} name="label" defaultValue={v("label", defaultLabel)} className={inputClass} aria-invalid={!!err("label")} />
      </Field>
      <Field id={`${idPrefix}-purpose`} label="What is it for?" errors={err("purpose")}>
        <select id={`${idPrefix}-purpose`} name="purpose" defaultValue={v("purpose", "trade")} className={inputClass}>
          {PURPOSES.map((p) => (
            <option key={p} value={p}>
              {PURPOSE_LABELS[p]}
            </option>
          ))}
        </select>
      </Field>
      <Field
        id={`${idPrefix}-created`}
        label="Created on okx.com"
        errors={err("createdOn")}
        hint="Leave “I don't know” ticked if you are not sure: the age is then reported as unknown."
      >
        <input id={`${idPrefix}-created`} name="createdOn" type="date" defaultValue={v("createdOn")} className={inputClass} aria-invalid={!!err("createdOn")} />
      </Field>
      <div className="flex items-center gap-2">
        <input id={`${idPrefix}-unknown`} name="createdOnUnknown" type="checkbox" defaultChecked={v("createdOnUnknown", "on") === "on"} className="h-4 w-4" />
        <label htmlFor={`${idPrefix}-unknown`} className="text-sm">
          I don&apos;t know when it was created
        </label>
      </div>
      <SubmitButton pendingText="Adding and checking…">Add this key and check it</SubmitButton>
    </form>
  );
}
