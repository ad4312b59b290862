// Rules about the latest conclusive answer from OKX (network errors and rate limits are skipped:
// they say nothing about the key).
//
// 50119 ("API key doesn't exist") is dead-key (critical) only when the key is known to be gone (gone.ts): no
// entity's host knows it, or the host that answered for it before no longer does. Otherwise it may be another
// entity's key, and it is an auth-error (high) saying so. 50111 ("Invalid OK-ACCESS-KEY") is a malformed or
// mistyped key, never a deletion: auth-error, re-enter the API key. 50113 / 50105 / 50101 → auth-error (high).
// Other codes are not findings here; stale-check picks up a key that keeps failing.
import { isRegion, regionName, REGIONS, type Region } from "@/lib/domain";
import { KEY_DOES_NOT_EXIST } from "../gone";
import { KW_KEY_PAGE, okxApiPage, okxWebHost } from "../okx-links";
import { fixSteps, kwStep } from "../fix-steps";
import { fmtDateTime } from "../time";
import type { AuditCheck, Evidence, Finding } from "../types";
import type { RuleContext } from "./context";

/** The codes deadKeyRule looks at; only 50119 with proof of deletion becomes a finding. */
export const DEAD_CODES: ReadonlySet<string> = new Set([KEY_DOES_NOT_EXIST]);

/** "EEA", or "this" on a check that did not record which entity it asked. */
function askedEntity(region: string | null | undefined): string {
  return isRegion(region) ? regionName(region) : "this";
}

function errorEvidence(check: AuditCheck, extra = ""): Evidence {
  const msg = check.message ? `: "${check.message}"` : "";
  return {
    checkId: check.id,
    at: check.at,
    detail: `Check #${check.id} at ${fmtDateTime(check.at)} returned ${check.code}${msg}${extra}`,
  };
}

/** "OKX's EEA host (eea.okx.com)": which host gave the answer, when the check recorded it. */
function hostAsked(check: AuditCheck): string {
  const own = check.host ? ` (${hostOf(check.host)})` : "";
  return `OKX's ${askedEntity(check.region)} host${own}`;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

function regionAdvice(region: Region): string {
  const others = REGIONS.filter((r) => r !== region)
    .map((r) => `${regionName(r)} (${okxWebHost(r)})`)
    .join(" or ");
  return (
    `If you log in to OKX at ${others} rather than ${regionName(region)} (${okxWebHost(region)}), ` +
    `set that region: ${KW_KEY_PAGE} → Edit → Region, then Check now`
  );
}

export function deadKeyRule(ctx: RuleContext): Finding[] {
  const { key, gone } = ctx;
  const check = ctx.history.latestConclusive;
  if (!check || !DEAD_CODES.has(check.code) || !gone) return [];
  const replace = kwStep(`Create a replacement on okx.com (with an IP allowlist), then ${KW_KEY_PAGE} → Rotate and update every consumer`, { kind: "rotate" });
  const retire = kwStep(`If nothing needs it any more, ${KW_KEY_PAGE} → Delete`, { kind: "delete" });
  if (gone.kind === "same-host") {
    const before = gone.answered;
    return [
      {
        rule: "dead-key",
        severity: "critical",
        keyId: key.id,
        title: "OKX says this key no longer exists (50119): it was deleted",
        why:
          `${hostAsked(check)} answered for this key in check #${before.id} (${fmtDateTime(before.at)}) and now says it does not exist, ` +
          "so the key was deleted: on okx.com, by OKX itself (keys that can trade or withdraw and have no IP allowlist are deleted " +
          "after 14 days unused) or by a rotation. Every consumer still using it is failing.",
        ...fixSteps(replace, retire),
        evidence: errorEvidence(check, `; check #${before.id} at ${fmtDateTime(before.at)} had answered on the same host`),
        action: "rotate",
      },
    ];
  }
  return [
    {
      rule: "dead-key",
      severity: "critical",
      keyId: key.id,
      title: "No OKX entity knows this key (50119): deleted, or never created",
      why:
        "Keywarden asked the hosts of every OKX entity (Global, EEA, US), live and demo, and none knows this key. It was deleted " +
        "(on okx.com, by OKX after 14 days unused without an IP allowlist, or by a rotation), or it was never created. " +
        "Every consumer using it is failing.",
      ...fixSteps(replace, retire),
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
            kwStep(
              `${KW_KEY_PAGE} → Replace secrets → re-enter the secret key exactly as OKX showed it at creation (the API key and passphrase stay), then Check now`,
              { kind: "replace-secret", field: "secretKey" },
            ),
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
            kwStep(
              `${KW_KEY_PAGE} → Replace secrets → re-enter the passphrase you chose when you created the key (the API key and secret key stay), then Check now`,
              { kind: "replace-secret", field: "passphrase" },
            ),
            kwStep(`OKX cannot recover a forgotten passphrase: create a new key on okx.com and ${KW_KEY_PAGE} → Rotate`, { kind: "rotate" }),
          ),
          action: "edit",
        },
      ];
    case "50111":
      return [
        {
          ...base,
          title: "OKX calls this API key invalid (50111): malformed or mistyped",
          why:
            "OKX refuses the stored API key before looking it up: it is not shaped like the keys OKX issues (a UUID), so it was " +
            "mistyped or pasted with extra characters. Keywarden cannot check the key until it is right.",
          ...fixSteps(
            kwStep(
              `Re-enter the API key exactly as okx.com shows it: ${KW_KEY_PAGE} → Replace secrets → API key (the secret key and passphrase stay), then Check now`,
              { kind: "replace-secret", field: "apiKey" },
            ),
            `Copy it from ${okxApiPage(key)} → '${ctx.okxLabel || key.label}' (stored here with fingerprint ${key.fingerprint})`,
          ),
          action: "edit",
        },
      ];
    case KEY_DOES_NOT_EXIST:
      // Known to be deleted: deadKeyRule reports it.
      if (ctx.gone) return [];
      return [
        {
          ...base,
          title: `${hostAsked(check)} does not know this key (50119)`,
          why:
            "Each OKX entity (Global, EEA, US) has its own host, and it knows only its own keys: a key created on another entity " +
            "gets 50119 here although it works there. This host never answered for the key, so this alone does not mean it was " +
            "deleted. Keywarden asks the other entities' hosts to find the one that knows it; if none does, the key is reported as deleted.",
          ...fixSteps(
            kwStep(`${KW_KEY_PAGE} → Check now: Keywarden asks the other OKX entities' hosts`, { kind: "check" }),
            kwStep(regionAdvice(key.region), { kind: "edit", field: "region" }),
          ),
          action: "check",
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
