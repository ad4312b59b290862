"use client";
// Add and edit share one form. After a refusal every field keeps what was typed or chosen except the secrets,
// which the user re-enters (useActionForm); unusual-but-possible secrets get a warning as they are typed.
import { useState } from "react";
import { PURPOSE_LABELS, PURPOSES, REGIONS } from "@/lib/domain";
import { REGION_CHOICE_LABELS, REGION_CHOICES, secretWarnings } from "@/lib/keys/key-schema";
import type { FormState } from "@/lib/session/form-state";
import { Field, inputClass } from "./field";
import { FormMessage } from "./form-message";
import { SubmitButton } from "./submit-button";
import { useActionForm } from "./use-action-form";

const SECRET_FIELDS = ["apiKey", "secretKey", "passphrase"] as const;

export interface KeyFormDefaults {
  label: string;
  region: string;
  host: string;
  demo: boolean;
  purpose: string;
  usedBy: string;
  /** "" with createdOnUnknown: the user said they do not know. */
  createdOn: string;
  createdOnUnknown: boolean;
  notes: string;
}

type Action = (prev: FormState, form: FormData) => Promise<FormState>;

export function KeyForm({
  action,
  defaults,
  withSecrets,
  submitLabel,
  focusLabel = false,
}: {
  action: Action;
  defaults: KeyFormDefaults;
  withSecrets: boolean;
  submitLabel: string;
  focusLabel?: boolean;
}) {
  const [typed, setTyped] = useState<Record<string, string>>({});
  const { state, formAction, onSubmit, ref } = useActionForm(action, undefined, {
    clearOnError: withSecrets ? SECRET_FIELDS : [],
    onCleared: () => setTyped({}),
  });
  const warnings = secretWarnings(typed);
  const v = state.values ?? {};
  const val = (k: keyof KeyFormDefaults) => (k in v ? v[k] : String(defaults[k]));
  const [createdUnknown, setCreatedUnknown] = useState(state.values ? v.createdOnUnknown === "on" : defaults.createdOnUnknown);
  const err = (k: string) => state.fieldErrors?.[k];
  const aria = (k: string) => ({ "aria-invalid": !!err(k), "aria-describedby": `${k}-hint ${k}-error` });
  const today = new Date().toISOString().slice(0, 10);

  return (
    <form ref={ref} action={formAction} onSubmit={onSubmit} className="space-y-5" noValidate>
      <FormMessage state={state} />
      <Field id="label" label="Label" errors={err("label")} hint="How you recognise the key, e.g. “freqtrade BTC grid”.">
        <input id="label" name="label" autoFocus={focusLabel} defaultValue={val("label")} maxLength={200} className={inputClass} {...aria("label")} />
      </Field>

      {withSecrets && (
        <fieldset className="space-y-4 rounded-md border border-zinc-200 p-4 dark:border-zinc-700">
          <legend className="px-1 text-sm font-medium">Credentials (stored encrypted; never shown again)</legend>
          {SECRET_FIELDS.map((k) => (
            <Field key={k} id={k} label={{ apiKey: "API key", secretKey: "Secret key", passphrase: "API passphrase" }[k]} errors={err(k)} warning={warnings[k]}>
              <input
                id={k}
                name={k}
                type={k === "apiKey" ? "text" : "password"}
                autoComplete="off"
                spellCheck={false}
                className={`${inputClass} font-mono`}
                onChange={(e) => setTyped((t) => ({ ...t, [k]: e.target.value }))}
                {...aria(k)}
              />
            </Field>
          ))}
        </fieldset>
      )}

      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="purpose" label="What is it for?" errors={err("purpose")} hint="Keywarden compares the key's real permissions with what this purpose needs.">
          <select id="purpose" name="purpose" defaultValue={val("purpose")} className={inputClass} {...aria("purpose")}>
            {PURPOSES.map((p) => (
              <option key={p} value={p}>
                {PURPOSE_LABELS[p]}
              </option>
            ))}
          </select>
        </Field>
        <Field
          id="region"
          label="OKX region"
          errors={err("region")}
          hint={
            withSecrets
              ? "Detect: on save Keywarden asks each OKX entity's host, live and demo, which one knows the key."
              : "The OKX entity the account belongs to."
          }
        >
          <select id="region" name="region" defaultValue={val("region")} className={inputClass} {...aria("region")}>
            {/* Only a new key can be detected on save; a stored key is re-detected by its checks when its host stops knowing it. */}
            {(withSecrets ? REGION_CHOICES : REGIONS).map((r) => (
              <option key={r} value={r}>
                {REGION_CHOICE_LABELS[r]}
              </option>
            ))}
          </select>
        </Field>
        <Field
          id="host"
          label="OKX host (optional)"
          errors={err("host")}
          hint="Leave empty to use the region's host. Fill in only if OKX tells you to use another one, e.g. https://us.okx.com."
        >
          <input
            id="host"
            name="host"
            inputMode="url"
            placeholder="https://us.okx.com"
            defaultValue={val("host")}
            maxLength={100}
            className={inputClass}
            {...aria("host")}
          />
        </Field>
        <div className="space-y-2">
          <Field
            id="createdOn"
            label="Created on"
            errors={err("createdOn")}
            hint="When the key was created on okx.com (OKX does not tell). Used for the age warnings."
          >
            <input
              id="createdOn"
              name="createdOn"
              type="date"
              max={today}
              disabled={createdUnknown}
              defaultValue={val("createdOn")}
              className={`${inputClass} disabled:opacity-60`}
              {...aria("createdOn")}
            />
          </Field>
          <div className="flex items-center gap-2">
            <input
              id="createdOnUnknown"
              name="createdOnUnknown"
              type="checkbox"
              checked={createdUnknown}
              onChange={(e) => setCreatedUnknown(e.target.checked)}
              aria-describedby="createdOnUnknown-hint"
              className="h-4 w-4"
            />
            <label htmlFor="createdOnUnknown" className="text-sm">
              I don&apos;t know
            </label>
          </div>
          <p id="createdOnUnknown-hint" className="text-xs text-zinc-600 dark:text-zinc-400">
            The audit then says the age is unknown and counts it from the day the key was added here.
          </p>
        </div>
        <div className="flex items-center gap-2 pt-6">
          <input id="demo" name="demo" type="checkbox" defaultChecked={"demo" in v ? v.demo === "on" : defaults.demo} className="h-4 w-4" />
          <label htmlFor="demo" className="text-sm">
            Demo-trading key (not live funds)
          </label>
        </div>
      </div>

      <Field
        id="usedBy"
        label="Where is it used?"
        errors={err("usedBy")}
        hint="One app per line, optionally with its host: “freqtrade @ 203.0.113.7”. A “file:/path” at the end is where Settings → Scan found the key. Rotation walks through this list."
      >
        <textarea id="usedBy" name="usedBy" rows={3} defaultValue={val("usedBy")} className={inputClass} {...aria("usedBy")} />
      </Field>
      <Field id="notes" label="Notes" errors={err("notes")}>
        <textarea id="notes" name="notes" rows={2} defaultValue={val("notes")} className={inputClass} {...aria("notes")} />
      </Field>
      <SubmitButton pendingText="Saving…">{submitLabel}</SubmitButton>
    </form>
  );
}
