import "server-only";
// Every server action goes through here: it re-checks the session (proxy.ts is not trusted alone) and turns any
// error into a FormState with a user message, so raw exception text never reaches the page.
import { unstable_rethrow } from "next/navigation";
import { toUserError } from "@/lib/errors/to-user-message";
import { requireSession } from "./session";
import type { FormState } from "./form-state";

export async function guardedForm(
  values: Record<string, string>,
  fn: () => Promise<FormState | void>,
  opts: { requireUnlocked?: boolean } = { requireUnlocked: true },
): Promise<FormState> {
  try {
    if (opts.requireUnlocked !== false) await requireSession();
    return (await fn()) ?? { ok: true };
  } catch (err) {
    unstable_rethrow(err);
    const e = toUserError(err);
    return { ok: false, message: e.message, fieldErrors: e.fieldErrors, values, ...(e.code === "locked" ? { locked: true } : {}) };
  }
}

/** Form fields as strings, minus the ones that must never be echoed back to the browser. */
export function formValues(form: FormData, omit: string[] = []): Record<string, string> {
  const out: Record<string, string> = {};
  // Called before guardedForm's try: an action posted by hand with a string or JSON argument instead of a form
  // must reach the try and get a message, not a 500.
  if (!(form instanceof FormData)) return out;
  for (const [k, v] of form.entries()) {
    if (typeof v === "string" && !omit.includes(k) && !k.startsWith("$ACTION")) out[k] = v;
  }
  return out;
}
