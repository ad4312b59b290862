// A key OKX lists under a stored master key that Keywarden does not hold. Nobody here has its secret, so nothing
// says which app uses it, whether it is still needed, or where its secret is kept: the risk is the key itself.
// A trade-capable key is high (it can place orders on the sub-account); a read-only one is medium.
import { fixSteps, kwStep } from "../fix-steps";
import { DAY_MS, daysBetween, fmtDateTime } from "../time";
import type { Finding } from "../types";
import { quoteIp, quotePerm, type RuleContext } from "./context";

export function unmanagedRule(ctx: RuleContext): Finding[] {
  const { key, now, policy } = ctx;
  if (!key.unmanaged || !key.listing) return [];
  const canTrade = ctx.currentPerm?.includes("trade") ?? true;
  const old = now.getTime() - key.listing.at.getTime() >= policy.staleCheckDays * DAY_MS;
  return [
    {
      rule: "unmanaged",
      severity: canTrade ? "high" : "medium",
      keyId: key.id,
      title: `On OKX but not in Keywarden: nobody here holds this ${canTrade ? "trade-capable " : ""}key`,
      why:
        "A key no one tracks is the one nobody remembers to rotate or delete: its secret may sit in an old bot config or a " +
        "leaked file, and OKX never shows the secret again. Either adopt it (enter its secret and passphrase so Keywarden " +
        "checks and rotates it) or delete it on OKX." +
        (old ? ` The listing is ${daysBetween(key.listing.at, now)} days old: check the master key '${key.unmanaged.masterLabel}' again to refresh it.` : ""),
      ...fixSteps(
        kwStep("If an app still uses it: Keywarden → Keys → this unmanaged key → Adopt (its secret key and passphrase, from where that app keeps them)", {
          kind: "adopt",
        }),
        kwStep(`If nothing uses it: Keywarden → Keys → this unmanaged key → Delete on OKX (through the master key '${key.unmanaged.masterLabel}')`, {
          kind: "delete-on-okx",
        }),
      ),
      evidence: {
        at: key.listing.at,
        detail: `Master key '${key.unmanaged.masterLabel}' listed it at ${fmtDateTime(key.listing.at)}${key.subAcct ? ` under sub-account '${key.subAcct}'` : ""}: perm ${quotePerm(ctx.currentPerm)}, IPs ${quoteIp(ctx.currentIp)}`,
      },
      action: "edit",
    },
  ];
}
