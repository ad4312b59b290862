import { normalizePerms, type Perm, type Purpose } from "@/lib/domain";

const NEEDS: Record<Purpose, readonly Perm[]> = {
  read: ["read_only"],
  trade: ["read_only", "trade"],
  withdraw: ["read_only", "trade", "withdraw"],
};

/** The permissions a key declared for `purpose` needs, in canonical order (a fresh array). */
export function requiredPerms(purpose: Purpose): Perm[] {
  return [...NEEDS[purpose]];
}

/** Permissions present in `perm` that `purpose` does not need, in canonical order. */
export function excessPerms(purpose: Purpose, perm: readonly Perm[]): Perm[] {
  const needed = NEEDS[purpose];
  return normalizePerms(perm).filter((p) => !needed.includes(p));
}

/** Permissions `purpose` needs that `perm` lacks (e.g. a trading bot whose key cannot trade). */
export function missingPerms(purpose: Purpose, perm: readonly Perm[]): Perm[] {
  return NEEDS[purpose].filter((p) => !perm.includes(p));
}

/** Trade or withdraw: the permissions OKX's 14-day unused-key deletion applies to. */
export function canMoveFunds(perm: readonly Perm[]): boolean {
  return perm.includes("trade") || perm.includes("withdraw");
}
