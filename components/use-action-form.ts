"use client";
// One hook for every Keywarden form around a server action.
// - Keeps what was typed and chosen after a refusal. React resets a <form action={fn}> after each submit, and a
//   select reset that way falls back to its first option (a trading key saved as read-only): submitting through
//   onSubmit inside a transition is React's documented way to skip that reset, while useFormStatus still sees the
//   pending submit and the form still works without JavaScript through its action attribute.
// - Clears only the fields named in `clearOnError` (secrets the user must re-enter), and resets on success
//   when asked (a form that stays on the page after saving, e.g. change passphrase).
// - Moves focus to the first invalid field, or else to the form's message, so a keyboard or screen-reader user
//   lands on what went wrong instead of wherever the re-render left them.
import { startTransition, useActionState, useEffect, useRef, type FormEvent } from "react";
import { EMPTY_FORM_STATE, type FormState } from "@/lib/session/form-state";

interface Options {
  clearOnError?: readonly string[];
  resetOnSuccess?: boolean;
  /** Called after the form itself was reset or cleared, for state the inputs mirror (a meter, warnings). */
  onCleared?: (names: readonly string[] | "all") => void;
}

export function useActionForm(action: (prev: FormState, form: FormData) => Promise<FormState>, initial: FormState = EMPTY_FORM_STATE, opts: Options = {}) {
  const [state, formAction, pending] = useActionState(action, initial);
  const ref = useRef<HTMLFormElement>(null);
  const optsRef = useRef(opts);
  // The latest options, read by the effect below without re-running it when a caller passes a new object.
  useEffect(() => {
    optsRef.current = opts;
  });

  useEffect(() => {
    const form = ref.current;
    if (!form || state === initial) return;
    const { clearOnError = [], resetOnSuccess, onCleared } = optsRef.current;
    if (state.ok && resetOnSuccess) {
      form.reset();
      onCleared?.("all");
    } else if (!state.ok && clearOnError.length) {
      for (const name of clearOnError) {
        const el = form.elements.namedItem(name);
        if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) el.value = "";
      }
      onCleared?.(clearOnError);
    }
    const target = form.querySelector<HTMLElement>('[aria-invalid="true"]') ?? form.querySelector<HTMLElement>("[data-form-message]");
    target?.focus();
  }, [state, initial]);

  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const data = new FormData(e.currentTarget, (e.nativeEvent as SubmitEvent).submitter);
    startTransition(() => formAction(data));
  };

  return { state, formAction, onSubmit, ref, pending };
}
