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

const pad2 = (n: number) => (n < 10 ? `0${n}` : `${n}`);

// Hand-rolled instead of toISOString(): this runs thousands of times per vault audit.
// Years outside 0–9999 (toISOString's ±YYYYYY form) are not worth supporting here.
function ymd(d: Date): string {
  return `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
}

/** "2026-03-01" */
export function fmtDate(d: Date): string {
  return isValidDate(d) ? ymd(d) : "an unknown date";
}

/** "2026-03-01 14:05 UTC" */
export function fmtDateTime(d: Date): string {
  return isValidDate(d) ? `${ymd(d)} ${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())} UTC` : "an unknown time";
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}
