"use client";
import { useActionState } from "react";
import { checkNowAction } from "@/app/(dashboard)/checks/actions";
import { EMPTY_FORM_STATE } from "@/lib/session/form-state";
import { FormMessage } from "@/components/form-message";
import { SubmitButton } from "@/components/submit-button";

export function CheckNowForm({ id }: { id: string }) {
  const [state, action] = useActionState(checkNowAction.bind(null, id), EMPTY_FORM_STATE);
  return (
    <form id="check-now" action={action} className="flex max-w-md flex-col items-start gap-2">
      <SubmitButton pendingText="Asking OKX…">Check now</SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}
