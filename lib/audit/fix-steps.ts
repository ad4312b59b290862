// Fix steps that name a Keywarden action carry it as data, so the page can link the step to the exact form.
// `fix` stays plain text (exports, CLI); `fixActions` lines up with it by construction.
import type { Finding, KwAction } from "./types";

export interface KwStep {
  text: string;
  action: KwAction;
}

export function kwStep(text: string, action: KwAction): KwStep {
  return { text, action };
}

export function fixSteps(...steps: (string | KwStep)[]): Pick<Finding, "fix" | "fixActions"> {
  return {
    fix: steps.map((s) => (typeof s === "string" ? s : s.text)),
    fixActions: steps.map((s) => (typeof s === "string" ? null : s.action)),
  };
}
