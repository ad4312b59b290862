// Rules about what the key can do, as OKX last reported it (latest ok check).
import { permWord, purposeNoun } from "@/lib/domain";
import { fixSteps, kwStep } from "../fix-steps";
import { KW_KEY_PAGE, okxEditKey, okxWebHost } from "../okx-links";
import { canMoveFunds, excessPerms } from "../perms";
import type { Evidence, Finding } from "../types";
import { quoteIp, quotePerm, seenInCheck, type RuleContext } from "./context";

function permEvidence(seen: NonNullable<RuleContext["permSeen"]>, detail: string): Evidence {
  return { checkId: seen.checkId, at: seen.at, detail: `${seen.how}: ${detail}` };
}

export function withdrawRule(ctx: RuleContext): Finding[] {
  const { key, currentPerm } = ctx;
  const check = ctx.permSeen;
  if (!check || !currentPerm || !currentPerm.includes("withdraw") || key.purpose === "withdraw") return [];
  return [
    {
      rule: "withdraw",
      severity: "critical",
      keyId: key.id,
      title: `Withdraw is enabled on a ${purposeNoun(key.purpose)}`,
      why:
        `Anyone who obtains this key (a leaked bot config, a compromised server, a backup) can move funds off OKX. ` +
        `A ${purposeNoun(key.purpose)} never needs to withdraw.`,
      ...fixSteps(
        `${okxEditKey(key, ctx.okxLabel)} → untick Withdraw → Confirm`,
        kwStep(`${KW_KEY_PAGE} → Check now, to confirm OKX no longer reports Withdraw`, { kind: "check" }),
        kwStep(`If the key may already have leaked, replace it instead: ${KW_KEY_PAGE} → Rotate`, { kind: "rotate" }),
      ),
      evidence: permEvidence(check, `OKX reported perm ${quotePerm(currentPerm)}; declared purpose "${key.purpose}"`),
      action: "check",
    },
  ];
}

// Withdraw is left to the withdraw rule (critical), so one excess permission is never reported twice.
export function excessPermissionRule(ctx: RuleContext): Finding[] {
  const { key, currentPerm } = ctx;
  const check = ctx.permSeen;
  if (!check || !currentPerm) return [];
  const excess = excessPerms(key.purpose, currentPerm).filter((p) => p !== "withdraw");
  if (excess.length === 0) return [];
  const words = excess.map(permWord);
  const title =
    key.purpose === "read" && excess.length === 1 && excess[0] === "trade"
      ? "Trade is enabled on a read-only tracker"
      : `${words.join(" and ")} enabled beyond what a ${purposeNoun(key.purpose)} needs`;
  return [
    {
      rule: "excess-permission",
      severity: "high",
      keyId: key.id,
      title,
      why:
        `A leaked copy of this key can do everything it is allowed to. A ${purposeNoun(key.purpose)} only needs ` +
        `Read${key.purpose === "read" ? "" : " and Trade"}; the extra permission is risk with no benefit.`,
      ...fixSteps(
        `${okxEditKey(key, ctx.okxLabel)} → untick ${words.join(", ")} → Confirm`,
        kwStep(`If the key really needs it, change its declared purpose instead: ${KW_KEY_PAGE} → Edit → Purpose`, { kind: "edit", field: "purpose" }),
        kwStep(`${KW_KEY_PAGE} → Check now, to confirm`, { kind: "check" }),
      ),
      evidence: permEvidence(check, `OKX reported perm ${quotePerm(currentPerm)}; declared purpose "${key.purpose}"`),
      action: "check",
    },
  ];
}

export function noIpRule(ctx: RuleContext): Finding[] {
  const { key, currentPerm, currentIp, policy } = ctx;
  const check = ctx.permSeen;
  if (!check || !currentPerm || !currentIp || currentIp.length > 0 || ctx.ipBindingProven || ctx.deletedOnOkx) return [];
  const movesFunds = canMoveFunds(currentPerm);
  const verb = currentPerm.includes("withdraw") ? "withdraw" : "trade";
  const hosts = key.consumers.map((c) => c.host?.trim()).filter((h): h is string => !!h);
  return [
    {
      rule: "no-ip",
      severity: movesFunds || policy.readOnlyNeedsIp ? "high" : "medium",
      keyId: key.id,
      title: movesFunds ? `No IP allowlist on a key that can ${verb}` : "No IP allowlist on a read-only key",
      why: key.demo
        ? "A demo key moves only simulated funds, and OKX does not delete unbound demo keys, so this is low risk. " +
          "Bound to its consumers' IPs, a leaked copy cannot even read or trade the demo account."
        : movesFunds
          ? `Without an allowlist the key works from any machine in the world, so a leaked copy can ${verb} at once. ` +
            "OKX also deletes unbound live trade/withdraw keys after 14 days without use."
          : "A leaked read-only key shows balances, positions and trade history to anyone. Bound to its consumers' IPs, a leaked copy is useless.",
      ...fixSteps(
        hosts.length > 0
          ? `Find the public IP of each machine that uses the key (${hosts.join(", ")})`
          : "Find the public IP of each machine that uses the key",
        `${okxEditKey(key, ctx.okxLabel)} → IP address → add those IPs (up to 20) → Confirm`,
        kwStep(`${KW_KEY_PAGE} → Check now (if this machine's IP is not on the list, OKX answers 50110: expected, and it proves the binding)`, {
          kind: "check",
        }),
      ),
      evidence: permEvidence(check, `OKX reported perm ${quotePerm(currentPerm)} and IP allowlist: ${quoteIp(currentIp)}`),
      action: "check",
    },
  ];
}

export function masterKeyBotRule(ctx: RuleContext): Finding[] {
  const { key, currentPerm, history } = ctx;
  const check = history.lastOk;
  // A master key Keywarden uses to manage sub-account keys must be on the master account: nothing to suggest.
  if (key.demo || key.managesSubAccounts || ctx.deletedOnOkx || !check || !check.uid || !check.mainUid || check.uid !== check.mainUid) return [];
  const trades = key.purpose !== "read" || (currentPerm?.includes("trade") ?? false);
  if (!trades) return [];
  const evidence = permEvidence(seenInCheck(check), `uid ${check.uid} equals mainUid (master account); perm ${quotePerm(currentPerm)}`);
  if (key.purpose === "read") {
    // A tracker or tax tool needs no sub-account (it only reads): the fix is to take Trade away.
    return [
      {
        rule: "master-key-bot",
        severity: "low",
        keyId: key.id,
        title: "Trade enabled on a read-only key of the master account",
        why: "A read-only tool never trades. With Trade on the master account, a leaked copy of this key can trade " + "everything the account holds.",
        ...fixSteps(
          `${okxEditKey(key, ctx.okxLabel)} → untick Trade → Confirm`,
          kwStep(`${KW_KEY_PAGE} → Check now, to confirm OKX no longer reports Trade`, { kind: "check" }),
        ),
        evidence,
        action: "check",
      },
    ];
  }
  return [
    {
      rule: "master-key-bot",
      severity: "low",
      keyId: key.id,
      title: "Trading key on the master account",
      why:
        "A bot key on the master account can trade everything the account holds. A sub-account limits what a faulty or " +
        "compromised bot can reach, and Keywarden can rotate sub-account keys automatically.",
      ...fixSteps(
        `${okxWebHost(key.region)} → Profile → Sub-accounts → Create sub-account`,
        "Transfer only the bot's working funds to the sub-account",
        kwStep(`Create the bot's key in the sub-account, add it to Keywarden, then ${KW_KEY_PAGE} → Rotate to move the bot over`, { kind: "rotate" }),
      ),
      evidence,
      action: "rotate",
    },
  ];
}
