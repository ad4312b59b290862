"use client";
// The wizard's forms. Each is a small useActionState form around one server action, so every step works with the
// keyboard alone and announces its result (FormMessage is aria-live).
import { useActionState } from "react";
import { EMPTY_FORM_STATE, type FormState } from "@/lib/session/form-state";
import { Field, inputClass } from "@/components/field";
import { FormMessage } from "@/components/form-message";
import { SubmitButton } from "@/components/submit-button";

type Action = (prev: FormState, form: FormData) => Promise<FormState>;

/** A form that is just a button (plus hidden fields), with its result message. */
export function ActionButton({
  action,
  children,
  pendingText,
  variant,
  hidden,
}: {
  action: Action;
  children: React.ReactNode;
  pendingText?: string;
  variant?: "primary" | "danger";
  hidden?: Record<string, string>;
}) {
  const [state, formAction] = useActionState(action, EMPTY_FORM_STATE);
  return (
    <form action={formAction} className="space-y-2">
      <FormMessage state={state} />
      {Object.entries(hidden ?? {}).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <SubmitButton pendingText={pendingText} variant={variant}>
        {children}
      </SubmitButton>
    </form>
  );
}

export function NewKeyForm({
  action,
  defaultLabel,
  submitLabel,
  withLabel = true,
}: {
  action: Action;
  defaultLabel: string;
  submitLabel: string;
  withLabel?: boolean;
}) {
  const [state, formAction] = useActionState(action, EMPTY_FORM_STATE);
  const err = (k: string) => state.fieldErrors?.[k];
  return (
    <form action={formAction} className="max-w-xl space-y-3" noValidate>
      <FormMessage state={state} />
      {withLabel && (
        <Field id="rot-label" label="Label in Keywarden" errors={err("label")}>
          <input id="rot-label" name="label" defaultValue={state.values?.label ?? defaultLabel} className={inputClass} aria-invalid={!!err("label")} />
        </Field>
      )}
      {(["apiKey", "secretKey", "passphrase"] as const).map((k) => (
        <Field key={k} id={`rot-${k}`} label={{ apiKey: "New API key", secretKey: "New secret key", passphrase: "New API passphrase" }[k]} errors={err(k)}>
          <input
            id={`rot-${k}`}
            name={k}
            type={k === "apiKey" ? "text" : "password"}
            autoComplete="off"
            spellCheck={false}
            aria-invalid={!!err(k)}
            className={`${inputClass} font-mono`}
          />
        </Field>
      ))}
      <SubmitButton pendingText="Storing…">{submitLabel}</SubmitButton>
    </form>
  );
}

export function CreateKeyForm({
  action,
  defaultIps,
  ipRequired,
  submitLabel,
}: {
  action: Action;
  defaultIps: string;
  ipRequired: boolean;
  submitLabel: string;
}) {
  const [state, formAction] = useActionState(action, EMPTY_FORM_STATE);
  return (
    <form action={formAction} className="max-w-xl space-y-3" noValidate>
      <FormMessage state={state} />
      <Field
        id="rot-ips"
        label="Bind the new key to these IP addresses"
        errors={state.fieldErrors?.ips}
        hint={`Comma or space separated, at most 20.${ipRequired ? " Required: the key can trade." : ""}`}
      >
        <input
          id="rot-ips"
          name="ips"
          defaultValue={state.values?.ips ?? defaultIps}
          className={`${inputClass} font-mono`}
          aria-invalid={!!state.fieldErrors?.ips}
          aria-describedby="rot-ips-hint rot-ips-error"
        />
      </Field>
      <SubmitButton pendingText="Creating on OKX…">{submitLabel}</SubmitButton>
    </form>
  );
}

export function AbandonForm({ action, hasNewKey, automated }: { action: Action; hasNewKey: boolean; automated: boolean }) {
  const [state, formAction] = useActionState(action, EMPTY_FORM_STATE);
  return (
    <form action={formAction} className="max-w-xl space-y-3">
      <FormMessage state={state} />
      <p className="text-sm text-zinc-700 dark:text-zinc-300">
        The old key stays stored and working. {hasNewKey ? "The new key is kept (marked in its notes) unless you tick the box." : ""}
      </p>
      {hasNewKey && (
        <div className="flex items-center gap-2">
          <input id="deleteNewKey" name="deleteNewKey" type="checkbox" className="h-4 w-4" />
          <label htmlFor="deleteNewKey" className="text-sm">
            Also delete the new key{automated ? " (on OKX and in Keywarden)" : " from Keywarden (delete it on okx.com yourself)"}
          </label>
        </div>
      )}
      <SubmitButton variant="danger" pendingText="Abandoning…">
        Abandon rotation
      </SubmitButton>
    </form>
  );
}
