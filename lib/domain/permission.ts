// OKX's own permission words, as GET /api/v5/account/config returns them in `perm` (a comma list).
import { isOneOf } from "./is-one-of";

/** Canonical order, narrowest first: every list of permissions Keywarden keeps or shows is in this order. */
export const PERMS = ["read_only", "trade", "withdraw"] as const;
export type Perm = (typeof PERMS)[number];

const PERM_WORDS: Record<Perm, string> = { read_only: "Read", trade: "Trade", withdraw: "Withdraw" };

export const isPerm = isOneOf(PERMS);

/** Known perms of `perm`, deduplicated, in canonical order (OKX may send them in any order). */
export function normalizePerms(perm: readonly string[]): Perm[] {
  return PERMS.filter((p) => perm.includes(p));
}

/**
 * OKX's comma list ("read_only,trade") → known permissions in canonical order. A token this version does not
 * know is dropped here; callers that must show it keep the raw text beside (permRaw).
 */
export function parsePerm(raw: string): Perm[] {
  return normalizePerms(raw.split(",").map((s) => s.trim()));
}

/** The word pages, exports and the event log show for a permission ("Read", not OKX's "read_only"). */
export function permWord(p: Perm): string {
  return PERM_WORDS[p];
}
