// Master-passphrase strength: a small entropy estimate, shared by the setup form (live meter) and the server
// (which refuses weak ones). No dictionary download: nothing heavy on the client.

export interface StrengthResult {
  score: 0 | 1 | 2 | 3 | 4;
  bits: number;
  ok: boolean;
  reason: string | null;
}

const COMMON = ["password", "passw0rd", "123456", "qwerty", "letmein", "admin", "welcome", "okx", "bitcoin", "keywarden", "iloveyou", "monkey", "dragon"];
export const MIN_LENGTH = 12;
export const MIN_BITS = 60;

export function passphraseStrength(p: string): StrengthResult {
  const lower = p.toLowerCase();
  let pool = 0;
  if (/[a-z]/.test(p)) pool += 26;
  if (/[A-Z]/.test(p)) pool += 26;
  if (/[0-9]/.test(p)) pool += 10;
  if (/[^a-zA-Z0-9]/.test(p)) pool += 33;
  const unique = new Set(p).size;
  // Repeats and runs add little: count only distinct characters beyond the first few of each kind.
  const effectiveLength = Math.min(p.length, unique * 2);
  let bits = Math.round(effectiveLength * Math.log2(Math.max(pool, 1)));
  const common = COMMON.find((w) => lower.includes(w));
  if (common) bits = Math.max(0, bits - 20);
  if (/(.)\1{3,}/.test(p) || /(0123|1234|2345|3456|4567|5678|6789|abcd|bcde|cdef)/i.test(p)) bits = Math.max(0, bits - 15);

  let reason: string | null = null;
  if (p.length < MIN_LENGTH) reason = `Use at least ${MIN_LENGTH} characters (a few unrelated words work well).`;
  else if (common) reason = `Avoid common words like “${common}”.`;
  else if (bits < MIN_BITS) reason = "Too predictable: add more words, or mix in digits and symbols.";

  const score = (bits < 40 ? 0 : bits < MIN_BITS ? 1 : bits < 80 ? 2 : bits < 100 ? 3 : 4) as StrengthResult["score"];
  return { score, bits, ok: reason === null, reason };
}
