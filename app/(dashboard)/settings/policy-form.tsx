"use client";
import { policyAction } from "./actions";
import type { AuditPolicy } from "@/lib/audit";
import { Field, inputClass } from "@/components/field";
import { FormMessage } from "@/components/form-message";
import { SubmitButton } from "@/components/submit-button";
import { useActionForm } from "@/components/use-action-form";

const FIELDS: { name: keyof AuditPolicy; label: string; hint: string }[] = [
  { name: "ageWarnDays", label: "Warn when a key is older than (days)", hint: "Low-severity reminder." },
  { name: "ageDueDays", label: "Rotation due after (days)", hint: "Medium severity." },
  { name: "ageOverdueDays", label: "Rotation overdue after (days)", hint: "High severity." },
  { name: "staleCheckDays", label: "A check is stale after (days)", hint: "No successful answer from OKX for this long." },
  { name: "okxDeletionDays", label: "OKX deletes unbound trading keys after (days)", hint: "OKX documents 14 days without use." },
  { name: "deletionCriticalDays", label: "Deletion countdown is critical under (days)", hint: "" },
];

export function PolicyForm({ policy }: { policy: AuditPolicy }) {
  const { state, formAction, onSubmit, ref } = useActionForm(policyAction);
  const v = state.values;
  return (
    <form ref={ref} action={formAction} onSubmit={onSubmit} className="max-w-2xl space-y-4" noValidate>
      <FormMessage state={state} />
      <div className="grid gap-4 sm:grid-cols-2">
        {FIELDS.map((f) => (
          <Field key={f.name} id={f.name} label={f.label} hint={f.hint || undefined} errors={state.fieldErrors?.[f.name]}>
            <input
              id={f.name}
              name={f.name}
              type="number"
              inputMode="numeric"
              defaultValue={v?.[f.name] ?? String(policy[f.name])}
              aria-invalid={!!state.fieldErrors?.[f.name]}
              aria-describedby={`${f.name}-hint ${f.name}-error`}
              className={inputClass}
            />
          </Field>
        ))}
      </div>
      <div className="flex items-center gap-2">
        <input
          id="readOnlyNeedsIp"
          name="readOnlyNeedsIp"
          type="checkbox"
          defaultChecked={v ? v.readOnlyNeedsIp === "on" : policy.readOnlyNeedsIp}
          className="h-4 w-4"
        />
        <label htmlFor="readOnlyNeedsIp" className="text-sm">
          Read-only keys must be IP-bound too (high severity instead of medium)
        </label>
      </div>
      <div className="flex gap-3">
        <SubmitButton>Save policy</SubmitButton>
        <button
          type="submit"
          name="intent"
          value="reset"
          className="rounded-md border border-zinc-300 px-4 py-2 text-sm hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800"
        >
          Reset to defaults
        </button>
      </div>
    </form>
  );
}
