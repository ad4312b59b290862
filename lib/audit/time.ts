// Time helpers. Everything is UTC and millisecond-based: pure, no clock reads.
export const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;

export function addDays(d: Date, days: number): Date {
  return new Date(d.getTime() + days * DAY_MS);
}

export function isValidDate(d: unknown): d is Date {
  return d instanceof Date && !Number.isNaN(d.getTime());
}

/** Whole days elapsed from `from` to `to` (floor), never negative. */
export function daysBetween(from: Date, to: Date): number {
  const ms = to.getTime() - from.getTime();
  return Number.isFinite(ms) && ms > 0 ? Math.floor(ms / DAY_MS) : 0;
}

/** "2026-03-01" */
export function fmtDate(d: Date): string {
  return isValidDate(d) ? d.toISOString().slice(0, 10) : "an unknown date";
}

/** "2026-03-01 14:05 UTC" */
export function fmtDateTime(d: Date): string {
  return isValidDate(d) ? `${d.toISOString().slice(0, 16).replace("T", " ")} UTC` : "an unknown time";
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}
