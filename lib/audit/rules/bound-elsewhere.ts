// A key that OKX answers 50110 ("caller IP not in the allowlist") and that never answered ok: the answer proves
// the key exists and is IP-bound, but not what it can do. The grade stays "?" (engine.ts) and this finding says
// how to learn the rest: from a bound machine, or through the master key's sub-account listing.
import { fixSteps, kwStep, type KwStep } from "../fix-steps";
import { KW_KEY_PAGE } from "../okx-links";
import { fmtDateTime } from "../time";
import type { Finding } from "../types";
import type { RuleContext } from "./context";

export function boundElsewhereRule(ctx: RuleContext): Finding[] {
  const { key, history } = ctx;
  const reached = history.lastReached;
  if (ctx.currentPerm !== null || !ctx.ipBindingProven || !reached) return [];
  const fix: (string | KwStep)[] = [];
  if (key.subAcct && key.parentKeyId) {
    fix.push(`Master key's page (the key that manages sub-account ${key.subAcct}) → Check now: its sub-account listing shows this key's permissions and IPs`);
  } else if (key.subAcct) {
    fix.push(
      `Add the master key that manages sub-account ${key.subAcct} (IP-bound, Read), then Check now on it: its sub-account listing shows this key's permissions and IPs`,
    );
  }
  fix.push(
    `${fix.length ? "Or check" : "Check"} it from a machine whose IP is on the key's allowlist: copy this vault there (Settings → Backup, then npx keywarden restore FILE) and run npx keywarden check "${key.label}" there`,
    kwStep(`If the key should also work from this machine, add this machine's IP on okx.com, then ${KW_KEY_PAGE} → Check now`, { kind: "check" }),
  );
  return [
    {
      rule: "bound-elsewhere",
      severity: "low",
      keyId: key.id,
      title: "Bound to other IPs: permissions not verified",
      why:
        "OKX refuses this machine's IP (50110), which proves the key exists and has an IP allowlist, but OKX tells " +
        "nothing more to a refused caller. Until the key is read from an allowed IP, Keywarden cannot say whether it " +
        "can trade or withdraw, so its grade is unknown (?).",
      ...fixSteps(...fix),
      evidence: {
        checkId: reached.id,
        at: reached.at,
        detail: `Check #${reached.id} at ${fmtDateTime(reached.at)} returned ${reached.code}${reached.message ? `: "${reached.message}"` : ""}; OKX never answered this key successfully`,
      },
      action: "check",
    },
  ];
}
