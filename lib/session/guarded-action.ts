import "server-only";
// Every server action goes through here: it re-checks the session (proxy.ts is not trusted alone) and turns any
// error into a FormState with a user message, so raw exception text never reaches the page.
import { unstable_rethrow } from "next/navigation";
import { toUserError } from "@/lib/errors/to-user-message";
import { ValidationError } from "@/lib/errors/app-error";
import { requireSession } from "./session";
import type { FormState } from "./form-state";

export const NOT_A_FORM = "This request did not come from Keywarden's form. Reload the page and try again.";
/** Key and rotation ids are UUIDs; anything else (a lone surrogate, a megabyte) would only fail inside Prisma. */
export function isRecordId(id: unknown): id is string {
  return typeof id === "string" && /^[A-Za-z0-9-]{1,64}$/.test(id);
}

export const NOT_AN_ID = "This link points to nothing Keywarden knows. Reload the page and try again.";

/** A numeric row id bound to a form (scan file, unmanaged key listing): a hand-made request can send anything. */
export function rowIdOf(id: unknown): number {
  const n = typeof id === "number" || typeof id === "string" ? Number(id) : NaN;
  if (!Number.isSafeInteger(n) || n < 1) throw new ValidationError({ form: [NOT_AN_ID] });
  return n;
}

/** A text id bound to a form (a consumer's "name @ host"): a string of sane length, or nothing Keywarden knows. */
export function textIdOf(id: unknown): string {
  if (typeof id !== "string" || id.length === 0 || id.length > 500) throw new ValidationError({ form: [NOT_AN_ID] });
  return id;
}

/**
 * `form` and `ids` are the action's arguments as they arrived: over HTTP a caller can send any value for any
 * argument (bound ids included), so a FormData that is not one, or an id that is not a short string, is refused
 * with a message here instead of failing deeper down as a 500.
 */
export async function guardedForm(
  values: Record<string, string>,
  fn: () => Promise<FormState | void>,
  opts: { requireUnlocked?: boolean; form?: unknown; ids?: unknown[] } = {},
): Promise<FormState> {
  try {
    if (opts.requireUnlocked !== false) await requireSession();
    if ("form" in opts && !(opts.form instanceof FormData)) throw new ValidationError({ form: [NOT_A_FORM] });
    if (opts.ids?.some((id) => !isRecordId(id))) throw new ValidationError({ form: [NOT_AN_ID] });
    return (await fn()) ?? { ok: true };
  } catch (err) {
    unstable_rethrow(err);
    const e = toUserError(err);
    return { ok: false, message: e.message, fieldErrors: e.fieldErrors, values, ...(e.code === "locked" ? { locked: true } : {}) };
  }
}

/** Form fields as strings, minus the ones that must never be echoed back to the browser ({} for a non-form). */
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
