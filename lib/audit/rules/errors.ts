// Rules about the latest conclusive answer from OKX (network errors and rate limits are skipped:
// they say nothing about the key).
//
// Decision for 50119 ("key does not exist"): it is reported once, as dead-key (critical), with the
// wrong-region advice first, because a wrong region host is the commonest cause and the cheapest to fix.
// 50111 → dead-key. 50113 / 50105 / 50101 → auth-error (high). Other codes are not findings here;
// stale-check picks up a key that keeps failing.
import { KW_KEY_PAGE, okxApiPage, okxWebHost } from "../okx-links";
import { fixSteps, kwStep } from "../fix-steps";
import { fmtDateTime } from "../time";
import type { AuditCheck, Evidence, Finding, Region } from "../types";
import type { RuleContext } from "./context";

export const DEAD_CODES: ReadonlySet<string> = new Set(["50111", "50119"]);

const REGION_NAME: Record<Region, string> = { global: "Global", eea: "EEA", us: "US" };

function errorEvidence(check: AuditCheck): Evidence {
  const msg = check.message ? `: "${check.message}"` : "";
  return {
    checkId: check.id,
    at: check.at,
    detail: `Check #${check.id} at ${fmtDateTime(check.at)} returned ${check.code}${msg}`,
  };
}

function regionAdvice(region: Region): string {
  const others = (Object.keys(REGION_NAME) as Region[])
    .filter((r) => r !== region)
    .map((r) => `${REGION_NAME[r]} (${okxWebHost(r)})`)
    .join(" or ");
  return (
    `Check the region: this key is set to ${REGION_NAME[region]} (${okxWebHost(region)}). ` +
    `If you log in to OKX at ${others}, change it: ${KW_KEY_PAGE} → Edit → Region, then Check now`
  );
}

export function deadKeyRule(ctx: RuleContext): Finding[] {
  const { key } = ctx;
  const check = ctx.history.latestConclusive;
  if (!check || !DEAD_CODES.has(check.code)) return [];
  if (check.code === "50119") {
    return [
      {
        rule: "dead-key",
        severity: "critical",
        keyId: key.id,
        title: "OKX says this key does not exist (50119): deleted, or the wrong region",
        why:
          "Every consumer using this key is failing. Keys belong to one OKX entity: an EEA key sent to www.okx.com " +
          "(or a Global key sent to my.okx.com) gets 50119 although it is alive; otherwise the key was deleted.",
        ...fixSteps(
          kwStep(regionAdvice(key.region), { kind: "edit", field: "region" }),
          kwStep(`If '${key.label}' is not listed at ${okxApiPage(key)}, it is deleted: create a replacement on okx.com, then ${KW_KEY_PAGE} → Rotate`, { kind: "rotate" }),
        ),
        evidence: errorEvidence(check),
        action: "edit",
      },
    ];
  }
  return [
    {
      rule: "dead-key",
      severity: "critical",
      keyId: key.id,
      title: "OKX rejects this key (50111): deleted or mistyped",
      why:
        "OKX no longer accepts this API key, so every consumer using it is failing. It was deleted (by you, or by OKX " +
        "after 14 days unused without an IP allowlist), or the stored API key is mistyped.",
      ...fixSteps(
        `${okxApiPage(key)} → look for '${key.label}' (fingerprint ${key.fingerprint})`,
        kwStep(`If it is listed, re-enter the API key: ${KW_KEY_PAGE} → Replace secrets → API key (the secret key and passphrase stay), then Check now`, { kind: "replace-secret", field: "apiKey" }),
        kwStep(`If it is gone, create a replacement on okx.com, then ${KW_KEY_PAGE} → Rotate and update every consumer`, { kind: "rotate" }),
      ),
      evidence: errorEvidence(check),
      action: "rotate",
    },
  ];
}

export function authErrorRule(ctx: RuleContext): Finding[] {
  const { key } = ctx;
  const check = ctx.history.latestConclusive;
  if (!check) return [];
  const base = { rule: "auth-error" as const, severity: "high" as const, keyId: key.id, evidence: errorEvidence(check) };
  switch (check.code) {
    case "50113":
      return [
        {
          ...base,
          title: "Wrong secret key (50113: invalid signature)",
          why: "Keywarden cannot verify this key, so its permissions, IP binding and OKX's deletion clock are unknown.",
          ...fixSteps(
            kwStep(`${KW_KEY_PAGE} → Replace secrets → re-enter the secret key exactly as OKX showed it at creation (the API key and passphrase stay), then Check now`, { kind: "replace-secret", field: "secretKey" }),
            kwStep(`OKX shows a secret only once: if it is lost, create a new key on okx.com and ${KW_KEY_PAGE} → Rotate`, { kind: "rotate" }),
          ),
          action: "edit",
        },
      ];
    case "50105":
      return [
        {
          ...base,
          title: "Wrong passphrase (50105)",
          why: "Keywarden cannot verify this key, so its permissions, IP binding and OKX's deletion clock are unknown.",
          ...fixSteps(
            kwStep(`${KW_KEY_PAGE} → Replace secrets → re-enter the passphrase you chose when you created the key (the API key and secret key stay), then Check now`, { kind: "replace-secret", field: "passphrase" }),
            kwStep(`OKX cannot recover a forgotten passphrase: create a new key on okx.com and ${KW_KEY_PAGE} → Rotate`, { kind: "rotate" }),
          ),
          action: "edit",
        },
      ];
    case "50101":
      return [
        {
          ...base,
          title: "Key does not match the environment (50101): demo flag or region",
          why:
            "Demo-trading keys only work with demo requests and live keys only with live ones, and a key belongs to one " +
            "OKX entity. Until this is fixed Keywarden cannot verify the key.",
          ...fixSteps(
            kwStep(
              `This key is marked ${key.demo ? "demo" : "live"}. If it was created ${key.demo ? "outside" : "under"} Demo trading on okx.com, ` +
                `${KW_KEY_PAGE} → Edit → ${key.demo ? "untick" : "tick"} Demo`,
              { kind: "edit", field: "demo" },
            ),
            kwStep(regionAdvice(key.region), { kind: "edit", field: "region" }),
          ),
          action: "edit",
        },
      ];
    default:
      return [];
  }
}
