// Where a fix step's Keywarden action lives: the exact form, from the typed action the rule set.
import type { KwAction } from "@/lib/audit";

const SECRET_WORDS: Record<Extract<KwAction, { kind: "replace-secret" }>["field"], string> = {
  passphrase: "Replace the passphrase",
  secretKey: "Replace the secret key",
  apiKey: "Replace the API key",
  all: "Replace all three",
};
const EDIT_WORDS: Record<Extract<KwAction, { kind: "edit" }>["field"], string> = {
  createdOn: "Edit Created on",
  purpose: "Edit the purpose",
  region: "Edit the region",
  label: "Edit the label",
  demo: "Edit the demo flag",
};

export function fixStepLink(keyId: string, action: KwAction): { href: string; text: string } {
  switch (action.kind) {
    case "replace-secret":
      return { href: `/keys/${keyId}/secrets?field=${action.field}`, text: SECRET_WORDS[action.field] };
    case "edit":
      return { href: `/keys/${keyId}/edit#${action.field}`, text: EDIT_WORDS[action.field] };
    case "rotate":
      return { href: `/keys/${keyId}/rotate`, text: "Rotate" };
    case "check":
      return { href: `/keys/${keyId}#check-now`, text: "Check now" };
    case "last-used":
      return { href: `/keys/${keyId}#last-use`, text: "Enter the last use" };
    case "delete":
      return { href: `/keys/${keyId}#delete`, text: "Delete from Keywarden" };
    // An unmanaged key's audit id is "unmanaged-<row id>" (lib/unmanaged), its page /keys/unmanaged/<row id>.
    case "adopt":
      return { href: `/keys/unmanaged/${keyId.replace(/^unmanaged-/, "")}#adopt`, text: "Adopt" };
    case "delete-on-okx":
      return { href: `/keys/unmanaged/${keyId.replace(/^unmanaged-/, "")}#delete-on-okx`, text: "Delete on OKX" };
  }
}
