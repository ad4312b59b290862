// A short display form of the OKX public key, e.g. "a1b2…9f0e": enough to tell keys apart, not to use one.
export function fingerprint(apiKey: string): string {
  const clean = apiKey.replace(/-/g, "");
  if (clean.length <= 8) return `${clean.slice(0, 2)}…`;
  return `${clean.slice(0, 4)}…${clean.slice(-4)}`;
}
