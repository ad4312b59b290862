import { KW_KEY_PAGE } from "../okx-links";
import { DAY_MS, fmtDate } from "../time";
import type { Finding, Severity } from "../types";
import type { RuleContext } from "./context";

const SOURCE: Record<"user" | "added" | "okx", string> = {
  user: "entered by you",
  added: "assumed: the day it was added to Keywarden",
  okx: "reported by OKX",
};

// Thresholds are inclusive: a key is "due" from the very instant rotationDueAt is reached.
export function ageRule(ctx: RuleContext): Finding[] {
  const { key, policy, now, ageDays, rotationDueAt } = ctx;
  const elapsed = now.getTime() - key.createdOn.getTime();
  let severity: Severity;
  let title: string;
  if (elapsed >= policy.ageOverdueDays * DAY_MS) {
    severity = "high";
    title = `Rotation overdue: key is ${ageDays} days old (limit ${policy.ageOverdueDays})`;
  } else if (elapsed >= policy.ageDueDays * DAY_MS) {
    severity = "medium";
    title = `Rotation due: key is ${ageDays} days old (due at ${policy.ageDueDays})`;
  } else if (elapsed >= policy.ageWarnDays * DAY_MS) {
    severity = "low";
    title = `Key is ${ageDays} days old: rotation due on ${fmtDate(rotationDueAt)}`;
  } else {
    return [];
  }
  const fix = [
    key.subAcct && key.parentKeyId
      ? `${KW_KEY_PAGE} → Rotate (automated for sub-account keys: Keywarden creates the new key through the master key, you switch each consumer, then the old key is deleted)`
      : `${KW_KEY_PAGE} → Rotate (guided: create the new key on okx.com, verify it, switch each consumer, then delete the old key)`,
    ...(key.subAcct && !key.parentKeyId
      ? [`To let Keywarden rotate it automatically next time: add the master key that manages sub-account ${key.subAcct} (IP-bound, Read + Trade), then Check now on it`]
      : []),
  ];
  if (key.createdOnSource === "added") {
    fix.push(`If you know the real creation date: ${KW_KEY_PAGE} → Edit → Created on`);
  }
  return [
    {
      rule: "age",
      severity,
      keyId: key.id,
      title,
      why:
        "The longer a key lives, the more places it has been copied to (bot configs, backups, shell history, old servers). " +
        "Regular rotation limits how long a leaked copy stays useful; OKX recommends regenerating keys every few months.",
      fix,
      evidence: {
        at: key.createdOn,
        detail: `Created on ${fmtDate(key.createdOn)} (${SOURCE[key.createdOnSource]}); ${ageDays} days old on ${fmtDate(now)}`,
      },
      dueAt: rotationDueAt,
      action: "rotate",
    },
  ];
}
