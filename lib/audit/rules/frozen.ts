// 50100: OKX has frozen the API key. okx-api.md: it is the key that is frozen, not necessarily the account, and
// only OKX support can say why or lift it. Until then nothing about the key can be verified or fixed, so this
// finding ranks first among the key's high findings (severity.ts) and its advice is support, then a new key.
import { fixSteps, kwStep } from "../fix-steps";
import { KW_KEY_PAGE, okxApiPage, okxWebHost } from "../okx-links";
import { fmtDateTime } from "../time";
import type { Finding } from "../types";
import type { RuleContext } from "./context";

export const FROZEN_CODE = "50100";

export function frozenRule(ctx: RuleContext): Finding[] {
  const { key } = ctx;
  const check = ctx.history.latestConclusive;
  if (!check || check.code !== FROZEN_CODE) return subAccountFrozen(ctx);
  const msg = check.message ? `: "${check.message}"` : "";
  return [
    {
      rule: "frozen",
      severity: "high",
      keyId: key.id,
      title: "OKX has frozen this API key (50100)",
      why:
        "OKX refuses every call made with this key, so each consumer using it is failing. OKX freezes the API key, " +
        "not necessarily the account (the account may trade normally on okx.com); only OKX support can say why or lift it.",
      ...fixSteps(
        `Contact OKX support (okx.com → Support → chat) about the API key '${key.label}' (fingerprint ${key.fingerprint}${key.subAcct ? `, sub-account ${key.subAcct}` : ""}): ask why it was frozen and whether the account is affected`,
        `Look at ${okxApiPage(key)} for the key's status, and stop the consumers that use it until OKX answers`,
        kwStep(
          `Once support has answered, replace the key rather than reuse it: create a new key on okx.com (IP-bound, only the permissions its purpose needs), then ${KW_KEY_PAGE} → Rotate and delete the frozen one`,
          { kind: "rotate" },
        ),
      ),
      evidence: { checkId: check.id, at: check.at, detail: `Check #${check.id} at ${fmtDateTime(check.at)} returned ${check.code}${msg}` },
      action: "rotate",
    },
  ];
}

/**
 * The master key's listing shows the key's sub-account disabled or with frozen functions (`enable` false or
 * `frozenFunc` not empty): whatever the key's permissions say, its consumers cannot use them fully.
 */
function subAccountFrozen(ctx: RuleContext): Finding[] {
  const { key } = ctx;
  const listing = key.listing;
  if (!listing?.subAccountFrozen) return [];
  return [
    {
      rule: "frozen",
      severity: "high",
      keyId: key.id,
      title: `The sub-account${key.subAcct ? ` '${key.subAcct}'` : ""} of this key is frozen or disabled on OKX`,
      why:
        "OKX's sub-account listing shows the account disabled or with frozen functions, so consumers of this key fail " +
        "on those functions (OKX answers 59508 for a suspended sub-account). Only the master account's owner or OKX support can lift it.",
      ...fixSteps(
        `Look at ${okxWebHost(key.region)} → Profile → Sub-accounts → '${key.subAcct ?? "?"}' for the account's status`,
        "If the sub-account is no longer used, delete its keys rather than leave them behind",
      ),
      evidence: { at: listing.at, detail: `Master key's sub-account listing at ${fmtDateTime(listing.at)}: sub-account disabled or frozenFunc not empty` },
      action: "check",
    },
  ];
}
