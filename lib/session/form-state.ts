// The shape every form action returns: field messages for the form, and the values to put back (never secrets).
export interface FormState {
  ok?: boolean;
  message?: string;
  fieldErrors?: Record<string, string[]>;
  values?: Record<string, string>;
  warnings?: Record<string, string>;
}

export const EMPTY_FORM_STATE: FormState = {};
