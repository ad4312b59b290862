// The shape every form action returns: field messages for the form, and the values to put back (never secrets).
export interface FormState {
  ok?: boolean;
  message?: string;
  fieldErrors?: Record<string, string[]>;
  values?: Record<string, string>;
  warnings?: Record<string, string>;
  /** The action was refused because the vault is locked: the message offers to unlock and come back. */
  locked?: boolean;
}

export const EMPTY_FORM_STATE: FormState = {};
