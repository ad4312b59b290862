"use client";
// One-time reveal of credentials Keywarden generated. The server marks them shown before sending them, so after
// this view (or a reload) they are gone for good; copy buttons make copying them into each consumer easy.
import { useActionState, useState } from "react";
import { SubmitButton } from "@/components/submit-button";
import { EMPTY_REVEAL_STATE, type RevealState } from "./reveal-state";

type Action = (prev: RevealState, form: FormData) => Promise<RevealState>;

function CopyField({ id, label, value }: { id: string; label: string; value: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium">{label}</label>
      <div className="flex gap-2">
        <input id={id} readOnly value={value} spellCheck={false} autoComplete="off" onFocus={(e) => e.currentTarget.select()} className="block w-full rounded-md border border-zinc-300 bg-zinc-50 px-3 py-2 font-mono text-sm text-zinc-900 dark:border-zinc-600 dark:bg-zinc-950 dark:text-zinc-100" />
        <button
          type="button"
          onClick={async () => {
            await navigator.clipboard.writeText(value);
            setCopied(true);
          }}
          className="shrink-0 rounded-md border border-zinc-300 px-3 py-1.5 text-sm hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800"
        >
          {copied ? "Copied" : `Copy ${label.toLowerCase()}`}
        </button>
      </div>
    </div>
  );
}

export function SecretReveal({ action }: { action: Action }) {
  const [state, formAction] = useActionState(action, EMPTY_REVEAL_STATE);
  if (state.secrets) {
    const s = state.secrets;
    return (
      <div className="space-y-3 rounded-lg border border-amber-300 bg-amber-50 p-4 dark:border-amber-700 dark:bg-amber-950">
        <p role="status" className="text-sm font-medium text-amber-900 dark:text-amber-100">
          Shown once. Copy these into each consumer now: Keywarden keeps them encrypted and will not show them again.
        </p>
        <CopyField id="reveal-apiKey" label="API key" value={s.apiKey} />
        <CopyField id="reveal-secretKey" label="Secret key" value={s.secretKey} />
        <CopyField id="reveal-passphrase" label="Passphrase" value={s.passphrase} />
      </div>
    );
  }
  return (
    <form action={formAction} className="space-y-2 rounded-lg border border-amber-300 bg-amber-50 p-4 dark:border-amber-700 dark:bg-amber-950">
      <p className="text-sm text-amber-900 dark:text-amber-100">
        The new key's secret key and passphrase can be shown <strong>once</strong>. Have the consumers' configuration open before you reveal them.
      </p>
      <div aria-live="polite">{state.message && <p className="text-sm text-red-800 dark:text-red-300">{state.message}</p>}</div>
      <SubmitButton pendingText="Revealing…">Reveal the new secret (once)</SubmitButton>
    </form>
  );
}
