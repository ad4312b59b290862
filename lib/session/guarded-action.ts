import "server-only";
// Every server action goes through here: it re-checks the session (proxy.ts is not trusted alone), hands the action
// its form through the one FormData reader (form-input.ts), and turns any error into a user message, so raw
// exception text never reaches the page. Form actions answer a FormState; the few actions a client component calls
// with plain arguments (start a check job, a scan, a meter) answer their own shape through guardedCall.
import { unstable_rethrow } from "next/navigation";
import { toUserError } from "@/lib/errors/to-user-message";
import { ValidationError } from "@/lib/errors/app-error";
import { requireSession } from "./session";
import { echoValues, formInput, type FormInput } from "./form-input";
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

export interface GuardOptions {
  /** Off only for the forms that open the vault (unlock, setup): they are the way to a session. */
  requireUnlocked?: boolean;
  /** Bound record ids (UUIDs), checked before the action runs. */
  ids?: unknown[];
}

export interface FormGuardOptions extends GuardOptions {
  /** The action's form argument as it arrived. Named only by actions that read a form; they must get a FormData. */
  form?: unknown;
  /**
   * On a refusal the form's fields come back minus SECRET_FIELDS (on by default). Off for forms made only of
   * master passphrases (and the unlock page's return path), which must come back empty.
   */
  echo?: boolean;
}

/**
 * `opts.form` and `opts.ids` are the action's arguments as they arrived: over HTTP a caller can send any value for
 * any argument (bound ids included), so a FormData that is not one, or an id that is not a short string, is refused
 * with a message here instead of failing deeper down. redirect() and
 * notFound() thrown by the action pass through (unstable_rethrow).
 */
export async function guardedForm(opts: FormGuardOptions, fn: (input: FormInput) => Promise<FormState | void>): Promise<FormState> {
  const values = opts.echo === false ? {} : echoValues(opts.form);
  try {
    await guard(opts);
    return (await fn(formInput(opts.form))) ?? { ok: true };
  } catch (err) {
    unstable_rethrow(err);
    const e = toUserError(err);
    return { ok: false, message: e.message, fieldErrors: e.fieldErrors, values, ...(e.code === "locked" ? { locked: true } : {}) };
  }
}

/** A refusal in the shape client components read from guardedCall: the words, and whether unlocking would help. */
export interface Refusal {
  error: string;
  locked?: boolean;
}

/**
 * The same guard for an action a client component calls with plain arguments and reads its own result from.
 * A refusal says the first field message if there is one (the closest to what the user typed), else the message.
 */
export async function guardedCall<T>(fn: () => Promise<T>, opts: GuardOptions = {}): Promise<T | Refusal> {
  try {
    await guard(opts);
    return await fn();
  } catch (err) {
    unstable_rethrow(err);
    const e = toUserError(err);
    const detail = e.fieldErrors ? Object.values(e.fieldErrors).flat()[0] : undefined;
    return { error: detail ?? e.message, ...(e.code === "locked" ? { locked: true } : {}) };
  }
}

async function guard(opts: FormGuardOptions): Promise<void> {
  if (opts.requireUnlocked !== false) await requireSession();
  if ("form" in opts && !(opts.form instanceof FormData)) throw new ValidationError({ form: [NOT_A_FORM] });
  if (opts.ids?.some((id) => !isRecordId(id))) throw new ValidationError({ form: [NOT_AN_ID] });
}
