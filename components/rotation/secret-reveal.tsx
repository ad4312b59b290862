"use client";
// One-time reveal of credentials Keywarden generated. The server marks them shown before sending them, so they live
// only in this component's state: the wizard keeps it mounted (same place, keyed by the new key) until the user
// confirms they copied them. A reload or another tab finds them "shown, not confirmed" and offers the ways on:
// confirm (copied before they disappeared) or delete that key on OKX and create another one.
import { useActionState, useEffect, useRef, useState } from "react";
import type { FormState } from "@/lib/session/form-state";
import { SubmitButton } from "@/components/submit-button";
import { formatDateTime } from "@/components/format";
import { EMPTY_REVEAL_STATE, type RevealState } from "./reveal-state";
import { ActionButton } from "./step-forms";

type RevealAction = (prev: RevealState, form: FormData) => Promise<RevealState>;
type FormAction = (prev: FormState, form: FormData) => Promise<FormState>;

const box = "space-y-3 rounded-lg border border-amber-300 bg-amber-50 p-4 text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-50";

function CopyField({ id, label, value }: { id: string; label: string; value: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <div className="flex gap-2">
        <input
          id={id}
          readOnly
          value={value}
          spellCheck={false}
          autoComplete="off"
          onFocus={(e) => e.currentTarget.select()}
          className="block w-full min-w-0 rounded-md border border-zinc-300 bg-white px-3 py-2 font-mono text-sm text-zinc-900 dark:border-zinc-600 dark:bg-zinc-950 dark:text-zinc-100"
        />
        <button
          type="button"
          onClick={async () => {
            await navigator.clipboard.writeText(value).catch(() => undefined);
            setCopied(true);
          }}
          className="shrink-0 rounded-md border border-zinc-400 bg-white px-3 py-1.5 text-sm text-zinc-900 hover:bg-zinc-100 dark:border-zinc-600 dark:bg-zinc-900 dark:text-zinc-100 dark:hover:bg-zinc-800"
        >
          {copied ? "Copied" : `Copy ${label === "API key" ? label : label.toLowerCase()}`}
        </button>
      </div>
    </div>
  );
}

export function SecretReveal({
  keyId,
  phase,
  shownAt,
  reveal,
  confirm,
  replace,
}: {
  keyId: string;
  phase: "pending" | "shown";
  shownAt: string | null;
  reveal: RevealAction;
  confirm: FormAction;
  replace: FormAction;
}) {
  const [state, revealAction] = useActionState(reveal, EMPTY_REVEAL_STATE);
  const heading = useRef<HTMLHeadingElement>(null);
  const secrets = state.secrets?.keyId === keyId ? state.secrets : null;

  useEffect(() => {
    if (!secrets) return;
    heading.current?.focus();
    // Leaving the page now loses them for good: ask first (the browser shows its own wording).
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [secrets]);

  if (secrets) {
    return (
      <div className={box} role="region" aria-labelledby="reveal-heading">
        <h3 id="reveal-heading" ref={heading} tabIndex={-1} className="font-medium">
          The new key’s credentials — shown once
        </h3>
        <p className="text-sm">
          Copy them into each consumer (or your password manager) now. Keywarden keeps them encrypted and never shows them again; nothing else moves on until
          you confirm.
        </p>
        <CopyField id="reveal-apiKey" label="API key" value={secrets.apiKey} />
        <CopyField id="reveal-secretKey" label="Secret key" value={secrets.secretKey} />
        <CopyField id="reveal-passphrase" label="Passphrase" value={secrets.passphrase} />
        <ActionButton action={confirm} hidden={{ keyId }} pendingText="Saving…">
          I have copied them
        </ActionButton>
      </div>
    );
  }
  if (phase === "pending") {
    return (
      <form action={revealAction} className={box} aria-labelledby="reveal-heading">
        <h3 id="reveal-heading" className="font-medium">
          Reveal the new key’s credentials
        </h3>
        <p className="text-sm">
          Its API key, secret key and passphrase can be shown <strong>once</strong>. Have the consumers’ configuration (or a password manager) open first. They
          stay on screen until you confirm you copied them.
        </p>
        <div aria-live="polite" role="status">
          {state.message && <p className="text-sm font-medium text-red-800 dark:text-red-300">{state.message}</p>}
        </div>
        <SubmitButton pendingText="Revealing…">Reveal the new secret (once)</SubmitButton>
      </form>
    );
  }
  return (
    <div className={box} role="region" aria-labelledby="reveal-heading">
      <h3 id="reveal-heading" className="font-medium">
        The new key’s credentials were shown{shownAt ? ` at ${formatDateTime(shownAt)}` : ""} and are not shown again
      </h3>
      <p className="text-sm">
        They were on screen in this or another tab. Until you say you copied them, no consumer is switched and the old key is not deleted: it keeps working.
      </p>
      <ul className="list-disc space-y-1 pl-5 text-sm">
        <li>If you copied them before they disappeared, confirm it and carry on.</li>
        <li>
          If you did not, nobody has this key’s secret. Keywarden deletes it on OKX through the master key (and checks it is gone), then creates another new key
          for you to reveal. If another tab still shows the secrets, use that tab instead.
        </li>
      </ul>
      <div className="flex flex-wrap items-start gap-3">
        <ActionButton action={confirm} hidden={{ keyId }} pendingText="Saving…">
          I copied them before
        </ActionButton>
        <ActionButton action={replace} variant="danger" pendingText="Deleting on OKX and creating…">
          Delete this key on OKX and create another
        </ActionButton>
      </div>
    </div>
  );
}
