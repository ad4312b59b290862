// The one way the app reads a FormData. guardedForm hands every server action a FormInput (the restore upload reads
// its file through one too), so nothing else touches FormData: what "missing", "a checkbox" and "a value that may go
// back to the browser" mean is decided here.

/** Fields that carry an OKX credential, in every form that has them: never echoed back to the browser. */
export const SECRET_FIELDS: readonly string[] = ["apiKey", "secretKey", "passphrase"];

export interface FormInput {
  /** A field as text; "" when it is missing (the schema behind it says whether that is allowed). */
  text(name: string): string;
  /** A ticked checkbox: browsers send "on" for it and nothing at all when it is not ticked. */
  checked(name: string): boolean;
  /** Named fields as they arrived, undefined when missing: for schemas that say themselves what is required. */
  pick(names: readonly string[]): Record<string, unknown>;
  /** Every text field but Next's own ($ACTION_…): for strict schemas that refuse unknown fields. */
  all(): Record<string, string>;
  /** An uploaded file (a backup), or null when the field is missing or is text. */
  file(name: string): File | null;
}

/** The FormInput of a submitted form; anything else (a hand-made call) reads as a form with no fields. */
export function formInput(form: unknown): FormInput {
  const f = form instanceof FormData ? form : null;
  const get = (name: string) => f?.get(name) ?? null;
  return {
    text: (name) => String(get(name) ?? ""),
    checked: (name) => get(name) === "on",
    pick: (names) => Object.fromEntries(names.map((n) => [n, get(n) ?? undefined])),
    all: () => textFields(f, []),
    file: (name) => {
      const v = get(name);
      return v instanceof File ? v : null;
    },
  };
}

/** What a refused form may put back into its fields: every text field minus SECRET_FIELDS ({} for a non-form). */
export function echoValues(form: unknown): Record<string, string> {
  return textFields(form instanceof FormData ? form : null, SECRET_FIELDS);
}

function textFields(form: FormData | null, omit: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  if (!form) return out;
  for (const [k, v] of form.entries()) {
    if (typeof v === "string" && !omit.includes(k) && !k.startsWith("$ACTION")) out[k] = v;
  }
  return out;
}
