"use client";
// The owner vouching for the key's last use. OKX reports none, and does not document that Keywarden's read-only
// check counts as one, so this date (else the creation date) is what OKX's 14-day deletion countdown runs from.
import { useActionState } from "react";
import { setLastUsedAction } from "../actions";
import { EMPTY_FORM_STATE } from "@/lib/session/form-state";
import { Field, inputClass } from "@/components/field";
import { FormMessage } from "@/components/form-message";
import { SubmitButton } from "@/components/submit-button";

export function LastUseForm({ id, lastUsedOn, createdOn, today }: { id: string; lastUsedOn: string | null; createdOn: string; today: string }) {
  const [state, action] = useActionState(setLastUsedAction.bind(null, id), EMPTY_FORM_STATE);
  const err = state.fieldErrors?.lastUsedOn;
  return (
    <form action={action} className="max-w-xl space-y-3" noValidate>
      <Field
        id="lastUsedOn"
        label="Last used on"
        errors={err}
        hint="The last day one of its apps called OKX with it (the app's log shows it). Leave it empty if you do not know: the countdown then runs from the created-on date."
      >
        <input
          id="lastUsedOn"
          name="lastUsedOn"
          type="date"
          min={createdOn}
          max={today}
          defaultValue={state.values?.lastUsedOn ?? lastUsedOn ?? ""}
          aria-invalid={!!err}
          aria-describedby="lastUsedOn-hint lastUsedOn-error"
          className={`${inputClass} max-w-48`}
        />
      </Field>
      <SubmitButton pendingText="Saving…">Save last use</SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}
