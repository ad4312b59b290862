import type { GoneProof } from "../gone";
import type { CheckHistory } from "../history";
import { fmtDateTime } from "../time";
import type { Perm } from "@/lib/domain";
import type { AuditCheck, AuditKey, AuditPolicy, Finding } from "../types";

/** Everything a rule may look at, computed once per key by the engine. */
export interface RuleContext {
  key: AuditKey;
  history: CheckHistory;
  policy: AuditPolicy;
  now: Date;
  /** As of the latest ok check, or a newer master listing (normalized); null if unknown. */
  currentPerm: Perm[] | null;
  currentIp: string[] | null;
  /** Where currentPerm / currentIp come from, for the findings' evidence. */
  permSeen: { checkId?: number; at: Date; how: string } | null;
  /** The key's note on OKX (latest ok check), falling back to nothing. */
  okxLabel: string | null;
  /** A 50110 answer newer than the latest ok check proves an IP allowlist exists now. */
  ipBindingProven: boolean;
  /**
   * OKX's latest answer about the key was 50119 and it is known to be deleted (no entity's host knows it, or the
   * host that answered for it before no longer does: see gone.ts). Advice about changing the key on okx.com
   * (bind IPs, move it to a sub-account) no longer applies; the dead-key finding says what to do.
   */
  deletedOnOkx: boolean;
  /** Why the key counts as deleted; null when it is not (a 50119 alone may be another entity's key). */
  gone: GoneProof | null;
  /** The key's apiKeyDigest is stored on another active key too. */
  duplicate: boolean;
  ageDays: number;
  rotationDueAt: Date;
}

export type Rule = (ctx: RuleContext) => Finding[];

/** A check as the source of a finding's facts. */
export function seenInCheck(check: AuditCheck): NonNullable<RuleContext["permSeen"]> {
  return { checkId: check.id, at: check.at, how: `Check #${check.id} at ${fmtDateTime(check.at)}` };
}

export function quotePerm(perm: readonly string[] | null): string {
  return perm === null ? "unknown" : `"${perm.join(",")}"`;
}

export function quoteIp(ip: readonly string[] | null): string {
  return ip === null ? "unknown" : ip.length === 0 ? "none" : ip.join(", ");
}
