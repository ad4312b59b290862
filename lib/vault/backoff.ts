// Wrong-passphrase backoff. Two free mistakes, then 1 s, 2 s, 4 s … capped at 15 minutes. The counter lives in
// the Vault row, so restarting the server does not reset it.
const FREE_ATTEMPTS = 2;
const MAX_DELAY_MS = 15 * 60_000;

export function backoffDelayMs(failedAttempts: number): number {
  if (failedAttempts <= FREE_ATTEMPTS) return 0;
  return Math.min(1000 * 2 ** (failedAttempts - FREE_ATTEMPTS - 1), MAX_DELAY_MS);
}

export function retryAfterMs(failedAttempts: number, lastFailedAt: Date | null, now: number): number {
  if (!lastFailedAt) return 0;
  return Math.max(0, lastFailedAt.getTime() + backoffDelayMs(failedAttempts) - now);
}
