import "server-only";
// Master-passphrase strength: the one rule for the live meter (which asks the server through a server action)
// and for lib/vault's refusal, so the two can never disagree. zxcvbn-ts matches whole dictionary words, names,
// keyboard runs, dates and l33t against realistic guess counts; its dictionaries are megabytes, which is why it
// runs here and never in the browser bundle.
import { ZxcvbnFactory, type ZxcvbnResult } from "@zxcvbn-ts/core";
import * as common from "@zxcvbn-ts/language-common";
import * as en from "@zxcvbn-ts/language-en";
import { SAME_PASSPHRASE } from "./passphrase-schema";

export interface StrengthResult {
  /** 0–4 for the meter; 4 exactly when the passphrase is accepted. */
  score: 0 | 1 | 2 | 3 | 4;
  label: string;
  ok: boolean;
  reason: string | null;
}

export const MIN_LENGTH = 12;
/** zxcvbn's score 4: ≥ 10^10 estimated guesses, its "strong protection from an offline slow-hash attack". */
const MIN_SCORE = 4;
const LABELS = ["Very weak", "Weak", "Fair", "Not strong enough", "Very strong"] as const;
/** Words an attacker guessing a Keywarden vault tries first: they count as dictionary words, not as random letters. */
const APP_WORDS = ["okx", "keywarden", "vault", "master", "passphrase", "apikey"];

let estimator: ZxcvbnFactory | null = null;
function zxcvbn(): ZxcvbnFactory {
  // Built on first use: loading the dictionaries takes a few hundred milliseconds and most requests never need them.
  estimator ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...en.dictionary, userInputs: APP_WORDS },
    graphs: common.adjacencyGraphs,
    translations: en.translations,
  });
  return estimator;
}

function advice(r: ZxcvbnResult): string {
  const warning = r.feedback.warning;
  const suggestion = r.feedback.suggestions[0];
  return [warning, suggestion ?? "Add another word or two that are unrelated to each other and to you."].filter(Boolean).join(" ");
}

/** `avoid`: other words this passphrase must not lean on (e.g. the current passphrase when changing it). */
export function passphraseStrength(p: string, avoid: string[] = []): StrengthResult {
  if (avoid.includes(p)) return { score: 0, label: LABELS[0], ok: false, reason: SAME_PASSPHRASE };
  // Below the minimum length is the bottom of the meter, however random the few characters are.
  if (p.length < MIN_LENGTH)
    return { score: 0, label: LABELS[0], ok: false, reason: `Use at least ${MIN_LENGTH} characters (a few unrelated words work well).` };
  const r = zxcvbn().check(p, avoid.filter(Boolean));
  if (r.score < MIN_SCORE) {
    const score = Math.min(r.score, 3) as StrengthResult["score"];
    return { score, label: LABELS[score], ok: false, reason: advice(r) };
  }
  return { score: 4, label: LABELS[4], ok: true, reason: null };
}
