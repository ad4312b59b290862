import { KW_KEY_PAGE } from "../okx-links";
import { DAY_MS, fmtDate } from "../time";
import type { Finding, Severity } from "../types";
import { fixSteps, kwStep, type KwStep } from "../fix-steps";
import type { RuleContext } from "./context";

const SOURCE: Record<"user" | "added" | "okx", string> = {
  user: "entered by you",
  added: "assumed: the day it was added to Keywarden",
  okx: "reported by OKX",
};

const ENTER_DATE = kwStep(`If you know the real creation date: ${KW_KEY_PAGE} → Edit → Created on`, { kind: "edit", field: "createdOn" });

// Thresholds are inclusive: a key is "due" from the very instant rotationDueAt is reached.
// A key whose creation date the user did not know ("added") is measured from the day it was added: every title
// says so, because the real key can only be older; while that is under the warn threshold an info finding still
// says the age is unknown, so the missing date is not mistaken for a young key.
export function ageRule(ctx: RuleContext): Finding[] {
  const { key, policy, now, ageDays, rotationDueAt } = ctx;
  const unknown = key.createdOnSource === "added";
  const old = unknown ? `at least ${ageDays} days old (age unknown: counted from the day it was added)` : `${ageDays} days old`;
  const elapsed = now.getTime() - key.createdOn.getTime();
  const evidence = {
    at: key.createdOn,
    detail: `Created on ${fmtDate(key.createdOn)} (${SOURCE[key.createdOnSource]}); ${ageDays} days old on ${fmtDate(now)}`,
  };
  let severity: Severity;
  let title: string;
  if (elapsed >= policy.ageOverdueDays * DAY_MS) {
    severity = "high";
    title = `Rotation overdue: key is ${old} (limit ${policy.ageOverdueDays})`;
  } else if (elapsed >= policy.ageDueDays * DAY_MS) {
    severity = "medium";
    title = `Rotation due: key is ${old} (due at ${policy.ageDueDays})`;
  } else if (elapsed >= policy.ageWarnDays * DAY_MS) {
    severity = "low";
    title = `Key is ${old}: rotation due on ${fmtDate(rotationDueAt)}`;
  } else if (unknown) {
    return [
      {
        rule: "age",
        severity: "info",
        keyId: key.id,
        title: `Key age unknown: counted from the day it was added (${fmtDate(key.createdOn)}, ${ageDays} days ago)`,
        why:
          "You did not enter when the key was created on okx.com, and OKX does not say for master-account keys. The age warnings " +
          "count from the day it was added to Keywarden, so a key that is really older is flagged late.",
        ...fixSteps(kwStep(`Enter the real creation date: ${KW_KEY_PAGE} → Edit → Created on`, ENTER_DATE.action)),
        evidence,
        dueAt: rotationDueAt,
        action: "edit",
      },
    ];
  } else {
    return [];
  }
  const rotate = { kind: "rotate" } as const;
  const fix: (string | KwStep)[] = [
    kwStep(
      key.subAcct && key.parentKeyId
        ? `${KW_KEY_PAGE} → Rotate (automated for sub-account keys: Keywarden creates the new key through the master key, you switch each consumer, then the old key is deleted)`
        : `${KW_KEY_PAGE} → Rotate (guided: create the new key on okx.com, verify it, switch each consumer, then delete the old key)`,
      rotate,
    ),
    ...(key.subAcct && !key.parentKeyId
      ? [
          `To let Keywarden rotate it automatically next time: add the master key that manages sub-account ${key.subAcct} (IP-bound, Read + Trade), then Check now on it`,
        ]
      : []),
  ];
  if (unknown) fix.push(ENTER_DATE);
  return [
    {
      rule: "age",
      severity,
      keyId: key.id,
      title,
      why:
        "The longer a key lives, the more places it has been copied to (bot configs, backups, shell history, old servers). " +
        "Regular rotation limits how long a leaked copy stays useful; OKX recommends regenerating keys every few months.",
      ...fixSteps(...fix),
      evidence,
      dueAt: rotationDueAt,
      action: "rotate",
    },
  ];
}
