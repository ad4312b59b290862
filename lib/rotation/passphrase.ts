// Passphrases Keywarden chooses for keys it creates through the sub-account API. OKX asks for 8–32 characters with
// upper and lower case letters, digits and a special character; 24 characters from crypto randomness is far past
// guessing range and leaves room under the limit.
import { randomInt } from "node:crypto";

const UPPER = "ABCDEFGHJKLMNPQRSTUVWXYZ";
const LOWER = "abcdefghijkmnpqrstuvwxyz";
const DIGIT = "23456789";
// A conservative special set: no quotes, backslashes or spaces that a bot's config file could mangle.
const SPECIAL = "!@#$%^*-_+=.";
const ALL = UPPER + LOWER + DIGIT + SPECIAL;

const pick = (set: string) => set[randomInt(set.length)];

export function generateOkxPassphrase(length = 24): string {
  if (length < 8 || length > 32) throw new RangeError("OKX passphrases are 8–32 characters");
  const chars = [pick(UPPER), pick(LOWER), pick(DIGIT), pick(SPECIAL)];
  while (chars.length < length) chars.push(pick(ALL));
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j], chars[i]];
  }
  return chars.join("");
}

export function meetsOkxPassphraseRules(p: string): boolean {
  return p.length >= 8 && p.length <= 32 && /[A-Z]/.test(p) && /[a-z]/.test(p) && /\d/.test(p) && /[^A-Za-z0-9]/.test(p);
}
