// "Most dangerous first" for a consumer's keys and for an incident's plan: withdraw > trade > read, and a live key
// before any demo key (demo keys move no real funds, as the audit ranks them). A key whose permissions OKX never
// told us could be anything, so it ranks with withdraw: an incident must not leave it for last. Pure.
import type { Perm } from "@/lib/domain";

export type TopPerm = Perm | "unknown";

export function topPerm(perm: readonly Perm[] | null): TopPerm {
  if (!perm) return "unknown";
  if (perm.includes("withdraw")) return "withdraw";
  if (perm.includes("trade")) return "trade";
  return "read_only";
}

const RANK: Record<TopPerm, number> = { unknown: 3, withdraw: 3, trade: 2, read_only: 1 };

export function dangerRank(perm: readonly Perm[] | null): number {
  return RANK[topPerm(perm)];
}

export interface Rankable {
  perm: readonly Perm[] | null;
  demo: boolean;
  label: string;
}

/** Negative when `a` is more dangerous than `b`: live first, then by permission, then by label for a stable order. */
export function byDanger(a: Rankable, b: Rankable): number {
  if (a.demo !== b.demo) return a.demo ? 1 : -1;
  const d = dangerRank(b.perm) - dangerRank(a.perm);
  if (d) return d;
  // Known withdraw before unknown: the known danger is certain.
  if (a.perm === null && b.perm !== null) return 1;
  if (b.perm === null && a.perm !== null) return -1;
  return a.label.localeCompare(b.label);
}

export function topPermWord(p: TopPerm): string {
  return p === "unknown" ? "Unknown" : p === "read_only" ? "Read" : p === "trade" ? "Trade" : "Withdraw";
}
