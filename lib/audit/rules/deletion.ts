// OKX deletes keys that can trade or withdraw, have no IP allowlist and go unused for 14 days (live keys
// only; the period is a policy setting because it is OKX's rule, not ours). OKX reports no last-use time, and
// okx-api.md: it does not document whether a read call like Keywarden's check counts as use (nor refused or
// rate-limited calls). So the countdown runs from the last use someone can vouch for: the date the owner
// entered as "last used", else the key's creation date (no key is used before it exists; when the real date
// is unknown, createdOn is the day it was added). Keywarden's own checks never move it: a successful check only
// proves the key still existed then.
import { fixSteps, kwStep } from "../fix-steps";
import { KW_KEY_PAGE, okxEditKey } from "../okx-links";
import { canMoveFunds, requiredPerms } from "../perms";
import { DAY_MS, HOUR_MS, addDays, daysBetween, fmtDate, fmtDateTime, plural } from "../time";
import type { AuditCheck, Finding, Severity } from "../types";
import { quotePerm, type RuleContext } from "./context";
import { DEAD_CODES } from "./errors";

export interface DeletionSchedule {
  deletionAt: Date;
  /** The day the countdown runs from. */
  countedFrom: Date;
  /** Where countedFrom comes from. */
  basis: "last-use" | "created" | "added";
  /** An ok answer after deletionAt: the key was not deleted then, so something used it after countedFrom. */
  aliveAfter: AuditCheck | null;
  /** The same proof from a master key's sub-account listing that still showed the key after deletionAt. */
  listedAfter: Date | null;
  /** perm and ip both come from OKX; otherwise trade-ness is assumed from the declared purpose. */
  verified: boolean;
}

const BASIS_WORDS: Record<DeletionSchedule["basis"], string> = {
  "last-use": "the last use you entered",
  created: "the day it was created: no later use is recorded",
  added: "the day it was added to Keywarden (its creation date is unknown): no later use is recorded",
};

export function deletionSchedule(ctx: RuleContext): DeletionSchedule | null {
  const { key, currentPerm, currentIp, history, policy } = ctx;
  if (key.demo || key.status !== "active" || ctx.ipBindingProven) return null;
  const perm = currentPerm ?? requiredPerms(key.purpose);
  if (!canMoveFunds(perm)) return null;
  if (currentIp !== null && currentIp.length > 0) return null;
  const used = key.lastUsedOn ?? null;
  const fromUse = used !== null && used.getTime() >= key.createdOn.getTime();
  const countedFrom = fromUse ? used : key.createdOn;
  const deletionAt = addDays(countedFrom, policy.okxDeletionDays);
  const lastOk = history.lastOk;
  return {
    deletionAt,
    countedFrom,
    basis: fromUse ? "last-use" : key.createdOnSource === "added" ? "added" : "created",
    aliveAfter: lastOk && lastOk.at.getTime() > deletionAt.getTime() ? lastOk : null,
    listedAfter: key.listing && key.listing.at.getTime() > deletionAt.getTime() ? key.listing.at : null,
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

  const { deletionAt, countedFrom, basis, aliveAfter, listedAfter, verified } = schedule;
  const remaining = deletionAt.getTime() - now.getTime();
  const urgent = remaining < policy.deletionCriticalDays * DAY_MS;
  // Past the date but OKX answered later: not deleted then, so the date is simply unknown (not an emergency).
  const level = aliveAfter || listedAfter ? 1 : remaining <= 0 || urgent ? 2 : 1;
  const LEVELS: Severity[] = ["medium", "high", "critical"];
  // Unverified (never answered ok, perm/ip unknown): one level lower, since the key may well be IP-bound.
  const severity = LEVELS[verified ? level : level - 1]!;
  const may = verified ? "" : " (not verified: permissions and IP binding unknown)";
  const since = fmtDate(countedFrom);

  let title: string;
  if (aliveAfter) {
    title = `No use recorded since ${since}, yet OKX answered on ${fmtDate(aliveAfter.at)}: when was it last used?${may}`;
  } else if (listedAfter) {
    title = `No use recorded since ${since}, yet OKX still listed it on ${fmtDate(listedAfter)}: something has used it since${may}`;
  } else if (remaining <= 0) {
    title = `No use recorded since ${since} (${daysBetween(countedFrom, now)} days): if it was unused, OKX has deleted it${may}`;
  } else if (remaining < DAY_MS) {
    title = `OKX deletes this key within ${plural(Math.max(1, Math.ceil(remaining / HOUR_MS)), "hour")} unless it is used (no use recorded since ${since})${may}`;
  } else {
    title = `OKX deletes this key in ${plural(Math.floor(remaining / DAY_MS), "day")} (${fmtDate(deletionAt)}) unless it is used (no use recorded since ${since})${may}`;
  }

  const fix = fixSteps(
    `Bind the consumers' IPs so OKX never deletes it: ${okxEditKey(key, ctx.okxLabel)} → IP address → add IPs → Confirm`,
    kwStep(`If a consumer used it after ${since}, enter that date: ${KW_KEY_PAGE} → Last used on → Save (the countdown then runs from it)`, {
      kind: "last-used",
    }),
    ...(remaining <= 0
      ? [
          kwStep(
            `${KW_KEY_PAGE} → Check now tells whether it still exists (50119 from the host that answered for it before: it is gone; create a new key with an IP allowlist, then ${KW_KEY_PAGE} → Rotate)`,
            { kind: "check" },
          ),
        ]
      : []),
  );

  const alive = aliveAfter
    ? `; OKX still answered check #${aliveAfter.id} at ${fmtDateTime(aliveAfter.at)}, so it was not deleted then`
    : listedAfter
      ? `; the master key's sub-account listing still showed it at ${fmtDateTime(listedAfter)}, so it was not deleted then`
      : "";
  const seen = ctx.history.lastOk
    ? `Check #${ctx.history.lastOk.id} reported perm ${quotePerm(ctx.currentPerm)} and no IP allowlist`
    : ctx.permSeen && verified
      ? `${ctx.permSeen.how} reported perm ${quotePerm(ctx.currentPerm)} and no IP allowlist`
      : `Never checked successfully; declared purpose "${key.purpose}"`;
  const detail =
    `${seen}. Countdown from ${since} (${BASIS_WORDS[basis]}); deletion expected ${policy.okxDeletionDays} days later, ${fmtDateTime(deletionAt)}${alive}. ` +
    "OKX reports no last-use time and does not document that a read-only check like Keywarden's counts as use, so Keywarden's checks do not move this date.";

  return [
    {
      rule: "okx-14-day-deletion",
      severity,
      keyId: key.id,
      title,
      why:
        `OKX deletes live keys that can trade or withdraw and have no IP allowlist after ${policy.okxDeletionDays} days without use ` +
        '(demo keys are exempt). Every bot using a deleted key stops with error 50119 ("API key doesn\'t exist"). Binding IPs ends the risk for good.',
      ...fix,
      evidence: { at: countedFrom, detail },
      dueAt: deletionAt,
      action: "edit",
    },
  ];
}
