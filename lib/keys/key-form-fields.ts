// The key form's fields as the key schemas take them (key-schema.ts validates), read through the actions' one
// FormData reader. The add form, the edit form and a rotation's new key share these names.
import type { FormInput } from "@/lib/session/form-input";
import { CREATED_UNKNOWN } from "./key-schema";

/** Label, where the key lives, what it is for and who uses it: everything on the key form but the secrets. */
export function keyMetadataFields(input: FormInput) {
  return {
    label: input.text("label"),
    region: input.text("region"),
    host: input.text("host"),
    demo: input.checked("demo"),
    purpose: input.text("purpose"),
    usedBy: input.text("usedBy"),
    // A date typed wins over the "I don't know" box (both can arrive when the page runs without JavaScript).
    createdOn: input.text("createdOn") || (input.checked("createdOnUnknown") ? CREATED_UNKNOWN : ""),
    notes: input.text("notes"),
  };
}

/** The three credentials OKX gives for a key (SECRET_FIELDS: never echoed back). */
export function keySecretFields(input: FormInput): { apiKey: string; secretKey: string; passphrase: string } {
  return { apiKey: input.text("apiKey"), secretKey: input.text("secretKey"), passphrase: input.text("passphrase") };
}
