// OKX deletes keys that can trade or withdraw, have no IP allowlist and go unused for 14 days (live keys
// only; the period is a policy setting because it is OKX's rule, not ours). OKX tells us nothing about use,
// so "last known use" is the latest successful check (an ok answer is an authenticated call; an ip_blocked
// answer is a rejected call and does not count), or the day the key was added when it never answered ok.
import { KW_KEY_PAGE, okxEditKey } from "../okx-links";
import { canMoveFunds, requiredPerms } from "../perms";
import { DAY_MS, HOUR_MS, addDays, daysBetween, fmtDate, fmtDateTime, plural } from "../time";
import type { AuditCheck, Finding, Severity } from "../types";
import { quotePerm, type RuleContext } from "./context";
import { DEAD_CODES } from "./errors";

export interface DeletionSchedule {
  deletionAt: Date;
  lastUse: Date;
  lastUseCheck: AuditCheck | null;
  /** perm and ip both come from an ok check; otherwise trade-ness is assumed from the declared purpose. */
  verified: boolean;
}

export function deletionSchedule(ctx: RuleContext): DeletionSchedule | null {
  const { key, currentPerm, currentIp, history, policy } = ctx;
  if (key.demo || key.status !== "active" || ctx.ipBindingProven) return null;
  const perm = currentPerm ?? requiredPerms(key.purpose);
  if (!canMoveFunds(perm)) return null;
  if (currentIp !== null && currentIp.length > 0) return null;
  const lastUseCheck = history.lastOk;
  const lastUse = lastUseCheck?.at ?? key.addedAt;
  return {
    deletionAt: addDays(lastUse, policy.okxDeletionDays),
    lastUse,
    lastUseCheck,
    verified: currentPerm !== null && currentIp !== null,
  };
}

export function deletionRule(ctx: RuleContext): Finding[] {
  const { key, policy, now } = ctx;
  const schedule = deletionSchedule(ctx);
  if (!schedule) return [];
  // A dead-key answer already says it (critical) and explains the 14-day cause.
  const latest = ctx.history.latestConclusive;
  if (latest && DEAD_CODES.has(latest.code)) return [];

  const { deletionAt, lastUse, lastUseCheck, verified } = schedule;
  const remaining = deletionAt.getTime() - now.getTime();
  const urgent = remaining < policy.deletionCriticalDays * DAY_MS;
  // Unverified (never answered ok, perm/ip unknown): one level lower, since the key may well be IP-bound.
  const severity: Severity = verified ? (urgent ? "critical" : "high") : urgent ? "high" : "medium";
  const may = verified ? "" : " (not verified: permissions and IP binding unknown)";

  let title: string;
  if (remaining <= 0) {
    title = `OKX has probably deleted this key: unused for ${daysBetween(lastUse, now)} days without an IP allowlist${may}`;
  } else if (remaining < DAY_MS) {
    title = `OKX will delete this key within ${plural(Math.max(1, Math.ceil(remaining / HOUR_MS)), "hour")} unless it is used${may}`;
  } else {
    title = `OKX will delete this key in ${plural(Math.floor(remaining / DAY_MS), "day")} (${fmtDate(deletionAt)}) unless it is used${may}`;
  }

  const fix =
    remaining <= 0
      ? [
          `${KW_KEY_PAGE} → Check now: 50119 from the host that answered for it before means the key is gone`,
          `If it is gone, create a new key on okx.com with an IP allowlist, then ${KW_KEY_PAGE} → Rotate and update every consumer`,
        ]
      : [
          `Bind the consumers' IPs so OKX never deletes it: ${okxEditKey(key, ctx.okxLabel)} → IP address → add IPs → Confirm`,
          `Until then, a successful call resets OKX's clock: ${KW_KEY_PAGE} → Check now (the bot's own calls count too)`,
        ];

  const detail = lastUseCheck
    ? `Last successful check #${lastUseCheck.id} at ${fmtDateTime(lastUseCheck.at)} reported perm ${quotePerm(ctx.currentPerm)} and no IP allowlist; ` +
      `deletion expected ${policy.okxDeletionDays} days later, ${fmtDateTime(deletionAt)}`
    : `Never checked successfully; added ${fmtDateTime(key.addedAt)} with declared purpose "${key.purpose}"; ` +
      `deletion expected ${policy.okxDeletionDays} days after the last use, ${fmtDateTime(deletionAt)}`;

  return [
    {
      rule: "okx-14-day-deletion",
      severity,
      keyId: key.id,
      title,
      why:
        `OKX deletes keys that can trade or withdraw and have no IP allowlist after ${policy.okxDeletionDays} days without use ` +
        "(demo keys are exempt). Every bot using a deleted key stops with error 50119 (\"API key doesn't exist\").",
      fix,
      evidence: lastUseCheck ? { checkId: lastUseCheck.id, at: lastUseCheck.at, detail } : { at: key.addedAt, detail },
      dueAt: deletionAt,
      action: "check",
    },
  ];
}
