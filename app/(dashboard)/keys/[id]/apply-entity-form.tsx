"use client";
import { useActionState } from "react";
import { applyEntityAction } from "../actions";
import { EMPTY_FORM_STATE } from "@/lib/session/form-state";
import { FormMessage } from "@/components/form-message";
import { SubmitButton } from "@/components/submit-button";

export function ApplyEntityForm({ id, label }: { id: string; label: string }) {
  const [state, action] = useActionState(applyEntityAction.bind(null, id), EMPTY_FORM_STATE);
  return (
    <form action={action} className="flex flex-col items-start gap-2">
      <SubmitButton pendingText="Switching…">{label}</SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}
