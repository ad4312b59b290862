// A key is "reached" by an ok answer or by ip_blocked (50110 proves the key exists and is IP-bound;
// a server-bound key answers this way from the dashboard machine forever, and that is healthy).
import { fixSteps, kwStep } from "../fix-steps";
import { KW_KEY_PAGE } from "../okx-links";
import { DAY_MS, daysBetween, fmtDateTime } from "../time";
import type { Finding } from "../types";
import type { RuleContext } from "./context";

export function staleCheckRule(ctx: RuleContext): Finding[] {
  const { key, history, policy, now } = ctx;
  // An unmanaged key cannot be checked (no secret here): its listing is its only source, and the unmanaged
  // finding says how old that listing is.
  if (key.unmanaged) return [];
  const reached = history.lastReached;
  const latest = history.latest;
  const latestNote = latest ? `; latest attempt #${latest.id} at ${fmtDateTime(latest.at)}: ${latest.outcome}${latest.code ? ` ${latest.code}` : ""}` : "";
  const fix = fixSteps(
    kwStep(`${KW_KEY_PAGE} → Check now`, { kind: "check" }),
    "If checks keep failing, the latest error on the key page says why (network, region, secret or passphrase)",
  );
  const why =
    "Without a recent answer from OKX, Keywarden cannot tell whether the key still exists, what it can do or whether it is IP-bound; every other finding may be out of date.";

  if (!reached) {
    return [
      {
        rule: "stale-check",
        severity: "medium",
        keyId: key.id,
        title: "Never checked successfully",
        why,
        ...fix,
        evidence: latest
          ? { checkId: latest.id, at: latest.at, detail: `No successful check since the key was added ${fmtDateTime(key.addedAt)}${latestNote}` }
          : { at: key.addedAt, detail: `Added ${fmtDateTime(key.addedAt)}; never checked` },
        action: "check",
      },
    ];
  }
  if (now.getTime() - reached.at.getTime() < policy.staleCheckDays * DAY_MS) return [];
  return [
    {
      rule: "stale-check",
      severity: "medium",
      keyId: key.id,
      title: `Not checked successfully for ${daysBetween(reached.at, now)} days`,
      why,
      ...fix,
      evidence: {
        checkId: reached.id,
        at: reached.at,
        detail: `Last successful check #${reached.id} at ${fmtDateTime(reached.at)} (${reached.outcome})${latestNote}`,
      },
      action: "check",
    },
  ];
}
